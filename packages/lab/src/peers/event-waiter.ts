import { LabTimeoutError, PeerStartError } from '../errors.js';
import type { LabProcess } from '../lab-process.js';
import { tail } from '../text-tail.js';

const pollMs = 20;

/**
 * Wait for the first event at index >= `fromIndex` that `accept` takes, re-reading a client's events as
 * its output grows. Rejects when the client exits first or the time runs out, with its stderr tail.
 */
export async function waitForEvent<T>(
  client: LabProcess,
  events: () => T[],
  accept: (event: T) => boolean,
  what: string,
  timeoutMs: number,
  fromIndex = 0,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = events().slice(fromIndex).find(accept);
    if (found !== undefined) return found;
    if (!client.running) {
      throw new PeerStartError(client.argv[0], `exited before ${what}`, tail(client.stderr || client.stdout));
    }
    if (Date.now() > deadline)
      throw new LabTimeoutError(`${client.argv[0]}: ${what}`, timeoutMs, tail(client.stderr));
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
