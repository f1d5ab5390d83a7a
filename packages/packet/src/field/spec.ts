/**
 * A field as data: the way scapy's fields_desc reads, but typed. `V` is the stored value type, `I` what a
 * user may pass (e.g. an enum name for a number), `A` whether the field is computed when left unset
 * (scapy's `None` default: lengths, checksums, binding-driven types).
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export const AUTO: unique symbol = Symbol('auto');
export type Auto = typeof AUTO;

/**
 * How a field sits on the wire when it is one of the common shapes. Layer codecs write and read these
 * inline instead of calling write()/read() (one call per field that V8 cannot inline: every field has
 * its own closures). Fields without it go through write()/read().
 */
export type FieldWire = 'uint' | 'uint-le' | 'ipv4' | 'mac' | 'fixed-bytes';

export interface FieldSpec<N extends string = string, V = unknown, I = V, A extends boolean = boolean> {
  readonly name: N;
  readonly wire?: FieldWire;
  /** Bytes on the wire for byte-aligned fields; 0 for bit fields and variable-length fields. */
  readonly size: number;
  /** Width in bits for bit fields (packed MSB first with their neighbours), else 0. */
  readonly bits: number;
  readonly auto: A;
  readonly default: V;
  /** Validates user input and converts it to the stored form; throws FieldValueError. */
  normalize(input: I | V, layer: string): V;
  write(out: Uint8Array, offset: number, value: V, layer: string): void;
  read(bytes: Uint8Array, offset: number): V;
  /** Text for show(): enum names, hex, dotted addresses. */
  repr(value: V): string;
  json(value: V): JsonValue;
  /** The inverse of json() when normalize() would read the JSON form differently (bytes as hex). */
  fromJson?(json: JsonValue, layer: string): V;
  /** A random valid value, for fuzz(). */
  random(): V;
}

/** The constraint every concrete field satisfies (method parameters are checked bivariantly). */
export type AnyField = FieldSpec<string, unknown, never, boolean>;

export type FieldValue<F> =
  F extends FieldSpec<string, infer V, infer _I, infer A> ? (A extends true ? V | undefined : V) : never;
export type FieldInput<F> =
  F extends FieldSpec<string, infer V, infer I, infer A>
    ? A extends true
      ? V | I | undefined
      : V | I
    : never;
