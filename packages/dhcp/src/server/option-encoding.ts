import { parseIpv4 } from '@wirecraft/packet';
import { DhcpConfigError } from '../leases/lease-errors.js';

/** A value for an option configured by name: addresses, text, a number, or the raw bytes. */
export type OptionValue = string | readonly string[] | number | Uint8Array;

type Encoding = 'ipv4' | 'ipv4-list' | 'text' | 'u8' | 'u16' | 'u32' | 'domain-list';

interface NamedOption {
  readonly code: number;
  readonly encoding: Encoding;
}

/**
 * The options a pool may set by name (RFC 2132 names in scapy's spelling where scapy has one). Any other
 * option is set by its code ('option_150' or '150') with raw bytes or hex text.
 */
const NAMED_OPTIONS: Readonly<Record<string, NamedOption>> = {
  subnet_mask: { code: 1, encoding: 'ipv4' },
  router: { code: 3, encoding: 'ipv4-list' },
  time_server: { code: 4, encoding: 'ipv4-list' },
  name_server: { code: 6, encoding: 'ipv4-list' },
  log_server: { code: 7, encoding: 'ipv4-list' },
  hostname: { code: 12, encoding: 'text' },
  domain: { code: 15, encoding: 'text' },
  default_ttl: { code: 23, encoding: 'u8' },
  interface_mtu: { code: 26, encoding: 'u16' },
  broadcast_address: { code: 28, encoding: 'ipv4' },
  NTP_server: { code: 42, encoding: 'ipv4-list' },
  ntp_server: { code: 42, encoding: 'ipv4-list' },
  vendor_specific: { code: 43, encoding: 'text' },
  NetBIOS_server: { code: 44, encoding: 'ipv4-list' },
  tftp_server_name: { code: 66, encoding: 'text' },
  boot_file_name: { code: 67, encoding: 'text' },
  domain_search: { code: 119, encoding: 'domain-list' },
};

export function namedOptionCode(name: string): number | undefined {
  return NAMED_OPTIONS[name]?.code;
}

/** Encodes one configured option to its code and bytes; throws DhcpConfigError naming the option and value. */
export function encodeNamedOption(
  field: string,
  name: string,
  value: OptionValue,
): { code: number; data: Uint8Array } {
  const named = NAMED_OPTIONS[name];
  if (named !== undefined)
    return { code: named.code, data: encodeValue(`${field}.${name}`, named.encoding, value) };
  const match = /^(?:option_)?(\d{1,3})$/.exec(name);
  const code = match === null ? -1 : Number(match[1]);
  if (code < 1 || code > 254) {
    throw new DhcpConfigError(
      `${field}.${name}`,
      value,
      `unknown option name; use one of ${Object.keys(NAMED_OPTIONS).join(', ')}, or option_<code> with bytes`,
    );
  }
  return { code, data: rawBytes(`${field}.${name}`, value) };
}

function rawBytes(field: string, value: OptionValue): Uint8Array {
  if (value instanceof Uint8Array) return checkLength(field, value);
  if (typeof value === 'string' && /^(?:[0-9a-fA-F]{2})*$/.test(value.replaceAll(':', ''))) {
    const hex = value.replaceAll(':', '');
    const out = new Uint8Array(hex.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
    return checkLength(field, out);
  }
  throw new DhcpConfigError(
    field,
    value,
    'give an option set by code as a Uint8Array or hex text such as "0a:0b"',
  );
}

function checkLength(field: string, data: Uint8Array): Uint8Array {
  if (data.length > 255)
    throw new DhcpConfigError(field, `${data.length} bytes`, 'keep an option to 255 bytes');
  return data;
}

function encodeValue(field: string, encoding: Encoding, value: OptionValue): Uint8Array {
  if (value instanceof Uint8Array) return checkLength(field, value);
  switch (encoding) {
    case 'ipv4':
    case 'ipv4-list': {
      const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
      if (list === undefined || list.length === 0 || (encoding === 'ipv4' && list.length !== 1)) {
        throw new DhcpConfigError(
          field,
          value,
          encoding === 'ipv4' ? 'give one IPv4 address' : 'give IPv4 addresses',
        );
      }
      const out = new Uint8Array(list.length * 4);
      list.forEach((text, index) => {
        const n = typeof text === 'string' ? parseIpv4(text) : -1;
        if (n < 0) throw new DhcpConfigError(field, text, 'write an IPv4 address as a.b.c.d');
        out[index * 4] = n >>> 24;
        out[index * 4 + 1] = n >>> 16;
        out[index * 4 + 2] = n >>> 8;
        out[index * 4 + 3] = n;
      });
      return checkLength(field, out);
    }
    case 'text':
      if (typeof value !== 'string' || value.length === 0)
        throw new DhcpConfigError(field, value, 'give non-empty text');
      return checkLength(field, new TextEncoder().encode(value));
    case 'u8':
    case 'u16':
    case 'u32': {
      const bytes = encoding === 'u8' ? 1 : encoding === 'u16' ? 2 : 4;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= 2 ** (bytes * 8)) {
        throw new DhcpConfigError(field, value, `give an integer 0..${2 ** (bytes * 8) - 1}`);
      }
      const out = new Uint8Array(bytes);
      for (let i = 0; i < bytes; i++) out[i] = Math.floor(value / 2 ** (8 * (bytes - 1 - i))) & 0xff;
      return out;
    }
    case 'domain-list': {
      const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
      if (list === undefined) throw new DhcpConfigError(field, value, 'give domain names');
      return checkLength(field, encodeDomainList(field, list));
    }
  }
}

/** RFC 3397: domain names in DNS wire format, without compression (always valid, a little longer). */
function encodeDomainList(field: string, names: readonly string[]): Uint8Array {
  const bytes: number[] = [];
  for (const name of names) {
    for (const label of name.split('.').filter((l) => l.length > 0)) {
      const encoded = new TextEncoder().encode(label);
      if (encoded.length > 63) throw new DhcpConfigError(field, name, 'keep each label to 63 bytes');
      bytes.push(encoded.length, ...encoded);
    }
    bytes.push(0);
  }
  return Uint8Array.from(bytes);
}
