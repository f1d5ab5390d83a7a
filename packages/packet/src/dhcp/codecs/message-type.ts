import { randomInt } from '../../field/random.js';
import { DhcpOptionValueError, MALFORMED, type OptionCodec } from '../option-codec.js';

/**
 * DHCP message types (option 53): scapy's names for 1-13 (RFC 2131, 3203, 4388), then RFC 6926 (14, 15),
 * RFC 7724 (16, 17) and RFC 7724 §5.2 TLS (18).
 */
export const DHCP_MESSAGE_TYPES = {
  1: 'discover',
  2: 'offer',
  3: 'request',
  4: 'decline',
  5: 'ack',
  6: 'nak',
  7: 'release',
  8: 'inform',
  9: 'force_renew',
  10: 'lease_query',
  11: 'lease_unassigned',
  12: 'lease_unknown',
  13: 'lease_active',
  14: 'bulk_lease_query',
  15: 'lease_query_done',
  16: 'active_lease_query',
  17: 'lease_query_status',
  18: 'tls',
} as const;

export type DhcpMessageTypeName = (typeof DHCP_MESSAGE_TYPES)[keyof typeof DHCP_MESSAGE_TYPES];

const NAMES: (DhcpMessageTypeName | undefined)[] = new Array(256).fill(undefined);
const CODES = new Map<string, number>();
for (const [code, name] of Object.entries(DHCP_MESSAGE_TYPES)) {
  NAMES[Number(code)] = name;
  CODES.set(name, Number(code));
}

/** The code of a message type name, or undefined. */
export function messageTypeCode(value: DhcpMessageTypeName | number): number {
  return typeof value === 'number' ? value : (CODES.get(value) ?? -1);
}

/** The name of a message type code, or the code itself when it has none (as scapy keeps unknown ints). */
export function messageTypeName(code: number): DhcpMessageTypeName | number {
  return NAMES[code] ?? code;
}

/** Option 53: the name for known types, a number for unknown ones. Names and codes are accepted as input. */
export const messageTypeCodec: OptionCodec<DhcpMessageTypeName | number> = {
  expects: 'one byte',
  normalize(input, option) {
    if (typeof input === 'string') {
      const code = CODES.get(input.toLowerCase());
      if (code === undefined)
        throw new DhcpOptionValueError(
          option,
          input,
          `unknown message type; known: ${Object.values(DHCP_MESSAGE_TYPES).join(', ')}`,
        );
      return NAMES[code]!;
    }
    if (typeof input !== 'number' || !Number.isInteger(input) || input < 0 || input > 255)
      throw new DhcpOptionValueError(option, input, 'expected a message type name or an integer 0..255');
    return messageTypeName(input);
  },
  length: () => 1,
  write(out, offset, value) {
    out[offset] = typeof value === 'number' ? value : CODES.get(value)!;
  },
  read: (b, start, end) => (end - start === 1 ? messageTypeName(b[start]) : MALFORMED),
  json: (v) => v,
  repr: (v) => String(v),
  random: () => messageTypeName(1 + randomInt(18)),
};
