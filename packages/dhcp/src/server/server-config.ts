import type { Link } from '@wirecraft/capture';
import { canonicalMac, formatIpv4 } from '@wirecraft/packet';
import { type Ipv4Subnet, inSubnet, parseAddress, parseRange, parseSubnet } from '../leases/ipv4-range.js';
import { DhcpConfigError } from '../leases/lease-errors.js';
import type { AllocationRange } from '../leases/lease-table.js';
import { type OptionValue, type PoolOption, poolOption } from './pool-option.js';

export interface DhcpPoolOptions {
  /** Inclusive address range: 'a.b.c.d-e.f.g.h' or [first, last]. */
  range: string | readonly [string, string];
  /** 'a.b.c.d/len': the subnet the range lies in (sent as option 1; picks the pool for relayed requests). */
  subnet: string;
  router?: string | readonly string[];
  dns?: string | readonly string[];
  domain?: string;
  /** Seconds; default 3600. */
  leaseTime?: number;
  /** T1 seconds; default 0.5 of the lease. */
  renewalTime?: number;
  /** T2 seconds; default 0.875 of the lease. */
  rebindingTime?: number;
  /**
   * Any other option by its @wirecraft/packet registry name (e.g. NTP_server, 'interface-mtu', with that
   * option's value type), or by code ('option_150' or '150') with raw bytes (a Uint8Array or hex text).
   */
  options?: Readonly<Record<string, OptionValue>>;
  /** Serve this pool to directly attached clients only on the link of this name (default: every link). */
  link?: string;
}

export interface DhcpReservation {
  mac?: string;
  /** Client identifier (option 61) as hex, e.g. '01:02:00:00:00:00:01'. */
  clientId?: string;
  address: string;
  hostname?: string;
}

export type ServerLog = (line: string) => void;

export interface DhcpServerOptions {
  links: readonly Link[];
  /** Our address: option 54 and the IP source of every reply. */
  serverId: string;
  /** Ethernet source of replies; default: the MAC of the interface a live link is named after, else derived from serverId. */
  serverMac?: string;
  pools: readonly DhcpPoolOptions[];
  reservations?: readonly DhcpReservation[];
  /** Leases are written here (atomically, before each ACK) and read back on start. */
  leaseFile?: string;
  /** Multiplies every duration (lease, T1/T2, offer hold, quarantine): 0.001 turns seconds into milliseconds. */
  timeScale?: number;
  /** Seconds a declined address stays out of the pool; default 600. */
  declineQuarantine?: number;
  /** Seconds an offered address is held for its client; default 60. */
  offerHold?: number;
  /** Receives one line per event (the terminal app and tests use events() / on() instead). */
  log?: ServerLog;
}

export interface ResolvedPool {
  readonly index: number;
  readonly subnet: Ipv4Subnet;
  readonly range: AllocationRange;
  readonly leaseTime: number;
  readonly renewalTime: number;
  readonly rebindingTime: number;
  /** Options sent on request (PRL) or by default, in the order configured, keyed by code. */
  readonly options: ReadonlyMap<number, PoolOption>;
  readonly link: string | undefined;
}

export interface ResolvedReservation {
  /** The identity the reservation is held under: 'mac:...' or 'id:...'. */
  readonly clientKey: string;
  readonly mac: string | undefined;
  readonly clientIdHex: string | undefined;
  readonly address: number;
  readonly hostname: string | undefined;
}

function seconds(field: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > 0xfffffffe) {
    throw new DhcpConfigError(field, value, 'give whole seconds 1..4294967294');
  }
  return value;
}

function addressList(field: string, value: string | readonly string[]): string[] {
  const list = typeof value === 'string' ? [value] : [...value];
  for (const address of list) parseAddress(field, address);
  return list;
}

