import { readFileSync } from 'node:fs';

/**
 * The kernel start time of a process (field 22 of /proc/PID/stat, clock ticks since boot), which tells a
 * live owner apart from an unrelated process that later reused its pid.
 */
export function processStartTime(pid: number): string | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may contain spaces and parentheses: count fields after its last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19];
}

/** True while the process that had this pid and start time still runs. */
export function isProcessAlive(pid: number, startTime?: string): boolean {
  const current = processStartTime(pid);
  if (current === undefined) return false;
  return startTime === undefined || current === startTime;
}

/**
 * True while a pid names a process that still runs. A zombie does not count: orphans from a namespace are
 * reparented to pid 1, which in a container may never reap them, yet they hold nothing any more.
 */
export function isPidRunning(pid: number): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return false;
  }
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state !== 'Z' && state !== 'X';
}
