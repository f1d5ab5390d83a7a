import type { Link } from '@wirecraft/capture';
import type { DhcpClient, DhcpClientOptions } from '@wirecraft/dhcp';
import type { Packet } from '@wirecraft/packet';
import type { FieldDifference } from './match.js';

export interface ProbeTarget {
  kind: 'dnsmasq' | 'kea' | 'wirecraft' | 'live';
  /** The server identifier replies must carry (option 54). */
  serverAddress: string;
  /** e.g. '198.18.7.0' with prefixLength 24. */
  subnet: string;
  prefixLength: number;
  /** The dynamic range the server hands out. */
  poolStart: string;
  poolEnd: string;
  router?: string;
  dns?: readonly string[];
  domain?: string;
  /** Seconds, as configured. */
  leaseTime: number;
  /** T1/T2 in seconds, when configured. */
  renewTime?: number;
  rebindTime?: number;
  /** An address of the client side on the subnet, usable as giaddr. */
  relayAddress?: string;
  serverMac?: string;
}

export interface ProbeContext {
  /** Client side; frames sent/received through it are recorded for the report. */
  readonly link: Link;
  readonly target: ProbeTarget;
  /** Aborted when the check's timeout expires. */
  readonly signal: AbortSignal;
  /** A fresh locally administered MAC (02:…) per call, unique per run. */
  newMac(): string;
  newXid(): number;
  send(packet: Packet): Promise<void>;
  srp1(packet: Packet, options?: { timeoutMs?: number }): Promise<Packet | undefined>;
  srp(packet: Packet, options?: { timeoutMs?: number; multi?: boolean }): Promise<Packet[]>;
  sniff(options: { timeoutMs: number; count?: number; filter?: (p: Packet) => boolean }): Promise<Packet[]>;
  /** A DHCP client on the check's link; stopped after the check. */
  client(options?: Partial<Omit<DhcpClientOptions, 'link'>>): DhcpClient;
  /** Shown in the report. */
  note(text: string): void;
}

export interface ProbeCheck {
  name: string;
  rfc?: string;
  timeoutMs?: number;
  run(ctx: ProbeContext): Promise<void>;
}

export interface ProbeSet {
  name: string;
  checks: readonly ProbeCheck[];
}

export type CheckStatus = 'pass' | 'fail' | 'skip';

export interface CheckResult {
  set: string;
  name: string;
  status: CheckStatus;
  durationMs: number;
  rfc?: string;
  /** Failure reason (assertion text or error), or the skip reason. */
  message?: string;
  /** Field by field, for packet mismatches. */
  differences?: readonly FieldDifference[];
  /** Summary lines with the time since the check started, e.g. '+12.3ms Ether / IP / UDP … / DHCP'. */
  sent: readonly string[];
  received: readonly string[];
  notes: readonly string[];
}

export interface RunProbesOptions {
  link: Link;
  target: ProbeTarget;
  signal?: AbortSignal;
  only?: RegExp;
  defaultTimeoutMs?: number;
  onStart?(set: string, check: string): void;
  onResult?(result: CheckResult): void;
}

/** A probe file default-exports what this returns (or an array of them). */
export function defineProbes(set: ProbeSet): ProbeSet {
  return set;
}

export { ProbeSkip } from './probe-skip.js';
export { runProbes } from './run-probes.js';
