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
    if (length < 2 || o + length > bytes.length) {
      return {
        options,
        error: {
          offset: o,
          message: `${name} at offset ${o} has length ${length}; ${bytes.length - o} bytes remain and the minimum is 2`,
        },
      };
    }
    options.push({ offset: o, type, name, length, data: bytes.slice(o + 2, o + length) });
    o += length;
  }
  return { options };
}
