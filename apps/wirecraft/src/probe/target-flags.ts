import { canonicalIpv4, formatIpv4, parseIpv4 } from '@wirecraft/packet';
import { UsageError } from '../cli/command.js';

/** `--pool FIRST-LAST` as two canonical addresses, first <= last. */
export function parsePoolRange(text: string): [string, string] {
  const ends = text.split('-');
  const first = ends.length === 2 ? canonicalIpv4(ends[0].trim()) : undefined;
  const last = ends.length === 2 ? canonicalIpv4(ends[1].trim()) : undefined;
  if (!first || !last) {
    throw new UsageError(
      `--pool ${JSON.stringify(text)} is not a range: write FIRST-LAST, e.g. 198.18.5.100-198.18.5.199`,
    );
  }
  if (parseIpv4(first) >>> 0 > parseIpv4(last) >>> 0) {
    throw new UsageError(`--pool ${text}: the first address is above the last; swap them`);
  }
  return [first, last];
}

export interface Subnet {
  network: string;
  prefixLength: number;
}

/** The network containing `address` for a prefix length (host bits cleared). */
export function subnetOf(address: string, prefixLength: number): Subnet {
  const mask = prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
  return { network: formatIpv4((parseIpv4(address) & mask) >>> 0), prefixLength };
}

export function containsAddress(subnet: Subnet, address: string): boolean {
  return subnetOf(address, subnet.prefixLength).network === subnet.network;
}

/** `--subnet NET/LEN` canonicalised to the network address: 198.18.5.7/24 -> 198.18.5.0/24. */
export function parseSubnetOption(text: string): string {
  const [address, length, ...rest] = text.split('/');
  const canonical = canonicalIpv4(address ?? '');
  const prefixLength = Number(length);
  if (!canonical || rest.length > 0 || !/^\d+$/.test(length ?? '') || prefixLength > 32) {
    throw new UsageError(`--subnet ${JSON.stringify(text)} is not NET/LEN, e.g. 198.18.5.0/24`);
  }
  const subnet = subnetOf(canonical, prefixLength);
  return `${subnet.network}/${prefixLength}`;
}
