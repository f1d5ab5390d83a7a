/** Thrown by a check that cannot run against this target: the check reports 'skip' with this reason. */
export class ProbeSkip extends Error {
  override name = 'ProbeSkip';
}
