import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { type LabMarker, releaseSlot } from './lab-marker.js';
import { isPidRunning } from './process-identity.js';

/**
 * Undo a lab without yielding to the event loop: the only kind of work allowed in a process 'exit'
 * handler or a dying signal handler. Processes get SIGKILL (there is no time to be polite); every step
 * tolerates things already gone, so it is safe to run twice or after a half-finished set-up.
 */
export function teardownLabSync(marker: LabMarker): void {
  for (const namespace of marker.namespaces) killNamespaceProcessesSync(namespace);
  // Deleting one end of the veth pair removes both at once; namespace destruction alone is asynchronous.
  if (marker.rootIface !== undefined && existsSync(`/sys/class/net/${marker.rootIface}`)) {
    runQuietly(['ip', 'link', 'del', marker.rootIface]);
  }
  for (const namespace of marker.namespaces) {
    if (existsSync(`/run/netns/${namespace}`)) runQuietly(['ip', 'netns', 'del', namespace]);
  }
  if (marker.tmpDir !== '') rmSync(marker.tmpDir, { recursive: true, force: true });
  if (marker.slot >= 0) releaseSlot(marker.slot);
}

const killWaitMs = 2_000;
const pollMs = 10;

export function killNamespaceProcessesSync(namespace: string): void {
  if (!existsSync(`/run/netns/${namespace}`)) return;
  const pids = namespacePidsSync(namespace);
  for (const pid of pids) signalQuietly(pid, 'SIGKILL');
  const deadline = Date.now() + killWaitMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (pids.some(isPidRunning) && Date.now() < deadline) {
    Atomics.wait(pause, 0, 0, pollMs);
  }
}

export function namespacePidsSync(namespace: string): number[] {
  try {
    const out = execFileSync('ip', ['netns', 'pids', namespace], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return parsePids(out);
  } catch {
    return [];
  }
}

export function parsePids(text: string): number[] {
  return text
    .split(/\s+/)
    .filter((word) => /^\d+$/.test(word))
    .map(Number);
}

export function signalQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone: exactly what we wanted.
  }
}

function runQuietly(argv: readonly string[]): void {
  try {
    execFileSync(argv[0], argv.slice(1), { stdio: 'ignore' });
  } catch {
    // Teardown is best effort per step; the remaining steps must still run.
  }
}
