import type { FieldDifference } from './match.js';
import { LAYER_PRESENT } from './match.js';
import { formatValue } from './value-compare.js';

/** One line per difference: `DHCP.options.lease_time: expected 3600, got 7200`. */
export function formatDifference(difference: FieldDifference): string {
  if (difference.expected === LAYER_PRESENT) {
    return `${difference.path}: expected the layer, got ${String(difference.actual) || 'no layers'}`;
  }
  return `${difference.path}: expected ${formatValue(difference.expected)}, got ${formatValue(difference.actual)}`;
}

export function formatDifferences(differences: readonly FieldDifference[], indent = '  '): string {
  return differences.map((d) => `${indent}${formatDifference(d)}`).join('\n');
}
