import { FieldValueError } from '../errors.js';
import type { JsonValue } from '../field/spec.js';

/** What a codec's read() returns when the bytes do not form a valid value (kept as raw bytes by the caller). */
export const MALFORMED: unique symbol = Symbol('malformed');
export type Malformed = typeof MALFORMED;

/**
 * How one kind of DHCP option value goes to and from the wire. Codecs are shared, stateless objects: the
 * option table holds one reference per code, so encoding and decoding need no per-option closures.
 * `V` is the stored (and returned) value, `I` what a user may pass besides `V`.
 */
export interface OptionCodec<V, I = V> {
  /** The valid wire form, for problem messages: 'a 4-byte IPv4 address'. */
  readonly expects: string;
  /** Validates user input and converts it to the stored form; throws DhcpOptionValueError. */
  normalize(input: I | V, option: string): V;
  /** Bytes of the encoded data (without code and length). */
  length(value: V): number;
  /** Writes exactly length(value) bytes. */
  write(out: Uint8Array, offset: number, value: V): void;
  /** Decodes the data bytes [start, end), or MALFORMED. Never throws. */
  read(bytes: Uint8Array, start: number, end: number): V | Malformed;
  json(value: V): JsonValue;
  /** The inverse of json() when normalize() reads the JSON form differently (bytes written as hex). */
  fromJson?(json: JsonValue, option: string): V;
  repr(value: V): string;
  random(): V;
  /** A copy sharing nothing with the value, when structuredClone would lose something (remembered bytes). */
  copy?(value: V): V;
}

export type AnyOptionCodec = OptionCodec<unknown, never>;

/** A value given for a DHCP option cannot be encoded: names the option and the value. */
export class DhcpOptionValueError extends FieldValueError {
  override name = 'DhcpOptionValueError';
  constructor(
    readonly option: string,
    value: unknown,
    reason: string,
  ) {
    super('DHCP', `options.${option}`, value, reason);
  }
}

/** An option name that is not in the registry (only reachable from untyped input). */
export class UnknownDhcpOptionError extends FieldValueError {
  override name = 'UnknownDhcpOptionError';
  constructor(readonly option: unknown) {
    super(
      'DHCP',
      'options',
      option,
      'unknown DHCP option name; use the registry name (e.g. "lease_time") or a code 1..254 with bytes',
    );
  }
}
