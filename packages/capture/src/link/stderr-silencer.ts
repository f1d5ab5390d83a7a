import { closeSync, constants, fstatSync, openSync } from 'node:fs';

const STDERR_FD = 2;

function isOpen(fd: number): boolean {
  try {
    fstatSync(fd);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `run` with file descriptor 2 pointed at /dev/null, for native code that prints to stderr with
 * fprintf (cap's open prints "Warning: <if>: no IPv4 address assigned - This may not actually work"),
 * which no JavaScript-level hook can catch.
 *
 * Node has no dup2, so this relies on open() returning the lowest free descriptor: stderr is reopened
 * through /proc/self/fd/2 (a new description of the same terminal, pipe or file, in append mode) to keep
 * it, fd 2 is closed and /dev/null opened in its place, and afterwards the saved target is reopened onto
 * fd 2 the same way. Everything runs synchronously, so no JavaScript writes to stderr meanwhile; the
 * window between a close and the following open is a few microseconds. When the preconditions do not
 * hold (no /proc, stderr a socket, fd 0 or 1 closed so that a new descriptor would not land on 2), `run`
 * runs unsilenced: a stray warning is better than a lost stderr.
 */
export function whileStderrSilenced<T>(run: () => T): T {
  if (!isOpen(0) || !isOpen(1) || !isOpen(STDERR_FD)) return run();
  let saved: number;
  try {
    saved = openSync(`/proc/self/fd/${STDERR_FD}`, constants.O_WRONLY | constants.O_APPEND);
  } catch {
    return run();
  }
  try {
    closeSync(STDERR_FD);
    const devNull = openSync('/dev/null', constants.O_WRONLY);
    if (devNull !== STDERR_FD) {
      // Another thread opened a file in the window and got fd 2: nothing can move it, so leave it be.
      closeSync(devNull);
      return run();
    }
    try {
      return run();
    } finally {
      closeSync(STDERR_FD);
      openSync(`/proc/self/fd/${saved}`, constants.O_WRONLY | constants.O_APPEND);
    }
  } finally {
    closeSync(saved);
  }
}
