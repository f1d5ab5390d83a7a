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
  if (len !== 17 && len !== 12) return false;
  const slot = (text.charCodeAt(len - 1) * 3 + text.charCodeAt(len - 2)) & (PARSED_SLOTS - 1);
  const at = slot * 6;
  if (parsedTexts[slot] !== text) {
    // A failed scan may have written part of the slot's bytes: the slot then remembers nothing.
    parsedTexts[slot] = '';
    if (!scanMac(text, len, parsedBytes, at)) return false;
    parsedTexts[slot] = text;
  }
  out[offset] = parsedBytes[at];
  out[offset + 1] = parsedBytes[at + 1];
  out[offset + 2] = parsedBytes[at + 2];
  out[offset + 3] = parsedBytes[at + 3];
  out[offset + 4] = parsedBytes[at + 4];
  out[offset + 5] = parsedBytes[at + 5];
  return true;
}

// Building frames writes the same few MACs over and over (a client's own, broadcast): texts parsed before
// are remembered with their bytes, direct-mapped by their last two characters and compared by content.
const PARSED_SLOTS = 16;
const parsedTexts: string[] = new Array<string>(PARSED_SLOTS).fill('');
const parsedBytes = new Uint8Array(PARSED_SLOTS * 6);

/** Parses a MAC text of `len` (17 or 12) characters into out[offset..offset+6); false when it is not one. */
function scanMac(text: string, len: number, out: Uint8Array, offset: number): boolean {
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

const LOWER_HEX = new Uint8Array(128);
for (const c of '0123456789abcdef') LOWER_HEX[c.charCodeAt(0)] = 1;

function isLowerHex(c: number): boolean {
  return c < 128 && LOWER_HEX[c] === 1;
}

function scanCanonicalMac(text: string): boolean {
  for (let i = 0; i < 15; i += 3) {
    if (
      !isLowerHex(text.charCodeAt(i)) ||
      !isLowerHex(text.charCodeAt(i + 1)) ||
      text.charCodeAt(i + 2) !== 58
    )
      return false;
  }
  return isLowerHex(text.charCodeAt(15)) && isLowerHex(text.charCodeAt(16));
}

// Composing frames checks the same few addresses over and over (a client's own MAC, broadcast): texts
// found canonical are remembered, direct-mapped by their last character, and answer without a scan.
const CANONICAL_SLOTS = 8;
const canonicalSeen: string[] = new Array<string>(CANONICAL_SLOTS).fill('');

/** Whether text is a MAC in canonical form (lowercase, colons), so it can be kept as is. */
export function isCanonicalMac(text: string): boolean {
  if (text.length !== 17) return false;
  const slot = text.charCodeAt(16) & (CANONICAL_SLOTS - 1);
  if (canonicalSeen[slot] === text) return true;
  if (!scanCanonicalMac(text)) return false;
  canonicalSeen[slot] = text;
  return true;
}

// Dissection formats the same few addresses over and over: a direct-mapped cache of their text saves
// building a string per MAC field.
const TEXT_CACHE_BITS = 8;
const textKeys = new Float64Array(1 << TEXT_CACHE_BITS).fill(-1);
const texts: string[] = new Array<string>(1 << TEXT_CACHE_BITS).fill('');

export function readMac(b: Uint8Array, o: number): string {
  const high = (b[o] << 8) | b[o + 1];
  const low = ((b[o + 2] << 24) | (b[o + 3] << 16) | (b[o + 4] << 8) | b[o + 5]) >>> 0;
  const slot = Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1) >>> (32 - TEXT_CACHE_BITS);
  const key = high * 0x100000000 + low;
  if (textKeys[slot] === key) return texts[slot];
  const text = `${HEX[b[o]]}:${HEX[b[o + 1]]}:${HEX[b[o + 2]]}:${HEX[b[o + 3]]}:${HEX[b[o + 4]]}:${HEX[b[o + 5]]}`;
  textKeys[slot] = key;
  texts[slot] = text;
  return text;
}

const scratch = new Uint8Array(6);

/** Canonical lowercase colon form of a MAC given as text or 6 bytes, or undefined when it is not one. */
export function canonicalMac(input: unknown): string | undefined {
  if (input instanceof Uint8Array) return input.length === 6 ? readMac(input, 0) : undefined;
  if (typeof input !== 'string') return undefined;
  if (isCanonicalMac(input)) return input;
  if (!writeMac(input, scratch, 0)) return undefined;
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
    wire: 'mac',
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
