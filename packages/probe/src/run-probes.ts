import { CheckSession } from './check-session.js';
import { ProbeAssertionError } from './probe-assertion-error.js';
import type { CheckResult, ProbeCheck, ProbeSet, RunProbesOptions } from './probe.js';
import { ProbeSkip } from './probe-skip.js';
import { RunIdentity } from './run-identity.js';

/** A check that gives no timeoutMs and a run that gives no defaultTimeoutMs get this much. */
export const DEFAULT_CHECK_TIMEOUT_MS = 10_000;

/** Why a check stopped before it returned. */
type Interruption = { kind: 'timeout'; ms: number } | { kind: 'aborted' };

/**
 * Runs the checks of every set in order, one at a time, on `options.link` against `options.target`.
 * Each check gets its own context (recorded link, fresh MACs, clients stopped afterwards) and its own
 * timeout: a check still running when it expires fails with "timed out after N ms" and the run moves on.
 * Aborting `options.signal` fails the running check and ends the run with the results so far.
 */
export async function runProbes(
  sets: readonly ProbeSet[],
  options: RunProbesOptions,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const identity = new RunIdentity();
  for (const set of sets) {
    for (const check of set.checks) {
      if (options.signal?.aborted) return results;
      if (!selected(options.only, set.name, check.name)) continue;
      options.onStart?.(set.name, check.name);
      const result = await runCheck(set.name, check, options, identity);
      results.push(result);
      options.onResult?.(result);
    }
  }
  return results;
}

function selected(only: RegExp | undefined, set: string, check: string): boolean {
  if (!only) return true;
  // A /g or /y pattern keeps lastIndex between test() calls; start every check from the beginning.
  only.lastIndex = 0;
  if (only.test(`${set}/${check}`)) return true;
  only.lastIndex = 0;
  return only.test(check);
}

async function runCheck(
  set: string,
  check: ProbeCheck,
  options: RunProbesOptions,
  identity: RunIdentity,
): Promise<CheckResult> {
  const timeoutMs = check.timeoutMs ?? options.defaultTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const controller = new AbortController();
  const startedAt = performance.now();
  const session = new CheckSession(options.link, options.target, controller.signal, identity, startedAt);
  let timer: NodeJS.Timeout | undefined;
  let onRunAbort: (() => void) | undefined;
  const interrupted = new Promise<Interruption>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timeout', ms: timeoutMs }), timeoutMs);
    onRunAbort = () => resolve({ kind: 'aborted' });
    options.signal?.addEventListener('abort', onRunAbort, { once: true });
  });
  let outcome: Pick<CheckResult, 'status' | 'message' | 'differences'>;
  try {
    await options.link.ready;
    const finished = await Promise.race([
      // Started from a promise so that a check throwing before its first await is caught the same way.
      Promise.resolve(session.context)
        .then((context) => check.run(context))
        .then(
          () => ({ error: undefined, settled: true as const }),
          (error: unknown) => ({ error, settled: true as const }),
        ),
      interrupted,
    ]);
    outcome = 'settled' in finished ? outcomeOf(finished.error) : interruptionOutcome(finished);
  } finally {
    clearTimeout(timer);
    if (onRunAbort) options.signal?.removeEventListener('abort', onRunAbort);
    // Aborting tells a check still running (srp, sniff, clients) to stop; its later rejection is dropped.
    controller.abort();
    await session.end();
  }
  const result: CheckResult = {
    set,
    name: check.name,
    status: outcome.status,
    durationMs: Math.round((performance.now() - startedAt) * 10) / 10,
    sent: session.sent,
    received: session.received,
    notes: session.notes,
  };
  if (check.rfc !== undefined) result.rfc = check.rfc;
  if (outcome.message !== undefined) result.message = outcome.message;
  if (outcome.differences !== undefined && outcome.differences.length > 0)
    result.differences = outcome.differences;
  return result;
}

function outcomeOf(error: unknown): Pick<CheckResult, 'status' | 'message' | 'differences'> {
  if (error === undefined) return { status: 'pass' };
  if (error instanceof ProbeSkip) return { status: 'skip', message: error.message };
  if (error instanceof ProbeAssertionError) {
    return { status: 'fail', message: error.message, differences: error.differences };
  }
  if (error instanceof Error) return { status: 'fail', message: `${error.name}: ${error.message}` };
  return { status: 'fail', message: `threw ${String(error)}` };
}

function interruptionOutcome(interruption: Interruption): Pick<CheckResult, 'status' | 'message'> {
  if (interruption.kind === 'timeout')
    return { status: 'fail', message: `timed out after ${interruption.ms} ms` };
  return { status: 'fail', message: 'run aborted before the check finished' };
}
