import { writeFileSync } from 'node:fs';
import { LabOptionError } from '../errors.js';
import type { Lab, LabSide } from '../lab.js';
import type { LabProcess } from '../lab-process.js';
import { clientEnd } from './client-end.js';
import { waitForEvent } from './event-waiter.js';
import { peerFile } from './peer-files.js';
import { parseUdhcpcEvents, type UdhcpcEvent, udhcpcScript } from './udhcpc-event.js';

export interface UdhcpcOptions {
  /** Namespace to run in; default 'client' in clientNs labs, else 'peer'. */
  ns?: LabSide;
  /** Interface; default the lab's end in that namespace. */
  iface?: string;
  /** Sent as option 12. */
  hostname?: string;
  /** Seconds to wait for each reply (udhcpc -T). Default 2. */
  timeoutSec?: number;
  /** DISCOVERs to send before giving up (udhcpc -t). Default 4. */
  tries?: number;
  extraArgs?: string[];
}

export interface UdhcpcRun {
  code: number;
  events: UdhcpcEvent[];
  /** The bound event, when a lease was obtained. */
  lease: UdhcpcEvent | undefined;
  stdout: string;
  stderr: string;
}

export interface UdhcpcClient {
  readonly process: LabProcess;
  /** Events reported so far, in order. */
  events(): UdhcpcEvent[];
  /** The first `kind` event at index >= fromIndex (default: the first so far or to come). */
  waitForEvent(kind: string | string[], timeoutMs: number, fromIndex?: number): Promise<UdhcpcEvent>;
  /** SIGUSR1: renew now; resolves with the resulting renew/bound event. */
  renew(timeoutMs?: number): Promise<UdhcpcEvent>;
  /** SIGUSR2: release the lease; resolves with the resulting deconfig event. */
  release(timeoutMs?: number): Promise<UdhcpcEvent>;
  stop(): Promise<void>;
}

const defaultEventTimeoutMs = 15_000;

/** One-shot udhcpc (-q -n): obtain a lease or give up, then exit. */
export async function runUdhcpc(lab: Lab, options: UdhcpcOptions = {}): Promise<UdhcpcRun> {
  const { ns, argv, tries, timeoutSec } = udhcpcCommand(lab, options, ['-q', '-n']);
  const result = await lab.exec(argv, { ns, timeoutMs: (tries * timeoutSec + 10) * 1000 });
  const events = parseUdhcpcEvents(result.stdout);
  return { ...result, events, lease: events.find((event) => event.event === 'bound') };
}

/** Long-running udhcpc that keeps its lease, renews on renew() and releases on release(). */
export function startUdhcpc(lab: Lab, options: UdhcpcOptions = {}): UdhcpcClient {
  const { ns, argv } = udhcpcCommand(lab, options, []);
  const child = lab.spawn(argv, { ns });
  const events = (): UdhcpcEvent[] => parseUdhcpcEvents(child.stdout);
  const waitFor = (kind: string | string[], timeoutMs: number, fromIndex = 0): Promise<UdhcpcEvent> => {
    const kinds = Array.isArray(kind) ? kind : [kind];
    return waitForEvent(
      child,
      events,
      (event) => kinds.includes(event.event),
      `a ${kinds.join('/')} event`,
      timeoutMs,
      fromIndex,
    );
  };
  return {
    process: child,
    events,
    waitForEvent: waitFor,
    renew(timeoutMs = defaultEventTimeoutMs) {
      const seen = events().length;
      child.signal('SIGUSR1');
      return waitFor(['renew', 'bound'], timeoutMs, seen);
    },
    release(timeoutMs = defaultEventTimeoutMs) {
      const seen = events().length;
      child.signal('SIGUSR2');
      return waitFor('deconfig', timeoutMs, seen);
    },
    stop: () => child.stop(),
  };
}

function udhcpcCommand(lab: Lab, options: UdhcpcOptions, mode: string[]) {
  const { ns, iface } = clientEnd(lab, options.ns, options.iface);
  const tries = options.tries ?? 4;
  const timeoutSec = options.timeoutSec ?? 2;
  for (const [field, value] of [
    ['tries', tries],
    ['timeoutSec', timeoutSec],
  ] as const) {
    if (!Number.isInteger(value) || value < 1)
      throw new LabOptionError(field, value, 'use a whole number >= 1');
  }
  const script = peerFile(lab.tmpDir, 'udhcpc', '.sh');
  writeFileSync(script, udhcpcScript(), { mode: 0o755 });
  const hostname = options.hostname === undefined ? [] : ['-x', `hostname:${options.hostname}`];
  const argv = [
    'udhcpc',
    '-f',
    ...mode,
    '-i',
    iface,
    '-t',
    String(tries),
    '-T',
    String(timeoutSec),
    '-s',
    script,
    ...hostname,
    ...(options.extraArgs ?? []),
  ];
  return { ns, argv, tries, timeoutSec };
}
