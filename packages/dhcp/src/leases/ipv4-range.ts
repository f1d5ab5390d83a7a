import { formatIpv4, parseIpv4 } from '@wirecraft/packet';
import { DhcpConfigError } from './lease-errors.js';

/** An IPv4 subnet as numbers: network address, prefix length and mask. */
export interface Ipv4Subnet {
  readonly network: number;
  readonly prefixLength: number;
  readonly mask: number;
  readonly broadcast: number;
  readonly text: string;
}

export function parseAddress(field: string, text: string): number {
  const value = typeof text === 'string' ? parseIpv4(text) : -1;
  if (value < 0) throw new DhcpConfigError(field, text, 'write an IPv4 address as a.b.c.d');
  return value;
}

export function maskOf(prefixLength: number): number {
  return prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
}

export function parseSubnet(field: string, text: string): Ipv4Subnet {
  const slash = typeof text === 'string' ? text.indexOf('/') : -1;
  const prefixLength = slash < 0 ? Number.NaN : Number(text.slice(slash + 1));
  if (slash < 0 || !Number.isInteger(prefixLength) || prefixLength < 1 || prefixLength > 30) {
    throw new DhcpConfigError(
      field,
      text,
      'write a subnet as a.b.c.d/len with len 1..30, e.g. 198.18.0.0/24',
    );
  }
  const address = parseAddress(field, text.slice(0, slash));
  const mask = maskOf(prefixLength);
  const network = (address & mask) >>> 0;
  const broadcast = (network | ~mask) >>> 0;
  return { network, prefixLength, mask, broadcast, text: `${formatIpv4(network)}/${prefixLength}` };
}

export function inSubnet(subnet: Ipv4Subnet, address: number): boolean {
  return (address & subnet.mask) >>> 0 === subnet.network;
}

/** 'a-b' or [a, b] to an inclusive numeric range inside the subnet (never its network or broadcast address). */
export function parseRange(
  field: string,
  range: string | readonly [string, string],
  subnet: Ipv4Subnet,
): { first: number; last: number } {
  const parts = typeof range === 'string' ? range.split('-') : range;
  if (!Array.isArray(parts) || parts.length !== 2) {
    throw new DhcpConfigError(field, range, "write a range as 'a.b.c.d-e.f.g.h' or ['a.b.c.d', 'e.f.g.h']");
  }
  const first = parseAddress(field, String(parts[0]).trim());
  const last = parseAddress(field, String(parts[1]).trim());
  if (first > last) throw new DhcpConfigError(field, range, 'the first address must not be above the last');
  if (!inSubnet(subnet, first) || !inSubnet(subnet, last)) {
    throw new DhcpConfigError(field, range, `keep the range inside the pool's subnet ${subnet.text}`);
  }
  if (first === subnet.network || last === subnet.broadcast) {
    throw new DhcpConfigError(
      field,
      range,
      `leave out the network and broadcast addresses of ${subnet.text}`,
    );
  }
  return { first, last };
}
