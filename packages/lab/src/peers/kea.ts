import { writeFileSync } from 'node:fs';
import { LabOptionError } from '../errors.js';
import type { Lab } from '../lab.js';
import type { LabProcess } from '../lab-process.js';
import { requireIpv4, toList } from './ipv4-option.js';
import { type KeaLease, parseKeaLeases } from './kea-lease-file.js';
import { readLeaseFile } from './lease-file-reader.js';
import { peerFile } from './peer-files.js';
import { awaitReady } from './peer-readiness.js';

export interface KeaOptions {
  /** 'first - last', e.g. '198.18.7.10 - 198.18.7.200'. */
  pool: string;
  /** valid-lifetime, seconds. Default 3600. */
  leaseTime?: number;
  router?: string;
  dns?: string | string[];
  /** Option 15 (domain-name). */
  domain?: string;
  renewTimer?: number;
  rebindTimer?: number;
  /** Kea logger severity. Default INFO (DEBUG floods the output under load). */
  logSeverity?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  readyTimeoutMs?: number;
}

export interface KeaPeer {
  readonly process: LabProcess;
  readonly configFile: string;
  readonly leaseFile: string;
  readonly controlSocket: string;
  /** Current leases from the memfile journal (released ones dropped). */
  readLeases(): Promise<KeaLease[]>;
  stop(): Promise<void>;
}

/** kea-dhcp4 on the lab's peer end, all of its files (config, leases, socket, pid, lock) in tmpDir. */
export async function startKea(lab: Lab, options: KeaOptions): Promise<KeaPeer> {
  const pool = /^\s*(\S+)\s*-\s*(\S+)\s*$/.exec(options.pool);
  if (!pool) throw new LabOptionError('pool', options.pool, "write it as 'first - last'");
  requireIpv4('pool', pool[1]);
  requireIpv4('pool', pool[2]);
  const configFile = peerFile(lab.tmpDir, 'kea-dhcp4', '.json');
  const leaseFile = peerFile(lab.tmpDir, 'kea-leases4', '.csv');
  const controlSocket = peerFile(lab.tmpDir, 'kea', '.sock');
  const optionData: Array<{ name: string; data: string }> = [];
  if (options.router !== undefined)
    optionData.push({ name: 'routers', data: requireIpv4('router', options.router) });
  const dns = toList(options.dns).map((server) => requireIpv4('dns', server));
  if (dns.length > 0) optionData.push({ name: 'domain-name-servers', data: dns.join(', ') });
  if (options.domain !== undefined) optionData.push({ name: 'domain-name', data: options.domain });
  const timers: Record<string, number> = {};
  if (options.renewTimer !== undefined) timers['renew-timer'] = options.renewTimer;
  if (options.rebindTimer !== undefined) timers['rebind-timer'] = options.rebindTimer;
  const config = {
    Dhcp4: {
      'interfaces-config': { interfaces: [lab.peerIface], 'dhcp-socket-type': 'raw' },
      'control-socket': { 'socket-type': 'unix', 'socket-name': controlSocket },
      'lease-database': { type: 'memfile', persist: true, name: leaseFile, 'lfc-interval': 0 },
      'valid-lifetime': options.leaseTime ?? 3600,
      ...timers,
      subnet4: [
        {
          id: 1,
          subnet: lab.subnet,
          interface: lab.peerIface,
          pools: [{ pool: `${pool[1]} - ${pool[2]}` }],
          'option-data': optionData,
        },
      ],
      loggers: [
        {
          name: 'kea-dhcp4',
          output_options: [{ output: 'stdout' }],
          severity: options.logSeverity ?? 'INFO',
        },
      ],
    },
  };
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  // Kea's pid and logger lock files default to /run/kea: two labs would fight over them.
  const env = { ...process.env, KEA_PIDFILE_DIR: lab.tmpDir, KEA_LOCKFILE_DIR: lab.tmpDir };
  const child = lab.spawn(['kea-dhcp4', '-c', configFile], { env });
  await awaitReady('kea-dhcp4', child, /DHCP4_STARTED/, options.readyTimeoutMs);
  return {
    process: child,
    configFile,
    leaseFile,
    controlSocket,
    readLeases: () => readLeaseFile(leaseFile, parseKeaLeases),
    stop: () => child.stop(),
  };
}
