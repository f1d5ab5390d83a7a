/**
 * Addresses a check needs, derived from the target's configuration (never hard-coded per server): one in
 * the pool, one on the subnet but outside the pool, one on another subnet.
 */
import { formatIpv4, parseIpv4 } from '@wirecraft/packet';
import type { ProbeTarget } from '../probe.js';

function maskOf(prefixLength: number): number {
  return prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
}

export function subnetMask(target: ProbeTarget): string {
  return formatIpv4(maskOf(target.prefixLength));
}

export function inSubnet(target: ProbeTarget, address: string): boolean {
  const mask = maskOf(target.prefixLength);
  return (parseIpv4(address) & mask) >>> 0 === (parseIpv4(target.subnet) & mask) >>> 0;
}

export function inPool(target: ProbeTarget, address: string): boolean {
  const n = parseIpv4(address);
  return n >= parseIpv4(target.poolStart) && n <= parseIpv4(target.poolEnd);
}

export function poolSize(target: ProbeTarget): number {
  return parseIpv4(target.poolEnd) - parseIpv4(target.poolStart) + 1;
}

/** The same host part on the neighbouring subnet of the same size: never on the target's network. */
export function foreignAddress(target: ProbeTarget): string {
  const mask = maskOf(target.prefixLength);
  const network = (parseIpv4(target.subnet) & mask) >>> 0;
  const neighbour = (network ^ (2 ** (32 - target.prefixLength))) >>> 0;
  const host = (parseIpv4(target.poolStart) & ~mask) >>> 0;
  return formatIpv4((neighbour | host) >>> 0);
}

/**
 * A pool address picked at random from the upper half of the pool: servers allocate from the bottom (kea,
 * ours) or by a hash of the MAC (dnsmasq), so the upper half of a pool sized for the suite is rarely taken.
 */
export function randomPoolAddress(target: ProbeTarget): string {
  const start = parseIpv4(target.poolStart);
  const size = poolSize(target);
  const half = Math.floor(size / 2);
  return formatIpv4(start + half + Math.floor(Math.random() * (size - half)));
}

/** An address on the subnet outside the pool that is neither the server's nor the relay's, if any. */
export function staticAddress(target: ProbeTarget): string | undefined {
  const mask = maskOf(target.prefixLength);
  const network = (parseIpv4(target.subnet) & mask) >>> 0;
  const broadcast = (network | ~mask) >>> 0;
  const taken = new Set([target.serverAddress, target.relayAddress, target.router]);
  const start = parseIpv4(target.poolStart);
  const end = parseIpv4(target.poolEnd);
  for (let n = broadcast - 1; n > network; n--) {
    const text = formatIpv4(n);
    if ((n < start || n > end) && !taken.has(text)) return text;
  }
  return undefined;
}
