import { OPTION } from '../wire/dhcp-constants.js';
import {
  type DhcpMessage,
  type DhcpOption,
  optionIpv4,
  optionIpv4List,
  optionText,
  optionU32,
} from '../wire/dhcp-message.js';

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
  options: DhcpOption[];
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
  const leaseTime = optionU32(ack, OPTION.LEASE_TIME) ?? INFINITE_LEASE;
  const timers = leaseTimers(
    leaseTime,
    optionU32(ack, OPTION.RENEWAL_TIME),
    optionU32(ack, OPTION.REBINDING_TIME),
  );
  const lease: DhcpLease = {
    address: ack.yiaddr,
    serverId: optionIpv4(ack, OPTION.SERVER_ID) ?? fallbackServerId,
    serverMac,
    routers: optionIpv4List(ack, OPTION.ROUTER),
    dnsServers: optionIpv4List(ack, OPTION.DNS_SERVER),
    leaseTime,
    ...timers,
    startedAt,
    options: ack.options,
  };
  const mask = optionIpv4(ack, OPTION.SUBNET_MASK);
  if (mask) lease.subnetMask = mask;
  const domain = optionText(ack, OPTION.DOMAIN_NAME);
  if (domain) lease.domainName = domain.replace(/\0+$/, '');
  return lease;
}
