import { FieldValueError } from '../errors.js';
import { bytesRepr, fromHex, toHex, utf8 } from '../hex.js';
import { canonicalMac, writeMac } from './mac.js';
import { randomBytes, randomInt } from './random.js';
import type { FieldSpec } from './spec.js';

export type BytesInput = Uint8Array | string | readonly number[];

function toBytes(input: BytesInput, layer: string, name: string): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if (typeof input === 'string') return utf8(input);
  if (Array.isArray(input) && input.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) {
    return Uint8Array.from(input);
  }
  throw new FieldValueError(layer, name, input, 'expected bytes, a string or a list of byte values');
}

/** JSON carries bytes as hex (see json()); anything else is not a byte string. */
function bytesFromJson(json: unknown, layer: string, name: string): Uint8Array {
  const b = typeof json === 'string' ? fromHex(json) : undefined;
  if (!b) throw new FieldValueError(layer, name, json, 'expected bytes as a hex string in JSON');
  return b;
}

/** Like scapy's StrFixedLenField display: the NUL padding is counted, not printed. */
function nulPaddedRepr(v: Uint8Array): string {
  let end = v.length;
  while (end > 0 && v[end - 1] === 0) end--;
  const shown = bytesRepr(v.subarray(0, end));
  return end === v.length || end === 0 ? shown : `${shown} (+ ${v.length - end} nul pad)`;
}

export type BytesField<N extends string> = FieldSpec<N, Uint8Array, BytesInput, false> & {
  /** Fixed size fields pad with NUL on build and keep every byte on dissect. */
  readonly fixed: boolean;
};

/** A fixed-length byte string (BOOTP sname/file), NUL-padded on build like scapy's StrFixedLenField. */
export function fixedBytes<N extends string>(name: N, size: number): BytesField<N> {
  return {
    name,
    size,
    bits: 0,
    auto: false,
    fixed: true,
    wire: 'fixed-bytes',
    default: new Uint8Array(size),
    normalize(input: BytesInput, layer: string): Uint8Array {
      const b = toBytes(input, layer, name);
      if (b.length > size)
        throw new FieldValueError(layer, name, input, `longer than the field's ${size} bytes`);
      if (b.length === size) return b;
      const padded = new Uint8Array(size);
      padded.set(b);
      return padded;
    },
    write(out: Uint8Array, offset: number, v: Uint8Array, layer: string): void {
      if (v.length > size) throw new FieldValueError(layer, name, v, `longer than the field's ${size} bytes`);
      out.set(v, offset);
      // The output buffer may be reused: clear the padding explicitly.
      for (let i = offset + v.length; i < offset + size; i++) out[i] = 0;
    },
    read(b: Uint8Array, o: number): Uint8Array {
      return b.slice(o, o + size);
    },
    repr: nulPaddedRepr,
    json: (v) => toHex(v),
    fromJson(json, layer) {
      return this.normalize(bytesFromJson(json, layer, name), layer);
    },
    random: () => randomBytes(size),
  };
}

/** A byte string that runs to the end of its layer (Raw load, IP options, BOOTP vendor area). */
export function tailBytes<N extends string>(name: N): BytesField<N> {
  return {
    name,
    size: 0,
    bits: 0,
    auto: false,
    fixed: false,
    default: new Uint8Array(0),
    normalize(input: BytesInput, layer: string): Uint8Array {
      return toBytes(input, layer, name);
    },
    write(out: Uint8Array, offset: number, v: Uint8Array): void {
      out.set(v, offset);
    },
    read(b: Uint8Array, o: number): Uint8Array {
      return b.slice(o);
    },
    repr: bytesRepr,
    json: (v) => toHex(v),
    fromJson: (json, layer) => bytesFromJson(json, layer, name),
    random: () => randomBytes(randomInt(16)),
  };
}

/**
 * BOOTP chaddr: 16 bytes. Accepts a MAC string (padded with 10 NULs: scapy 2.5 wrote the text as ASCII,
 * secdev/scapy#4822) or up to 16 bytes. Shown as a MAC when it is one.
 */
export function hardwareAddress<N extends string>(name: N): FieldSpec<N, Uint8Array, BytesInput, false> {
  const isPaddedMac = (v: Uint8Array) => v.length === 16 && v.subarray(6).every((b) => b === 0);
  return {
    name,
    size: 16,
    bits: 0,
    auto: false,
    wire: 'fixed-bytes',
    default: new Uint8Array(16),
    normalize(input: BytesInput, layer: string): Uint8Array {
      if (typeof input === 'string') {
        const out = new Uint8Array(16);
        if (writeMac(input, out, 0)) return out;
        const hex = fromHex(input);
        if (hex && input.includes(':') && hex.length <= 16) {
          out.set(hex);
          return out;
        }
        throw new FieldValueError(
          layer,
          name,
          input,
          'invalid hardware address, expected "aa:bb:cc:dd:ee:ff" or up to 16 bytes',
        );
      }
      const b = toBytes(input, layer, name);
      if (b.length > 16) throw new FieldValueError(layer, name, input, 'longer than 16 bytes');
      const out = new Uint8Array(16);
      out.set(b);
      return out;
    },
    write(out: Uint8Array, offset: number, v: Uint8Array, layer: string): void {
      if (v.length > 16) throw new FieldValueError(layer, name, v, 'longer than 16 bytes');
      out.set(v, offset);
      for (let i = offset + v.length; i < offset + 16; i++) out[i] = 0;
    },
    read(b: Uint8Array, o: number): Uint8Array {
      return b.slice(o, o + 16);
    },
    repr(v: Uint8Array): string {
      return isPaddedMac(v) ? `${canonicalMac(v.subarray(0, 6))} (+ 10 nul pad)` : toHex(v);
    },
    json(v: Uint8Array): string {
      return toHex(v);
    },
    fromJson(json, layer) {
      return this.normalize(bytesFromJson(json, layer, name), layer);
    },
    random: () => {
      const v = new Uint8Array(16);
      v.set(randomBytes(6));
      return v;
    },
  };
}
