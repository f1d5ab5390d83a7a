import type { LabMarker } from './lab-marker.js';
import { teardownLabSync } from './teardown-sync.js';

/**
 * Labs of this process that are not closed yet. While any exist, exit hooks tear them down synchronously
 * if the process ends (normal exit, SIGINT/SIGTERM/SIGHUP, uncaught exception) before close() ran.
 * Hooks are installed only while labs are open, so test files that never create one add no listeners.
 */
const openLabs = new Map<string, LabMarker>();
const fatalSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let hooksInstalled = false;

export function registerLab(marker: LabMarker): void {
  openLabs.set(marker.id, marker);
  installHooks();
}

export function unregisterLab(id: string): void {
  openLabs.delete(id);
  if (openLabs.size === 0) removeHooks();
}

export function openLabIds(): string[] {
  return [...openLabs.keys()];
}

/** Tear down every open lab now, synchronously. */
export function teardownAllSync(): void {
  for (const marker of openLabs.values()) teardownLabSync(marker);
  openLabs.clear();
  removeHooks();
}

function onExit(): void {
  teardownAllSync();
}

function onUncaughtException(): void {
  teardownAllSync();
}

function onFatalSignal(signal: NodeJS.Signals): void {
  teardownAllSync();
  // Listening to a signal cancels Node's default "die of it". With nobody else listening, die of it
  // anyway so the parent sees the real cause (exit status 128 + signal).
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', onExit);
  // The monitor variant observes without swallowing the exception, so the process still crashes.
  process.on('uncaughtExceptionMonitor', onUncaughtException);
  for (const signal of fatalSignals) process.on(signal, onFatalSignal);
}

function removeHooks(): void {
  if (!hooksInstalled) return;
  hooksInstalled = false;
  process.off('exit', onExit);
  process.off('uncaughtExceptionMonitor', onUncaughtException);
  for (const signal of fatalSignals) process.off(signal, onFatalSignal);
}
