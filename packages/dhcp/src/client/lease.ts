import type { DhcpOptionList } from '@wirecraft/packet';
import type { DhcpMessage } from '../wire/dhcp-message.js';

/** A lease as the client holds it. Durations are RFC seconds; instants are engine milliseconds (real). */
export interface DhcpLease {
  address: string;
  serverId: string;
  /** L2 source of the ACK: where unicast renewals go. */
  serverMac: string;
  subnetMask?: string;
  routers: string[];
  dnsServers: string[];
  domainName?: string;
  /** Seconds; 0xffffffff means infinite. */
  leaseTime: number;
  renewalTime: number;
  rebindingTime: number;
  /** Engine time (real ms) when the request that produced this lease was sent (RFC 2131 §4.4.1). */
  startedAt: number;
  /** Every option of the ACK, decoded by the packet registry (get(code), entries()). */
  options: DhcpOptionList;
}

export const INFINITE_LEASE = 0xffffffff;

/**
 * T1 and T2 in seconds: options 58/59 when the server sends them and they are consistent
 * (T1 < T2 < lease), otherwise the RFC 2131 §4.4.5 defaults 0.5 and 0.875 of the lease.
 */
export function leaseTimers(
  leaseTime: number,
  t1Option?: number,
  t2Option?: number,
): { renewalTime: number; rebindingTime: number } {
  if (leaseTime === INFINITE_LEASE) return { renewalTime: INFINITE_LEASE, rebindingTime: INFINITE_LEASE };
  let rebindingTime =
    t2Option !== undefined && t2Option < leaseTime ? t2Option : Math.floor(leaseTime * 0.875);
  let renewalTime =
    t1Option !== undefined && t1Option < rebindingTime ? t1Option : Math.floor(leaseTime * 0.5);
  if (renewalTime > rebindingTime) {
    renewalTime = Math.floor(leaseTime * 0.5);
    rebindingTime = Math.floor(leaseTime * 0.875);
  }
  return { renewalTime, rebindingTime };
}

export function leaseFromAck(
  ack: DhcpMessage,
  serverMac: string,
  startedAt: number,
  fallbackServerId: string,
): DhcpLease {
  const leaseTime = ack.option('lease_time') ?? INFINITE_LEASE;
  const timers = leaseTimers(leaseTime, ack.option('renewal_time'), ack.option('rebinding_time'));
  const lease: DhcpLease = {
    address: ack.yiaddr,
    serverId: ack.option('server_id') ?? fallbackServerId,
    serverMac,
    routers: ack.option('router') ?? [],
    dnsServers: ack.option('name_server') ?? [],
    leaseTime,
    ...timers,
    startedAt,
    options: ack.options,
  };
  const mask = ack.option('subnet_mask');
  if (mask) lease.subnetMask = mask;
  const domain = ack.option('domain');
  if (domain) lease.domainName = domain.replace(/\0+$/, '');
  return lease;
}
