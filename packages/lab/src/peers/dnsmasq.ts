import { LabOptionError } from '../errors.js';
import type { Lab } from '../lab.js';
import type { LabProcess } from '../lab-process.js';
import { type DnsmasqLease, parseDnsmasqLeases } from './dnsmasq-lease-file.js';
import { requireIpv4, toList } from './ipv4-option.js';
import { readLeaseFile } from './lease-file-reader.js';
import { peerFile } from './peer-files.js';
import { awaitReady } from './peer-readiness.js';

export interface DnsmasqOptions {
  rangeStart: string;
  rangeEnd: string;
  /** Seconds; dnsmasq refuses less than 120. Default 3600. */
  leaseTime?: number;
  router?: string;
  dns?: string | string[];
  domain?: string;
  extraArgs?: string[];
  /** How long to wait for dnsmasq to report its DHCP range. Default 10 s. */
  readyTimeoutMs?: number;
}

export interface DnsmasqPeer {
  readonly process: LabProcess;
  readonly leaseFile: string;
  /** The leases dnsmasq has written so far (it rewrites the file after every change). */
  readLeases(): Promise<DnsmasqLease[]>;
  stop(): Promise<void>;
}

const minimumLeaseTime = 120;

/** dnsmasq as a DHCP-only server on the lab's peer end (DNS off, no ping before offering). */
export async function startDnsmasq(lab: Lab, options: DnsmasqOptions): Promise<DnsmasqPeer> {
  requireIpv4('rangeStart', options.rangeStart);
  requireIpv4('rangeEnd', options.rangeEnd);
  const leaseTime = options.leaseTime ?? 3600;
  if (!Number.isInteger(leaseTime) || leaseTime < minimumLeaseTime) {
    throw new LabOptionError('leaseTime', leaseTime, `dnsmasq needs whole seconds >= ${minimumLeaseTime}`);
  }
  const leaseFile = peerFile(lab.tmpDir, 'dnsmasq', '.leases');
  const dhcpOptions: string[] = [];
  if (options.router !== undefined) {
    dhcpOptions.push(`--dhcp-option=option:router,${requireIpv4('router', options.router)}`);
  }
  const dns = toList(options.dns).map((server) => requireIpv4('dns', server));
  if (dns.length > 0) dhcpOptions.push(`--dhcp-option=option:dns-server,${dns.join(',')}`);
  if (options.domain !== undefined) dhcpOptions.push(`--dhcp-option=option:domain-name,${options.domain}`);
  const child = lab.spawn([
    'dnsmasq',
    '--no-daemon',
    '--conf-file=/dev/null',
    '--port=0',
    '--bind-interfaces',
    `--interface=${lab.peerIface}`,
    `--dhcp-range=${options.rangeStart},${options.rangeEnd},${leaseTime}`,
    `--dhcp-leasefile=${leaseFile}`,
    '--no-ping',
    '--dhcp-authoritative',
    '--dhcp-lease-max=100000',
    '--log-dhcp',
    '--log-facility=-',
    ...dhcpOptions,
    ...(options.extraArgs ?? []),
  ]);
  await awaitReady('dnsmasq', child, /DHCP, IP range/, options.readyTimeoutMs);
  return {
    process: child,
    leaseFile,
    readLeases: () => readLeaseFile(leaseFile, parseDnsmasqLeases),
    stop: () => child.stop(),
  };
}
