import { canonicalIpv4, formatIpv4, parseIpv4, randomIpv4 } from '../../field/ipv4.js';
import { randomInt } from '../../field/random.js';
import type { JsonValue } from '../../field/spec.js';
import { DhcpOptionValueError, MALFORMED, type OptionCodec } from '../option-codec.js';
import { copyDomainList, domainListWire, readDomainList } from './domain-names.js';
import { normalizeDomainNames } from './domain-search.js';

/** Option 120 (RFC 3361): SIP servers by name (enc 0) or by IPv4 address (enc 1), never both. */
export type SipServers = { names: string[] } | { addresses: string[] };
/** Besides the stored form, a plain list: all IPv4 addresses means enc 1, else names (enc 0). */
export type SipServersInput = SipServers | readonly string[];

const ENC_NAMES = 0;
const ENC_ADDRESSES = 1;

function normalizeAddresses(list: unknown, option: string): string[] {
  if (!Array.isArray(list)) throw new DhcpOptionValueError(option, list, 'expected a list of IPv4 addresses');
  return list.map((a: unknown) => {
    const canonical = typeof a === 'string' ? canonicalIpv4(a) : undefined;
    if (canonical === undefined) throw new DhcpOptionValueError(option, a, 'expected an IPv4 address');
    return canonical;
  });
}

export const sipServersCodec: OptionCodec<SipServers, SipServersInput> = {
  expects: 'an encoding byte, then domain names (0) or IPv4 addresses (1)',
  normalize(input, option) {
    if (Array.isArray(input)) {
      const list = input as readonly unknown[];
      return list.length > 0 && list.every((a) => typeof a === 'string' && parseIpv4(a) >= 0)
        ? { addresses: normalizeAddresses(list, option) }
        : { names: normalizeDomainNames(list, option) };
    }
    if (typeof input === 'object' && input !== null) {
      if ('names' in input && !('addresses' in input))
        return { names: normalizeDomainNames(input.names, option) };
      if ('addresses' in input && !('names' in input))
        return { addresses: normalizeAddresses(input.addresses, option) };
    }
    throw new DhcpOptionValueError(
      option,
      input,
      'expected { names: [...] } or { addresses: [...] } (RFC 3361 allows one kind per option)',
    );
  },
  length: (v) => 1 + ('names' in v ? domainListWire(v.names).length : v.addresses.length * 4),
  write(out, offset, v) {
    if ('names' in v) {
      out[offset] = ENC_NAMES;
      out.set(domainListWire(v.names), offset + 1);
      return;
    }
    out[offset] = ENC_ADDRESSES;
    v.addresses.forEach((a, i) => {
      const n = parseIpv4(a);
      if (n < 0) return;
      const o = offset + 1 + 4 * i;
      out[o] = n >>> 24;
      out[o + 1] = n >>> 16;
      out[o + 2] = n >>> 8;
      out[o + 3] = n;
    });
  },
  read(b, start, end) {
    if (end - start < 1) return MALFORMED;
    if (b[start] === ENC_NAMES) {
      // Pointers are offsets from the first byte after the encoding byte (RFC 3361 §3.1).
      const names = readDomainList(b, start + 1, end);
      return names === MALFORMED ? MALFORMED : { names };
    }
    if (b[start] !== ENC_ADDRESSES || (end - start - 1) % 4 !== 0) return MALFORMED;
    const addresses: string[] = [];
    for (let o = start + 1; o < end; o += 4)
      addresses.push(formatIpv4(((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0));
    return { addresses };
  },
  json(v): JsonValue {
    return 'names' in v ? { names: v.names.slice() } : { addresses: v.addresses.slice() };
  },
  repr: (v) =>
    'names' in v
      ? `names=[${v.names.map((n) => JSON.stringify(n)).join(', ')}]`
      : `addresses=[${v.addresses.join(', ')}]`,
  random: () =>
    randomInt(2) === 0
      ? { names: ['sip.example.com', 'sip2.example.com'].slice(0, 1 + randomInt(2)) }
      : { addresses: Array.from({ length: 1 + randomInt(3) }, () => randomIpv4()) },
  copy: (v) => ('names' in v ? { names: copyDomainList(v.names) } : { addresses: v.addresses.slice() }),
};
