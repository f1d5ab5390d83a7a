import type { CheckResult } from '@wirecraft/probe';

/** A line the screen prints once and never redraws (Ink <Static>): it scrolls into the terminal's history. */
export type ProbeLogItem =
  | { kind: 'set'; key: string; set: string }
  | { kind: 'result'; key: string; result: CheckResult }
  | { kind: 'failure'; key: string; result: CheckResult; index: number };

export interface ProbeCounts {
  pass: number;
  fail: number;
  skip: number;
}

export interface ProbeView {
  description: string;
  total: number;
  log: ProbeLogItem[];
  running?: { set: string; name: string };
  counts: ProbeCounts;
  lastSet?: string;
  elapsedMs: number;
  done: boolean;
  /** Set when the run stopped before every check ran (Ctrl-C, or the target failed). */
  stoppedEarly?: string;
}

export type ProbeViewEvent =
  | { type: 'start'; set: string; name: string }
  | { type: 'result'; result: CheckResult }
  | { type: 'finish'; elapsedMs: number; stoppedEarly?: string };

export function emptyProbeView(description: string, total: number): ProbeView {
  return { description, total, log: [], counts: { pass: 0, fail: 0, skip: 0 }, elapsedMs: 0, done: false };
}

export function reduceProbeView(view: ProbeView, event: ProbeViewEvent): ProbeView {
  switch (event.type) {
    case 'start':
      return { ...view, running: { set: event.set, name: event.name } };
    case 'result': {
      const { result } = event;
      const log = [...view.log];
      if (result.set !== view.lastSet) log.push({ kind: 'set', key: `set:${log.length}`, set: result.set });
      log.push({ kind: 'result', key: `result:${log.length}`, result });
      const counts = { ...view.counts, [result.status]: view.counts[result.status] + 1 };
      return { ...view, log, counts, lastSet: result.set, running: undefined };
    }
    case 'finish': {
      // Failure details come last, after every ✓/✗ line, so they are what stays on screen.
      const failures = view.log.flatMap((item) =>
        item.kind === 'result' && item.result.status === 'fail' ? [item.result] : [],
      );
      const log = [
        ...view.log,
        ...failures.map(
          (result, index): ProbeLogItem => ({ kind: 'failure', key: `failure:${index}`, result, index }),
        ),
      ];
      return {
        ...view,
        log,
        running: undefined,
        done: true,
        elapsedMs: event.elapsedMs,
        ...(event.stoppedEarly !== undefined ? { stoppedEarly: event.stoppedEarly } : {}),
      };
    }
  }
}

/** '12 passed, 1 failed, 2 skipped of 40' */
export function formatCounts(counts: ProbeCounts, total: number): string {
  return `${counts.pass} passed, ${counts.fail} failed, ${counts.skip} skipped of ${total}`;
}
