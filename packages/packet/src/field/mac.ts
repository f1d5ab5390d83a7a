import { FieldValueError } from '../errors.js';
import type { FieldSpec } from './spec.js';
import { randomInt } from './random.js';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * Writes "aa:bb:cc:dd:ee:ff" (also '-' or '.'-free "aabbccddeeff") as 6 bytes; false when it is not a MAC.
 * Hand-parsed: this runs on every build of every frame.
 */
export function writeMac(text: string, out: Uint8Array, offset: number): boolean {
  const len = text.length;
  let step: number;
  if (len === 17) step = 3;
  else if (len === 12) step = 2;
  else return false;
  for (let i = 0; i < 6; i++) {
    const p = i * step;
    const hi = hexDigit(text.charCodeAt(p));
    const lo = hexDigit(text.charCodeAt(p + 1));
    if (hi < 0 || lo < 0) return false;
    if (step === 3 && i < 5) {
      const sep = text.charCodeAt(p + 2);
      if (sep !== 58 && sep !== 45) return false;
    }
    out[offset + i] = (hi << 4) | lo;
  }
  return true;
}

export function readMac(b: Uint8Array, o: number): string {
  return `${HEX[b[o]]}:${HEX[b[o + 1]]}:${HEX[b[o + 2]]}:${HEX[b[o + 3]]}:${HEX[b[o + 4]]}:${HEX[b[o + 5]]}`;
}

const scratch = new Uint8Array(6);

/** Canonical lowercase colon form of a MAC given as text or 6 bytes, or undefined when it is not one. */
export function canonicalMac(input: unknown): string | undefined {
  if (input instanceof Uint8Array) return input.length === 6 ? readMac(input, 0) : undefined;
  if (typeof input !== 'string' || !writeMac(input, scratch, 0)) return undefined;
  return readMac(scratch, 0);
}

export function macToBytes(text: string): Uint8Array {
  const out = new Uint8Array(6);
  if (!writeMac(text, out, 0)) throw new TypeError(`not a MAC address: ${JSON.stringify(text)}`);
  return out;
}

export function randomMac(): string {
  // Locally administered, unicast: never collides with a real vendor's address.
  const b = Uint8Array.from({ length: 6 }, () => randomInt(256));
  b[0] = (b[0] & 0xfc) | 0x02;
  return readMac(b, 0);
}

export type MacField<N extends string> = FieldSpec<N, string, string | Uint8Array, false>;

export function mac<N extends string>(name: N, def: string): MacField<N> {
  return {
    name,
    size: 6,
    bits: 0,
    auto: false,
    default: def,
    normalize(input: string | Uint8Array, layer: string): string {
      const v = canonicalMac(input);
      if (v === undefined)
        throw new FieldValueError(
          layer,
          name,
          input,
          'invalid MAC address, expected "aa:bb:cc:dd:ee:ff" or 6 bytes',
        );
      return v;
    },
    write(out: Uint8Array, offset: number, v: string, layer: string): void {
      if (!writeMac(v, out, offset)) {
        throw new FieldValueError(layer, name, v, 'invalid MAC address, expected "aa:bb:cc:dd:ee:ff"');
      }
    },
    read: readMac,
    repr: (v) => v,
    json: (v) => v,
    random: randomMac,
  };
}

export { HEX as HEX_BYTE };