export function resolvePools(pools: readonly DhcpPoolOptions[]): ResolvedPool[] {
  if (!Array.isArray(pools) || pools.length === 0) {
    throw new DhcpConfigError(
      'pools',
      pools,
      "give at least one pool: [{ range: 'a-b', subnet: 'a.b.c.0/24' }]",
    );
  }
  const resolved = pools.map((pool, index): ResolvedPool => {
    const field = `pools[${index}]`;
    const subnet = parseSubnet(`${field}.subnet`, pool.subnet);
    const { first, last } = parseRange(`${field}.range`, pool.range, subnet);
    const leaseTime = seconds(`${field}.leaseTime`, pool.leaseTime, 3600);
    const renewalTime = seconds(`${field}.renewalTime`, pool.renewalTime, Math.floor(leaseTime * 0.5));
    const rebindingTime = seconds(
      `${field}.rebindingTime`,
      pool.rebindingTime,
      Math.floor(leaseTime * 0.875),
    );
    if (!(renewalTime < rebindingTime && rebindingTime < leaseTime) && leaseTime > 1) {
      throw new DhcpConfigError(
        field,
        { leaseTime, renewalTime, rebindingTime },
        'keep renewalTime < rebindingTime < leaseTime (RFC 2131 §4.4.5)',
      );
    }
    const options = new Map<number, PoolOption>();
    const put = (name: string, value: OptionValue) => {
      const option = poolOption(`${field}.${name}`, name, value);
      options.set(option.code, option);
    };
    put('subnet_mask', formatIpv4(subnet.mask));
    if (pool.router !== undefined) put('router', addressList(`${field}.router`, pool.router));
    if (pool.dns !== undefined) put('name_server', addressList(`${field}.dns`, pool.dns));
    if (pool.domain !== undefined) put('domain', pool.domain);
    for (const name of Object.keys(pool.options ?? {})) put(name, pool.options![name]);
    return {
      index,
      subnet,
      range: { first, last, cursor: first },
      leaseTime,
      renewalTime,
      rebindingTime,
      options,
      link: pool.link,
    };
  });
  for (const a of resolved) {
    for (const b of resolved) {
      if (a.index < b.index && a.range.first <= b.range.last && b.range.first <= a.range.last) {
        throw new DhcpConfigError(
          `pools[${b.index}].range`,
          pools[b.index].range,
          `overlaps pools[${a.index}]`,
        );
      }
    }
  }
  return resolved;
}

export function normalizeClientId(text: string): string {
  return text.toLowerCase().replaceAll(':', '');
}

export function resolveReservations(
  reservations: readonly DhcpReservation[],
  pools: readonly ResolvedPool[],
): ResolvedReservation[] {
  const seen = new Map<number, number>();
  return reservations.map((reservation, index) => {
    const field = `reservations[${index}]`;
    const address = parseAddress(`${field}.address`, reservation.address);
    if (!pools.some((pool) => inSubnet(pool.subnet, address))) {
      throw new DhcpConfigError(
        `${field}.address`,
        reservation.address,
        "put it inside one of the pools' subnets",
      );
    }
    const previous = seen.get(address);
    if (previous !== undefined) {
      throw new DhcpConfigError(
        `${field}.address`,
        reservation.address,
        `already reserved by reservations[${previous}]`,
      );
    }
    seen.set(address, index);
    let mac: string | undefined;
    if (reservation.mac !== undefined) {
      mac = canonicalMac(reservation.mac);
      if (mac === undefined)
        throw new DhcpConfigError(`${field}.mac`, reservation.mac, 'write a MAC as aa:bb:cc:dd:ee:ff');
    }
    let clientIdHex: string | undefined;
    if (reservation.clientId !== undefined) {
      clientIdHex = normalizeClientId(reservation.clientId);
      if (!/^(?:[0-9a-f]{2})+$/.test(clientIdHex)) {
        throw new DhcpConfigError(
          `${field}.clientId`,
          reservation.clientId,
          'write the client identifier as hex bytes, e.g. 01:02:00:00:00:00:01',
        );
      }
    }
    if (mac === undefined && clientIdHex === undefined) {
      throw new DhcpConfigError(field, reservation, 'give mac or clientId');
    }
    return {
      clientKey: clientIdHex !== undefined ? `id:${clientIdHex}` : `mac:${mac}`,
      mac,
      clientIdHex,
      address,
      hostname: reservation.hostname,
    };
  });
}
