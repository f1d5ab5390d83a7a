import { FieldValueError } from '../errors.js';
import type { FieldSpec } from './spec.js';
import { randomInt } from './random.js';

/**
 * A flags field as scapy's FlagsField: names are given least significant bit first, input may be a number
 * or names joined by '+' ("DF", "MF+DF"), show() prints the names.
 */
export type FlagsField<N extends string> = FieldSpec<N, number, number | string, false> & {
  readonly flagNames: readonly string[];
};

export function flags<N extends string>(
  name: N,
  width: number,
  def: number,
  names: readonly string[],
  byteSize = 0,
): FlagsField<N> {
  const max = width === 32 ? 0xffffffff : (1 << width) - 1;
  const lower = names.map((n) => n.toLowerCase());
  return {
    name,
    size: byteSize,
    bits: byteSize > 0 ? 0 : width,
    auto: false,
    default: def,
    wire: 'uint',
    flagNames: names,
    normalize(input: number | string, layer: string): number {
      if (typeof input === 'number') {
        if (!Number.isInteger(input) || input < 0 || input > max) {
          throw new FieldValueError(layer, name, input, `expected an integer 0..${max} or flag names`);
        }
        return input;
      }
      if (typeof input !== 'string')
        throw new FieldValueError(layer, name, input, 'expected a number or flag names');
      let v = 0;
      for (const part of input.split(/[+|,\s]+/)) {
        if (part === '') continue;
        const bit = lower.indexOf(part.toLowerCase());
        if (bit < 0)
          throw new FieldValueError(layer, name, input, `unknown flag '${part}'; known: ${names.join(', ')}`);
        v |= 1 << bit;
      }
      return v >>> 0;
    },
    write(out: Uint8Array, offset: number, v: number): void {
      // Only byte-aligned flag fields are written here; bit-sized ones are packed by the layer codec.
      if (byteSize === 2) {
        out[offset] = v >>> 8;
        out[offset + 1] = v;
      } else out[offset] = v;
    },
    read(b: Uint8Array, o: number): number {
      return byteSize === 2 ? (b[o] << 8) | b[o + 1] : b[o];
    },
    repr(v: number): string {
      const set: string[] = [];
      for (let bit = 0; bit < width; bit++) {
        if (v & (1 << bit)) set.push(names[bit] || `bit${bit}`);
      }
      return set.length > 0 ? `${set.join('+')} (0x${v.toString(16)})` : '0';
    },
    json(v: number): number {
      return v;
    },
    random(): number {
      return randomInt(max + 1);
    },
  };
}
