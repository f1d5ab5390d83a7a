import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labUnavailableReason } from './availability.js';
import {
  LabClosedError,
  LabOptionError,
  LabSubnetsExhaustedError,
  LabTimeoutError,
  LabUnavailableError,
} from './errors.js';
import { type LabMarker, tryClaimSlot } from './lab-marker.js';
import { firstSlot, labAddressing, labId, labNames, slotCount } from './lab-naming.js';
import {
  type LabProcess,
  type NamespaceProcess,
  type SpawnOptions,
  spawnInNamespace,
} from './lab-process.js';
import { registerLab, unregisterLab } from './lab-registry.js';
import { isPidRunning, processStartTime } from './process-identity.js';
import { type CommandResult, runCommand, runCommandOrThrow } from './run-command.js';
import { sweepStaleLabs } from './stale-sweep.js';
import { parsePids, signalQuietly, teardownLabSync } from './teardown-sync.js';

export interface LabOptions {
  /** Only makes the namespace names readable (e.g. 'dnsmasq-lease'); ids stay unique without it. */
  name?: string;
  /**
   * Move the host end of the veth into a namespace of its own (`clientNs`), for tests where both ends are
   * real peers (udhcpc <-> dnsmasq, dhclient <-> kea). By default the host end stays in the root namespace
   * for our own code to open with libpcap.
   */
  clientNs?: boolean;
}

/** Which namespace a command runs in: the peer end (default) or, in clientNs labs, the host end. */
export type LabSide = 'peer' | 'client';

export interface LabExecOptions {
  timeoutMs?: number;
  input?: string;
  ns?: LabSide;
  env?: NodeJS.ProcessEnv;
}

export interface LabSpawnOptions extends SpawnOptions {
  ns?: LabSide;
}

export interface Lab {
  /** Short unique id, e.g. 'wc3k9a001'; prefixes every namespace and interface of the lab. */
  readonly id: string;
  /** Host end of the veth: in the root namespace (or in clientNs), up, no IPv4 address, IPv6 disabled. */
  readonly hostIface: string;
  readonly peerNs: string;
  /** The namespace holding the host end when created with { clientNs: true }, else undefined. */
  readonly clientNs: string | undefined;
  /** Peer end of the veth, inside peerNs: up, peerAddress/24, IPv6 disabled. */
  readonly peerIface: string;
  /** 198.18.N.1 (or 198.19.N.1), configured on peerIface. */
  readonly peerAddress: string;
  /** 198.18.N.2, configured on hostIface only after addHostAddress(). */
  readonly hostAddress: string;
  /** e.g. '198.18.7.0/24'. */
  readonly subnet: string;
  readonly prefixLength: number;
  readonly hostMac: string;
  readonly peerMac: string;
  /** Private directory for config, lease and capture files; removed by close(). */
  readonly tmpDir: string;
  readonly closed: boolean;
  /** The namespace a side's commands run in (throws for 'client' in a lab without clientNs). */
  namespaceOf(side: LabSide): string;
  addHostAddress(): Promise<void>;
  /** Run a command to completion inside peerNs (or clientNs with { ns: 'client' }). */
  exec(argv: string[], options?: LabExecOptions): Promise<CommandResult>;
  /** Start a long-running process inside peerNs (or clientNs); close() stops it. */
  spawn(argv: string[], options?: LabSpawnOptions): LabProcess;
  /** Idempotent: stop tracked processes, kill whatever else runs in the namespaces, delete them, rm tmpDir. */
  close(): Promise<void>;
}

const prefixLength = 24;
const carrierTimeoutMs = 5_000;
const processStopGraceMs = 2_000;
const namespaceKillGraceMs = 1_000;
let labCounter = 0;

export async function createLab(options: LabOptions = {}): Promise<Lab> {
  const reason = labUnavailableReason();
  if (reason !== undefined) throw new LabUnavailableError(reason);
  sweepStaleLabs();
  labCounter += 1;
  const id = labId(process.pid, labCounter);
  const names = labNames(id, options.name);
  const clientNs = options.clientNs === true ? names.clientNs : undefined;
  const tmpDir = join(tmpdir(), `wirecraft-lab-${id}`);
  const marker = claimSlot({
    id,
    slot: 0,
    ownerPid: process.pid,
    ownerStartTime: processStartTime(process.pid),
    namespaces: clientNs === undefined ? [names.peerNs] : [names.peerNs, clientNs],
    rootIface: clientNs === undefined ? names.hostIface : undefined,
    tmpDir,
  });
  registerLab(marker);
  const lab = new NamespaceLab(marker, names.hostIface, names.peerIface, clientNs);
  try {
    await lab.build();
  } catch (error) {
    teardownLabSync(marker);
    unregisterLab(id);
    throw error;
  }
  return lab;
}

function claimSlot(draft: LabMarker): LabMarker {
  const start = (draft.ownerPid * 37 + labCounter) % slotCount;
  for (let offset = 0; offset < slotCount; offset += 1) {
    const marker = { ...draft, slot: firstSlot + ((start + offset) % slotCount) };
    if (tryClaimSlot(marker)) return marker;
  }
  throw new LabSubnetsExhaustedError();
}

