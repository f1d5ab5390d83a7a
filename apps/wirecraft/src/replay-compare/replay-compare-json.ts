import type { ReplayComparison, ReplayStep } from '@wirecraft/probe';

export function replayStepJson(step: ReplayStep): Record<string, unknown> {
  return {
    type: 'step',
    ...step,
    ...(step.rttMs !== undefined ? { rttMs: Math.round(step.rttMs * 100) / 100 } : {}),
  };
}

export function replaySummaryJson(
  file: string,
  target: string,
  comparison: ReplayComparison,
): Record<string, unknown> {
  return {
    type: 'summary',
    file,
    target,
    messages: comparison.steps.length,
    ...comparison.counts,
    otherFrames: comparison.otherFrames,
    unpairedReplies: comparison.unpairedReplies,
    complete: comparison.complete,
  };
}
