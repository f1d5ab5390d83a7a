import { type Link, openLiveLink } from '@wirecraft/capture';
import { createLab, type Lab, type LabProcess, LabOptionError, startDnsmasq, startKea } from '@wirecraft/lab';
import { formatIpv4, parseIpv4 } from '@wirecraft/packet';
import { startNamespaceServer } from './lab/namespace-server.js';
import type { ProbeTarget } from './probe.js';

/** Defaults are chosen so every suite probe can run. */
export interface LabServerConfig {
  /** Seconds; default 3600. */
  leaseTime?: number;
  /** T1 seconds; default 1800. */
  renewTime?: number;
  /** T2 seconds; default 3150. */
  rebindTime?: number;
  /** Hand out the server's address as router (option 3); default true. */
  router?: boolean;
  /** Hand out the server's address as DNS server (option 6); default true. */
  dns?: boolean;
  /** Option 15; default 'lab.test'. */
  domain?: string;
  /** Addresses in the pool, from .100 up; default 100 (.100-.199), at most 155. */
  poolSize?: number;
}

export interface LabTarget {
  readonly lab: Lab;
  readonly link: Link;
  readonly target: ProbeTarget;
  close(): Promise<void>;
}

export type LabServerKind = 'dnsmasq' | 'kea' | 'wirecraft';

/** The first host number of every lab pool: clear of the server (.1) and our relay address (.2). */
const POOL_FIRST_HOST = 100;
const MAX_POOL_SIZE = 255 - POOL_FIRST_HOST;

interface ResolvedConfig {
  leaseTime: number;
  renewTime: number;
  rebindTime: number;
  router: boolean;
  dns: boolean;
  domain: string;
  poolSize: number;
}

function resolveConfig(config: LabServerConfig): ResolvedConfig {
  const resolved = {
    leaseTime: config.leaseTime ?? 3600,
    renewTime: config.renewTime ?? 1800,
    rebindTime: config.rebindTime ?? 3150,
    router: config.router ?? true,
    dns: config.dns ?? true,
    domain: config.domain ?? 'lab.test',
    poolSize: config.poolSize ?? 100,
  };
  for (const field of ['leaseTime', 'renewTime', 'rebindTime'] as const) {
    // dnsmasq refuses leases under two minutes; the same floor keeps the three servers comparable.
    if (!Number.isInteger(resolved[field]) || resolved[field] < 120) {
      throw new LabOptionError(field, resolved[field], 'give whole seconds >= 120');
    }
  }
  if (!(resolved.renewTime < resolved.rebindTime && resolved.rebindTime < resolved.leaseTime)) {
    throw new LabOptionError(
      'renewTime',
      { renewTime: resolved.renewTime, rebindTime: resolved.rebindTime, leaseTime: resolved.leaseTime },
      'keep renewTime < rebindTime < leaseTime',
    );
  }
  if (!Number.isInteger(resolved.poolSize) || resolved.poolSize < 1 || resolved.poolSize > MAX_POOL_SIZE) {
    throw new LabOptionError('poolSize', resolved.poolSize, `give 1..${MAX_POOL_SIZE} addresses`);
  }
  return resolved;
}

/** The address `host` in the lab's /24 (e.g. 100 -> 198.18.7.100). */
function hostIn(lab: Lab, host: number): string {
  const network = parseIpv4(lab.subnet.split('/')[0]);
  return formatIpv4(((network & 0xffffff00) | host) >>> 0);
}

function describeTarget(kind: LabServerKind, lab: Lab, config: ResolvedConfig): ProbeTarget {
  const server = lab.peerAddress;
  const target: ProbeTarget = {
    kind,
    serverAddress: server,
    subnet: lab.subnet.split('/')[0],
    prefixLength: lab.prefixLength,
    poolStart: hostIn(lab, POOL_FIRST_HOST),
    poolEnd: hostIn(lab, POOL_FIRST_HOST + config.poolSize - 1),
    domain: config.domain,
    leaseTime: config.leaseTime,
    renewTime: config.renewTime,
    rebindTime: config.rebindTime,
    relayAddress: lab.hostAddress,
    serverMac: lab.peerMac,
  };
  if (config.router) target.router = server;
  if (config.dns) target.dns = [server];
  return target;
}

/** Starts `kind` on the lab's peer end with the pool and options `target` describes. */
async function startServer(lab: Lab, target: ProbeTarget): Promise<() => Promise<void>> {
  switch (target.kind) {
    case 'dnsmasq': {
      const peer = await startDnsmasq(lab, {
        rangeStart: target.poolStart,
        rangeEnd: target.poolEnd,
        leaseTime: target.leaseTime,
        router: target.router,
        dns: target.dns ? [...target.dns] : undefined,
        domain: target.domain,
        extraArgs: [
          `--dhcp-option=option:T1,${target.renewTime}`,
          `--dhcp-option=option:T2,${target.rebindTime}`,
        ],
      });
      return () => peer.stop();
    }
    case 'kea': {
      const peer = await startKea(lab, {
        pool: `${target.poolStart} - ${target.poolEnd}`,
        leaseTime: target.leaseTime,
        renewTimer: target.renewTime,
        rebindTimer: target.rebindTime,
        router: target.router,
        dns: target.dns ? [...target.dns] : undefined,
        domain: target.domain,
      });
      return () => peer.stop();
    }
    case 'wirecraft': {
      const child: LabProcess = await startNamespaceServer(lab, {
        iface: lab.peerIface,
        serverId: target.serverAddress,
        serverMac: lab.peerMac,
        leaseFile: `${lab.tmpDir}/wirecraft-leases.json`,
        pool: {
          range: [target.poolStart, target.poolEnd],
          subnet: lab.subnet,
          router: target.router,
          dns: target.dns,
          domain: target.domain,
          leaseTime: target.leaseTime,
          renewalTime: target.renewTime,
          rebindingTime: target.rebindTime,
        },
      });
      return () => child.stop();
    }
    default:
      throw new LabOptionError('kind', target.kind, "give 'dnsmasq', 'kea' or 'wirecraft'");
  }
}

/**
 * A real DHCP server in a fresh lab: `kind` runs in the peer namespace on 198.18.N.1, the host end of the
 * veth gets 198.18.N.2 (target.relayAddress, usable as giaddr) and `link` is a live link on it. dnsmasq,
 * kea and ours get the same pool (.100 up), lease time, T1/T2, router, DNS and domain. close() is
 * idempotent and tears everything down; a failed start tears down what it had started before rethrowing.
 */
export async function startLabTarget(kind: LabServerKind, config: LabServerConfig = {}): Promise<LabTarget> {
  const resolved = resolveConfig(config);
  const lab = await createLab({ name: `probe-${kind}` });
  let link: Link | undefined;
  let stopServer: (() => Promise<void>) | undefined;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      try {
        await link?.close();
        await stopServer?.();
      } finally {
        await lab.close();
      }
    })();
    return closing;
  };
  try {
    const target = describeTarget(kind, lab, resolved);
    await lab.addHostAddress();
    stopServer = await startServer(lab, target);
    link = await openLiveLink({ iface: lab.hostIface });
    await link.ready;
    const opened = link;
    return { lab, link: opened, target, close };
  } catch (error) {
    await close();
    throw error;
  }
}
