import type { CheckResult, ProbeSet, RunProbesOptions } from './probe.js';

export async function runProbes(
  sets: readonly ProbeSet[],
  options: RunProbesOptions,
): Promise<CheckResult[]> {
  void sets;
  void options;
  throw new Error('runProbes: not implemented yet');
}
