import { canonicalIpv4, canonicalMac } from '@wirecraft/packet';

/** jest's asymmetric matchers (expect.any(Number), expect.stringMatching(…)) work inside patterns. */
export interface AsymmetricMatcher {
  asymmetricMatch(actual: unknown): boolean;
  toString(): string;
}

/** A predicate inside a pattern: `{ BOOTP: { yiaddr: (ip) => ip !== '0.0.0.0' } }`. */
export type ValuePredicate = (actual: unknown) => boolean;

export function isAsymmetricMatcher(value: unknown): value is AsymmetricMatcher {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<AsymmetricMatcher>).asymmetricMatch === 'function'
  );
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Whether two values in their natural packet forms are equal. Lists compare as lists (same length, same
 * order); text compares as written or, when the actual value is a MAC or a dotted IPv4 address, in its
 * canonical form (so '02:00:00:00:00:0A' matches '02:00:00:00:00:0a').
 */
export function valuesEqual(expected: unknown, actual: unknown): boolean {
  if (isAsymmetricMatcher(expected)) return expected.asymmetricMatch(actual);
  if (typeof expected === 'function') return (expected as ValuePredicate)(actual) === true;
  if (Object.is(expected, actual)) return true;
  if (expected instanceof Uint8Array) return actual instanceof Uint8Array && bytesEqual(expected, actual);
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return false;
    return expected.every((item, i) => valuesEqual(item, actual[i]));
  }
  if (typeof expected === 'string' && typeof actual === 'string') {
    return canonicalMac(expected) === actual || canonicalIpv4(expected) === actual;
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return false;
    const keys = Object.keys(expected);
    if (keys.length !== Object.keys(actual).length) return false;
    return keys.every((key) => valuesEqual(expected[key], actual[key]));
  }
  return false;
}

/** A value as the failure message shows it: text quoted, bytes as hex, lists and objects spelled out. */
export function formatValue(value: unknown): string {
  if (value === undefined) return 'absent';
  if (isAsymmetricMatcher(value)) return value.toString();
  if (typeof value === 'function') return `a value passing ${value.name || 'the predicate'}`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Uint8Array) {
    let hex = '';
    for (const byte of value) hex += byte.toString(16).padStart(2, '0');
    return `0x${hex}`;
  }
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (isPlainObject(value)) {
    return `{ ${Object.entries(value)
      .map(([key, item]) => `${key}: ${formatValue(item)}`)
      .join(', ')} }`;
  }
  return String(value);
}
