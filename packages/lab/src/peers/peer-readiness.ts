import { LabTimeoutError, PeerStartError } from '../errors.js';
import type { LabProcess } from '../lab-process.js';
import { tail } from '../text-tail.js';

export const defaultReadyTimeoutMs = 10_000;

/**
 * Wait until a freshly spawned peer prints its readiness line. On timeout or early exit the peer is
 * stopped and a PeerStartError carrying its stderr tail is thrown, so a test failure says why.
 */
export async function awaitReady(
  peer: string,
  child: LabProcess,
  ready: RegExp,
  timeoutMs = defaultReadyTimeoutMs,
): Promise<RegExpMatchArray> {
  try {
    return await child.waitForOutput(ready, timeoutMs);
  } catch (error) {
    await child.stop('SIGKILL');
    const output = tail(child.stderr || child.stdout);
    if (error instanceof LabTimeoutError) {
      throw new PeerStartError(peer, `not ready within ${timeoutMs} ms (waited for ${ready})`, output);
    }
    if (error instanceof PeerStartError) {
      const code = await child.exited;
      throw new PeerStartError(peer, `exited (status ${code}) before printing ${ready}`, output);
    }
    throw error;
  }
}