class NamespaceLab implements Lab {
  readonly id: string;
  readonly peerNs: string;
  readonly peerAddress: string;
  readonly hostAddress: string;
  readonly subnet: string;
  readonly prefixLength = prefixLength;
  readonly hostMac: string;
  readonly peerMac: string;
  readonly tmpDir: string;
  private readonly processes = new Set<NamespaceProcess>();
  private hostAddressAdded = false;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly marker: LabMarker,
    readonly hostIface: string,
    readonly peerIface: string,
    readonly clientNs: string | undefined,
  ) {
    this.id = marker.id;
    this.peerNs = marker.namespaces[0];
    this.tmpDir = marker.tmpDir;
    const addressing = labAddressing(marker.slot);
    this.subnet = addressing.subnet;
    this.peerAddress = addressing.peerAddress;
    this.hostAddress = addressing.hostAddress;
    this.hostMac = addressing.hostMac;
    this.peerMac = addressing.peerMac;
  }

  get closed(): boolean {
    return this.closing !== undefined;
  }

  async build(): Promise<void> {
    rmSync(this.tmpDir, { recursive: true, force: true });
    mkdirSync(this.tmpDir, { mode: 0o700 });
    for (const namespace of this.marker.namespaces) {
      await runCommandOrThrow(['ip', 'netns', 'add', namespace]);
      // Before any interface exists in it, so every interface created there is born with IPv6 off.
      await runCommandOrThrow([
        'ip',
        'netns',
        'exec',
        namespace,
        'sysctl',
        '-q',
        '-w',
        'net.ipv6.conf.all.disable_ipv6=1',
        'net.ipv6.conf.default.disable_ipv6=1',
      ]);
      // net.ipv4.neigh.default.gc_thresh* (LAB-NOTES) is not settable here: since Linux 4.x the kernel only
      // exposes it in the root namespace, where it is global and not ours to change.
    }
    const hostSide = this.clientNs === undefined ? [] : ['-n', this.clientNs];
    await runCommandOrThrow([
      'ip',
      ...hostSide,
      'link',
      'add',
      this.hostIface,
      'address',
      this.hostMac,
      'type',
      'veth',
      'peer',
      'name',
      this.peerIface,
      'address',
      this.peerMac,
      'netns',
      this.peerNs,
    ]);
    if (this.clientNs === undefined) {
      // The root namespace's defaults are not ours to change: switch IPv6 off on this interface alone,
      // while it is still down so it never sends a router solicitation or DAD probe.
      const ipv6Switch = `/proc/sys/net/ipv6/conf/${this.hostIface}/disable_ipv6`;
      if (existsSync(ipv6Switch)) writeFileSync(ipv6Switch, '1');
      await runCommandOrThrow(['ip', 'link', 'set', this.hostIface, 'up']);
    } else {
      await runCommandOrThrow(['ip', '-n', this.clientNs, '-batch', '-'], {
        input: `link set lo up\nlink set ${this.hostIface} up\n`,
      });
    }
    await runCommandOrThrow(['ip', '-n', this.peerNs, '-batch', '-'], {
      input: [
        'link set lo up',
        `address add ${this.peerAddress}/${prefixLength} dev ${this.peerIface}`,
        `link set ${this.peerIface} up`,
        '',
      ].join('\n'),
    });
    await this.waitForCarrier();
  }

  /** The kernel reports carrier asynchronously; a client started before it would lose its first frames. */
  private async waitForCarrier(): Promise<void> {
    const deadline = Date.now() + carrierTimeoutMs;
    for (;;) {
      const peer = await runCommand(['ip', '-n', this.peerNs, '-o', 'link', 'show', 'dev', this.peerIface]);
      if (/ state UP /.test(peer.stdout)) return;
      if (Date.now() > deadline) {
        throw new LabTimeoutError(
          `carrier on ${this.peerIface} in ${this.peerNs}`,
          carrierTimeoutMs,
          peer.stdout,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  namespaceOf(side: LabSide): string {
    if (side === 'peer') return this.peerNs;
    if (this.clientNs === undefined) {
      throw new LabOptionError(
        'ns',
        side,
        'this lab has no client namespace: create it with createLab({ clientNs: true })',
      );
    }
    return this.clientNs;
  }

  async addHostAddress(): Promise<void> {
    this.assertOpen();
    if (this.hostAddressAdded) return;
    const hostSide = this.clientNs === undefined ? [] : ['-n', this.clientNs];
    await runCommandOrThrow([
      'ip',
      ...hostSide,
      'address',
      'add',
      `${this.hostAddress}/${prefixLength}`,
      'dev',
      this.hostIface,
    ]);
    this.hostAddressAdded = true;
  }

  exec(argv: string[], options: LabExecOptions = {}): Promise<CommandResult> {
    this.assertOpen();
    const namespace = this.namespaceOf(options.ns ?? 'peer');
    return runCommand(['ip', 'netns', 'exec', namespace, ...argv], options);
  }

  spawn(argv: string[], options: LabSpawnOptions = {}): LabProcess {
    this.assertOpen();
    const child = spawnInNamespace(this.namespaceOf(options.ns ?? 'peer'), argv, options);
    this.processes.add(child);
    void child.exited.then(() => this.processes.delete(child));
    return child;
  }

  close(): Promise<void> {
    this.closing ??= this.teardown();
    return this.closing;
  }

  private async teardown(): Promise<void> {
    try {
      // Politely first, so capture tools flush their files and servers write their lease files.
      await Promise.all([...this.processes].map((child) => child.stop('SIGTERM', processStopGraceMs)));
      for (const namespace of this.marker.namespaces) await terminateNamespaceProcesses(namespace);
    } finally {
      teardownLabSync(this.marker);
      unregisterLab(this.id);
    }
  }

  private assertOpen(): void {
    if (this.closing !== undefined) throw new LabClosedError(this.id);
  }
}

/** SIGTERM everything still running in a namespace and give it a moment; stragglers get SIGKILL later. */
async function terminateNamespaceProcesses(namespace: string): Promise<void> {
  const listing = await runCommand(['ip', 'netns', 'pids', namespace]);
  const pids = parsePids(listing.stdout);
  if (pids.length === 0) return;
  for (const pid of pids) signalQuietly(pid, 'SIGTERM');
  const deadline = Date.now() + namespaceKillGraceMs;
  while (pids.some(isPidRunning) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
