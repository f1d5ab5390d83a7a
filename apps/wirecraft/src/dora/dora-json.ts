import type { DhcpLease } from '@wirecraft/dhcp';
import type { DoraEvent, DoraOutcome } from './dora-run.js';

/** The lease without what is not JSON-safe or not meaningful outside the process (options, engine time). */
export type LeaseJson = Omit<DhcpLease, 'startedAt' | 'options'>;

export function leaseJson(lease: DhcpLease): LeaseJson {
  const json: LeaseJson = {
    address: lease.address,
    serverId: lease.serverId,
    serverMac: lease.serverMac,
    routers: lease.routers,
    dnsServers: lease.dnsServers,
    leaseTime: lease.leaseTime,
    renewalTime: lease.renewalTime,
    rebindingTime: lease.rebindingTime,
  };
  if (lease.subnetMask !== undefined) json.subnetMask = lease.subnetMask;
  if (lease.domainName !== undefined) json.domainName = lease.domainName;
  return json;
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

/** The machine form of one event: flat, JSON-safe, no dissected packets or raw option bytes. */
export function doraEventJson(event: DoraEvent): Record<string, unknown> {
  switch (event.type) {
    case 'sent':
    case 'received':
      return { type: event.type, time: round(event.time), ...event.summary };
    case 'offer':
      return {
        type: 'offer',
        time: round(event.time),
        count: event.count,
        address: event.offer.address,
        serverId: event.offer.serverId ?? null,
        serverMac: event.offer.serverMac,
      };
    case 'offer-chosen':
      return {
        type: 'offer-chosen',
        time: round(event.time),
        address: event.offer.address,
        serverId: event.offer.serverId ?? null,
        among: event.among,
      };
    case 'lease':
      return { type: 'lease', time: round(event.time), kind: event.kind, lease: leaseJson(event.lease) };
    case 'error':
      return { type: 'error', time: round(event.time), message: event.error.message };
    default:
      return { ...event, time: round(event.time) };
  }
}

/** The last line of `dora --json`: did it work, and the lease it ended with. */
export function doraResultJson(outcome: DoraOutcome): Record<string, unknown> {
  return {
    type: 'result',
    ok: outcome.ok,
    offers: outcome.offers,
    lease: outcome.lease ? leaseJson(outcome.lease) : null,
    ...(outcome.failure !== undefined ? { error: outcome.failure } : {}),
  };
}
