import type { CheckResult } from '@wirecraft/probe';
import type { ProbeCounts } from './probe-view.js';

/** One --json line per check: the CheckResult itself, tagged. */
export function checkResultJson(result: CheckResult): Record<string, unknown> {
  return { type: 'check', ...result, durationMs: Math.round(result.durationMs * 10) / 10 };
}

export function probeSummaryJson(summary: {
  target: string;
  counts: ProbeCounts;
  total: number;
  elapsedMs: number;
  junit?: string;
  stoppedEarly?: string;
}): Record<string, unknown> {
  return {
    type: 'summary',
    target: summary.target,
    total: summary.total,
    passed: summary.counts.pass,
    failed: summary.counts.fail,
    skipped: summary.counts.skip,
    durationMs: Math.round(summary.elapsedMs),
    ...(summary.junit !== undefined ? { junit: summary.junit } : {}),
    ...(summary.stoppedEarly !== undefined ? { stoppedEarly: summary.stoppedEarly } : {}),
  };
}
