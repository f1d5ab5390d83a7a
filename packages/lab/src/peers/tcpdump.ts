import { existsSync } from 'node:fs';
import type { Lab, LabSide } from '../lab.js';
import type { LabProcess } from '../lab-process.js';
import { awaitReady } from './peer-readiness.js';

export interface TcpdumpOptions {
  /** Namespace to capture in. Default 'peer'. */
  ns?: LabSide;
  /** Default: the lab's interface in that namespace. */
  iface?: string;
  /** A pcap filter expression, e.g. 'udp port 67 or udp port 68'. */
  filter?: string;
  /** Where the pcap goes; usually a path in lab.tmpDir. */
  file: string;
  readyTimeoutMs?: number;
}

export interface CaptureStats {
  captured: number;
  receivedByFilter: number;
  droppedByKernel: number;
}

export interface TcpdumpCapture {
  readonly process: LabProcess;
  readonly file: string;
  /** Stop tcpdump and wait until it has written and closed the file; returns its own counters. */
  stop(): Promise<CaptureStats>;
}

/** tcpdump writing a pcap file, unbuffered (-U, --immediate-mode) so stopping never loses frames. */
export async function startTcpdump(lab: Lab, options: TcpdumpOptions): Promise<TcpdumpCapture> {
  const ns = options.ns ?? 'peer';
  const iface = options.iface ?? (ns === 'client' ? lab.hostIface : lab.peerIface);
  const filter = options.filter === undefined ? [] : [options.filter];
  // -Z root: tcpdump would otherwise drop to its own user and fail to write into the private tmpDir.
  const argv = [
    'tcpdump',
    '-i',
    iface,
    '-n',
    '--immediate-mode',
    '-U',
    '-Z',
    'root',
    '-w',
    options.file,
    ...filter,
  ];
  const child = lab.spawn(argv, { ns });
  await awaitReady('tcpdump', child, /listening on /, options.readyTimeoutMs);
  return {
    process: child,
    file: options.file,
    async stop() {
      // SIGINT is tcpdump's orderly stop: it flushes, closes the file and prints its counters.
      await child.stop('SIGINT');
      if (!existsSync(options.file)) return { captured: 0, receivedByFilter: 0, droppedByKernel: 0 };
      return parseCaptureStats(child.stderr);
    },
  };
}

export function parseCaptureStats(stderr: string): CaptureStats {
  const count = (label: string): number =>
    Number(new RegExp(`(\\d+) packets? ${label}`).exec(stderr)?.[1] ?? 0);
  return {
    captured: count('captured'),
    receivedByFilter: count('received by filter'),
    droppedByKernel: count('dropped by kernel'),
  };
}
