/**
 * IPv4 options (RFC 791 §3.1) listed from the option bytes the IP layer keeps. Never throws: a malformed
 * option ends the list and is described in `error`, with everything before it still listed.
 */
export const IP_OPTION_NAMES: Readonly<Record<number, string>> = {
  0: 'EOL',
  1: 'NOP',
  7: 'RR',
  68: 'Timestamp',
  82: 'Traceroute',
  130: 'Security',
  131: 'LSRR',
  136: 'Stream ID',
  137: 'SSRR',
  148: 'Router Alert',
};

/**
 * The shortest valid length (type and length octets included) of options that carry fixed parts: a route
 * needs its pointer, a timestamp its pointer and flags, fixed-size options their whole value. Wireshark's
 * IPv4 dissector uses the same minimums and stops at a shorter option; other types need only 2.
 */
const MINIMUM_LENGTH: Readonly<Record<number, number>> = {
  7: 3, // Record Route: pointer
  11: 4, // MTU Probe (RFC 1063)
  12: 4, // MTU Reply (RFC 1063)
  25: 8, // Quick-Start (RFC 4782)
  68: 4, // Timestamp: pointer, overflow and flags
  82: 12, // Traceroute (RFC 1393)
  130: 3, // Security (RFC 1108)
  131: 3, // Loose Source Route: pointer
  133: 3, // Extended Security (RFC 1108)
  134: 6, // Commercial Security (CIPSO): domain of interpretation
  136: 4, // Stream ID
  137: 3, // Strict Source Route: pointer
  148: 4, // Router Alert (RFC 2113)
};

export interface IpOption {
  /** Offset within the options bytes. */
  offset: number;
  type: number;
  name: string;
  /** Bytes on the wire, type and length octets included (1 for EOL and NOP). */
  length: number;
  data: Uint8Array;
}

export interface IpOptionList {
  options: IpOption[];
  /** Set when an option is malformed; the listing stops there. */
  error?: { offset: number; message: string };
}

export function listIpOptions(bytes: Uint8Array): IpOptionList {
  const options: IpOption[] = [];
  let o = 0;
  while (o < bytes.length) {
    const type = bytes[o];
    const name = IP_OPTION_NAMES[type] ?? `option ${type}`;
    if (type === 0 || type === 1) {
      options.push({ offset: o, type, name, length: 1, data: new Uint8Array(0) });
      o++;
      // Everything after End of Option List is padding.
      if (type === 0) break;
      continue;
    }
    if (o + 1 >= bytes.length) {
      return { options, error: { offset: o, message: `${name} at offset ${o} has no length octet` } };
    }
    const length = bytes[o + 1];
    const minimum = MINIMUM_LENGTH[type] ?? 2;
    if (length < minimum || o + length > bytes.length) {
      return {
        options,
        error: {
          offset: o,
          message: `${name} at offset ${o} has length ${length}; ${bytes.length - o} bytes remain and the minimum is ${minimum}`,
        },
      };
    }
    options.push({ offset: o, type, name, length, data: bytes.slice(o + 2, o + length) });
    o += length;
  }
  return { options };
}
