import { FieldValueError } from '../errors.js';
import { AUTO, type Auto, type FieldSpec } from './spec.js';
import { randomInt } from './random.js';

/** Names for values of an integer field: `{ 1: 'BOOTREQUEST', 2: 'BOOTREPLY' }`. */
export type EnumNames = Readonly<Record<number, string>>;
type NameOf<E> = E extends Readonly<Record<number, infer S>> ? S : never;

export interface IntOptions<E extends EnumNames | undefined = undefined> {
  enum?: E;
  /** show() prints the value in hex (scapy's X*Field). */
  hex?: boolean;
}

export type IntField<N extends string, E, A extends boolean> = FieldSpec<
  N,
  number,
  number | (E extends EnumNames ? NameOf<E> : never),
  A
> & { readonly enumNames?: EnumNames; readonly max: number };

function makeInt<N extends string, E extends EnumNames | undefined, A extends boolean>(
  name: N,
  size: number,
  bits: number,
  def: number | Auto,
  options: IntOptions<E> | undefined,
  littleEndian = false,
): IntField<N, E, A> {
  const width = bits > 0 ? bits : size * 8;
  const max = width === 32 ? 0xffffffff : (1 << width) - 1;
  const names = options?.enum;
  const byName = new Map<string, number>();
  if (names) for (const [k, v] of Object.entries(names)) byName.set(v.toLowerCase(), Number(k));
  const hex = options?.hex ?? false;
  const spec = {
    name,
    size,
    bits,
    auto: (def === AUTO) as A,
    default: def === AUTO ? 0 : def,
    wire: littleEndian ? 'uint-le' : 'uint',
    enumNames: names,
    max,
    normalize(input: number | string, layer: string): number {
      if (typeof input === 'string') {
        const v = byName.get(input.toLowerCase());
        if (v !== undefined) return v;
        const known = names ? `; known: ${[...Object.values(names)].join(', ')}` : '';
        throw new FieldValueError(layer, name, input, `unknown name${known}`);
      }
      if (typeof input !== 'number' || !Number.isInteger(input) || input < 0 || input > max) {
        throw new FieldValueError(layer, name, input, `expected an integer 0..${max}`);
      }
      return input;
    },
    write(out: Uint8Array, offset: number, v: number): void {
      if (size === 1) out[offset] = v;
      else if (size === 2) {
        if (littleEndian) {
          out[offset] = v;
          out[offset + 1] = v >>> 8;
        } else {
          out[offset] = v >>> 8;
          out[offset + 1] = v;
        }
      } else if (littleEndian) {
        out[offset] = v;
        out[offset + 1] = v >>> 8;
        out[offset + 2] = v >>> 16;
        out[offset + 3] = v >>> 24;
      } else {
        out[offset] = v >>> 24;
        out[offset + 1] = v >>> 16;
        out[offset + 2] = v >>> 8;
        out[offset + 3] = v;
      }
    },
    read(b: Uint8Array, o: number): number {
      if (size === 1) return b[o];
      if (size === 2) return littleEndian ? b[o] | (b[o + 1] << 8) : (b[o] << 8) | b[o + 1];
      return littleEndian
        ? (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0
        : ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
    },
    repr(v: number): string {
      const name = names?.[v];
      const num = hex ? `0x${v.toString(16).padStart(Math.ceil(width / 4), '0')}` : String(v);
      return name ? `${name} (${num})` : num;
    },
    json(v: number): number {
      return v;
    },
    random(): number {
      return width === 32 ? randomInt(0x10000) * 0x10000 + randomInt(0x10000) : randomInt(max + 1);
    },
  };
  return spec as IntField<N, E, A>;
}

type IntCtor = {
  <N extends string, const E extends EnumNames | undefined = undefined>(
    name: N,
    def: number,
    options?: IntOptions<E>,
  ): IntField<N, E, false>;
  <N extends string, const E extends EnumNames | undefined = undefined>(
    name: N,
    def: Auto,
    options?: IntOptions<E>,
  ): IntField<N, E, true>;
};

export const u8 = ((name: string, def: number | Auto, options?: IntOptions<EnumNames | undefined>) =>
  makeInt(name, 1, 0, def, options)) as IntCtor;
export const u16 = ((name: string, def: number | Auto, options?: IntOptions<EnumNames | undefined>) =>
  makeInt(name, 2, 0, def, options)) as IntCtor;
export const u32 = ((name: string, def: number | Auto, options?: IntOptions<EnumNames | undefined>) =>
  makeInt(name, 4, 0, def, options)) as IntCtor;
/** Little-endian 32-bit, for the few host-order headers in captures (BSD loopback family). */
export const u32le = ((name: string, def: number | Auto, options?: IntOptions<EnumNames | undefined>) =>
  makeInt(name, 4, 0, def, options, true)) as IntCtor;

/** A sub-byte field, packed MSB first with the bit fields around it (IP version/ihl, 802.1Q prio/dei/vid). */
export function bits<N extends string, const E extends EnumNames | undefined = undefined>(
  name: N,
  width: number,
  def: number,
  options?: IntOptions<E>,
): IntField<N, E, false>;
export function bits<N extends string, const E extends EnumNames | undefined = undefined>(
  name: N,
  width: number,
  def: Auto,
  options?: IntOptions<E>,
): IntField<N, E, true>;
export function bits(
  name: string,
  width: number,
  def: number | Auto,
  options?: IntOptions<EnumNames | undefined>,
) {
  return makeInt(name, 0, width, def, options);
}
