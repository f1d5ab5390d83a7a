/** Assertions on values a packet pattern cannot express (ranges, orderings), failing as packet mismatches do. */
import { ProbeAssertionError } from '../probe-assertion-error.js';

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function assertEqual(what: string, path: string, actual: unknown, expected: unknown): void {
  if (actual === expected) return;
  throw new ProbeAssertionError(`${what}: ${path} is ${show(actual)}, expected ${show(expected)}`, [
    { path, expected, actual },
  ]);
}

/** `expected` describes the rule (e.g. 'in 198.18.7.10-198.18.7.200'), shown as the expected value. */
export function assertThat(
  condition: boolean,
  what: string,
  path: string,
  actual: unknown,
  expected: string,
): void {
  if (condition) return;
  throw new ProbeAssertionError(`${what}: ${path} is ${show(actual)}, expected ${expected}`, [
    { path, expected, actual },
  ]);
}
