/** Raised when a value given for a field cannot be encoded: names the layer, the field and the value. */
export class FieldValueError extends Error {
  override name = 'FieldValueError';
  constructor(
    readonly layer: string,
    readonly field: string,
    readonly value: unknown,
    readonly reason: string,
  ) {
    super(`${layer}.${field}: ${reason} (got ${describeValue(value)})`);
  }
}

/** Raised for a field name the layer does not have (only reachable from untyped input, e.g. JSON or expressions). */
export class UnknownFieldError extends Error {
  override name = 'UnknownFieldError';
  constructor(
    readonly layer: string,
    readonly field: string,
    readonly known: readonly string[],
  ) {
    super(`${layer} has no field '${field}'; fields: ${known.join(', ')}`);
  }
}

export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Uint8Array) {
    const hex = Array.from(value.subarray(0, 32), (b) => b.toString(16).padStart(2, '0')).join('');
    return `bytes ${hex}${value.length > 32 ? '…' : ''} (${value.length} bytes)`;
  }
  if (typeof value === 'bigint') return `${value}n`;
  if (Array.isArray(value)) return `[${value.map(describeValue).join(', ')}]`;
  if (value === null) return 'null';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
