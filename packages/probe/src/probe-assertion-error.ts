import type { FieldDifference } from './match.js';

/** A failed packet expectation; the message lists the differing fields, one per line. */
export class ProbeAssertionError extends Error {
  override name = 'ProbeAssertionError';
  readonly differences: readonly FieldDifference[];
  constructor(message: string, differences: readonly FieldDifference[] = []) {
    super(message);
    this.differences = differences;
  }
}
