import { writeFileSync } from 'node:fs';
import type { Lab, LabSide } from '../lab.js';
import type { LabProcess } from '../lab-process.js';
import type { CommandResult } from '../run-command.js';
import { clientEnd } from './client-end.js';
import { type DhclientLease, parseDhclientLeases } from './dhclient-lease-file.js';
import { waitForEvent } from './event-waiter.js';
import { readLeaseFile } from './lease-file-reader.js';
import { peerFile } from './peer-files.js';
import { parseReports, reportScript, words } from './report-script.js';

export interface DhclientEvent {
  /** PREINIT, BOUND, RENEW, REBIND, REBOOT, EXPIRE, FAIL, RELEASE, STOP... */
  reason: string;
  interface?: string;
  ip?: string;
  subnetMask?: string;
  routers: string[];
  dns: string[];
  domain?: string;
  hostname?: string;
  /** Seconds. */
  leaseTime?: number;
  serverId?: string;
}

export interface DhclientOptions {
  ns?: LabSide;
  iface?: string;
  /** Sent as option 12 (send host-name). */
  hostname?: string;
  /** dhclient's `timeout`: seconds before giving up on a lease. Default 10. */
  timeoutSec?: number;
  /**
   * The lease file to read and write; default a fresh one in tmpDir. Give the leaseFile of an earlier run to
   * restart dhclient on its recorded lease (it then starts in INIT-REBOOT).
   */
  leaseFile?: string;
  /** More dhclient.conf statements, e.g. 'reboot 2;' (seconds in INIT-REBOOT before falling back to DISCOVER). */
  config?: string[];
  extraArgs?: string[];
}

export interface DhclientClient {
  readonly process: LabProcess;
  readonly leaseFile: string;
  events(): DhclientEvent[];
  /** The first event with one of these reasons at index >= fromIndex. */
  waitForEvent(reason: string | string[], timeoutMs: number, fromIndex?: number): Promise<DhclientEvent>;
  /** Parsed lease file (every lease dhclient recorded). */
  readLeases(): Promise<DhclientLease[]>;
  /** `dhclient -r`: stops this dhclient and sends a RELEASE. */
  release(): Promise<CommandResult & { events: DhclientEvent[] }>;
  stop(): Promise<void>;
}

export interface DhclientRun {
  events: DhclientEvent[];
  lease: DhclientEvent;
  leases: DhclientLease[];
}

const marker = 'WIRECRAFT_DHCLIENT_EVENT';
const reportedVariables = [
  'interface',
  'new_ip_address',
  'new_subnet_mask',
  'new_routers',
  'new_domain_name_servers',
  'new_domain_name',
  'new_host_name',
  'new_dhcp_lease_time',
  'new_dhcp_server_identifier',
];
const boundReasons = ['BOUND', 'RENEW', 'REBIND', 'REBOOT'];

/** Long-running ISC dhclient (-d -1) with a reporting script that configures nothing. */
export function startDhclient(lab: Lab, options: DhclientOptions = {}): DhclientClient {
  const { ns, iface } = clientEnd(lab, options.ns, options.iface);
  const script = peerFile(lab.tmpDir, 'dhclient', '.sh');
  const configFile = peerFile(lab.tmpDir, 'dhclient', '.conf');
  const leaseFile = options.leaseFile ?? peerFile(lab.tmpDir, 'dhclient', '.leases');
  const pidFile = peerFile(lab.tmpDir, 'dhclient', '.pid');
  writeFileSync(script, reportScript(marker, 'reason', '$reason', reportedVariables), { mode: 0o755 });
  const config = [`timeout ${options.timeoutSec ?? 10};`];
  if (options.hostname !== undefined)
    config.push(`send host-name "${options.hostname.replaceAll('"', '')}";`);
  config.push(...(options.config ?? []));
  writeFileSync(configFile, `${config.join('\n')}\n`);
  const files = ['-cf', configFile, '-sf', script, '-lf', leaseFile, '-pf', pidFile];
  const child = lab.spawn(['dhclient', '-d', '-1', '-v', ...files, ...(options.extraArgs ?? []), iface], {
    ns,
  });
  const events = (): DhclientEvent[] => parseReports(marker, child.stdout).map(toEvent);
  return {
    process: child,
    leaseFile,
    events,
    waitForEvent(reason, timeoutMs, fromIndex = 0) {
      const reasons = Array.isArray(reason) ? reason : [reason];
      const accept = (event: DhclientEvent): boolean => reasons.includes(event.reason);
      return waitForEvent(child, events, accept, `a ${reasons.join('/')} event`, timeoutMs, fromIndex);
    },
    readLeases: () => readLeaseFile(leaseFile, parseDhclientLeases),
    async release() {
      const result = await lab.exec(['dhclient', '-r', '-v', ...files, iface], { ns, timeoutMs: 15_000 });
      await child.exited;
      return { ...result, events: parseReports(marker, result.stdout).map(toEvent) };
    },
    stop: () => child.stop(),
  };
}

/** Obtain one lease with dhclient, then stop it (without releasing). */
export async function runDhclient(lab: Lab, options: DhclientOptions = {}): Promise<DhclientRun> {
  const client = startDhclient(lab, options);
  try {
    const lease = await client.waitForEvent(boundReasons, ((options.timeoutSec ?? 10) + 5) * 1000);
    return { events: client.events(), lease, leases: await leasesAfterBind(client, lease.ip) };
  } finally {
    await client.stop();
  }
}

/**
 * dhclient runs its script (our BOUND event) before it appends the lease to its file: under load the file
 * can still lack it when the event arrives. Reads until the last lease is the bound address, for 3 s at most.
 */
async function leasesAfterBind(client: DhclientClient, ip: string | undefined): Promise<DhclientLease[]> {
  const deadline = Date.now() + 3000;
  let leases = await client.readLeases();
  while (leases.at(-1)?.fixedAddress !== ip && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    leases = await client.readLeases();
  }
  return leases;
}

function toEvent(raw: Record<string, string>): DhclientEvent {
  return {
    reason: raw.reason,
    interface: raw.interface,
    ip: raw.new_ip_address,
    subnetMask: raw.new_subnet_mask,
    routers: words(raw.new_routers),
    dns: words(raw.new_domain_name_servers),
    domain: raw.new_domain_name,
    hostname: raw.new_host_name,
    leaseTime: raw.new_dhcp_lease_time === undefined ? undefined : Number(raw.new_dhcp_lease_time),
    serverId: raw.new_dhcp_server_identifier,
  };
}
