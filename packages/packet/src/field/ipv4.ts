import { FieldValueError } from '../errors.js';
import type { FieldSpec } from './spec.js';
import { randomInt } from './random.js';

// Building frames writes the same few addresses over and over (0.0.0.0, broadcast, a server's): texts
// parsed before are remembered with their value, direct-mapped by length and last two characters, and
// compared by content, so a repeat costs a string comparison instead of a scan.
const PARSED_SLOTS = 32;
const parsedTexts: string[] = new Array<string>(PARSED_SLOTS).fill('');
const parsedValues = new Uint32Array(PARSED_SLOTS);

/** Parses dotted-quad text to an unsigned 32-bit number; -1 when it is not strictly a.b.c.d with 0..255 parts. */
export function parseIpv4(text: string): number {
  const len = text.length;
  if (len < 7 || len > 15) return -1;
  const slot = (len * 7 + text.charCodeAt(len - 1) * 3 + text.charCodeAt(len - 2)) & (PARSED_SLOTS - 1);
  if (parsedTexts[slot] === text) return parsedValues[slot];
  const value = scanIpv4(text);
  if (value >= 0) {
    parsedTexts[slot] = text;
    parsedValues[slot] = value;
  }
  return value;
}

function scanIpv4(text: string): number {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      part = part * 10 + (c - 48);
      if (++digits > 3 || part > 255) return -1;
    } else return -1;
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + part;
}

export function formatIpv4(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

function scanCanonicalIpv4(text: string, len: number): boolean {
  let part = 0;
  let digits = 0;
  let dots = 0;
  let leadingZero = false;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return false;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (digits === 0) leadingZero = c === 48;
      else if (leadingZero) return false;
      part = part * 10 + (c - 48);
      if (++digits > 3 || part > 255) return false;
    } else return false;
  }
  return dots === 3 && digits > 0;
}

// Composing frames checks the same few addresses over and over (0.0.0.0, broadcast, a server's): texts
// found canonical are remembered, direct-mapped by length and last character, and answer without a scan.
const CANONICAL_SLOTS = 16;
const canonicalSeen: string[] = new Array<string>(CANONICAL_SLOTS).fill('');

/** Whether text is an address in its canonical form (strict a.b.c.d, no leading zeros), so it can be kept as is. */
export function isCanonicalIpv4(text: string): boolean {
  const len = text.length;
  if (len < 7 || len > 15) return false;
  const slot = (len * 7 + text.charCodeAt(len - 1)) & (CANONICAL_SLOTS - 1);
  if (canonicalSeen[slot] === text) return true;
  if (!scanCanonicalIpv4(text, len)) return false;
  canonicalSeen[slot] = text;
  return true;
}

// Dissection formats the same few addresses over and over: a direct-mapped cache of their text saves
// building a string per address field.
const TEXT_CACHE_BITS = 10;
const textKeys = new Float64Array(1 << TEXT_CACHE_BITS).fill(-1);
const texts: string[] = new Array<string>(1 << TEXT_CACHE_BITS).fill('');

export function readIpv4(b: Uint8Array, o: number): string {
  const n = ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
  const slot = Math.imul(n, 0x9e3779b1) >>> (32 - TEXT_CACHE_BITS);
  if (textKeys[slot] === n) return texts[slot];
  const text = `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;
  textKeys[slot] = n;
  texts[slot] = text;
  return text;
}

/** Writes an address; false when the text is not an IPv4 address. */
export function writeIpv4(text: string, out: Uint8Array, o: number): boolean {
  const n = parseIpv4(text);
  if (n < 0) return false;
  out[o] = n >>> 24;
  out[o + 1] = n >>> 16;
  out[o + 2] = n >>> 8;
  out[o + 3] = n;
  return true;
}

export function canonicalIpv4(input: unknown): string | undefined {
  if (input instanceof Uint8Array) return input.length === 4 ? readIpv4(input, 0) : undefined;
  if (typeof input === 'number')
    return Number.isInteger(input) && input >= 0 && input <= 0xffffffff ? formatIpv4(input) : undefined;
  if (typeof input !== 'string') return undefined;
  if (isCanonicalIpv4(input)) return input;
  const n = parseIpv4(input);
  return n < 0 ? undefined : formatIpv4(n);
}

export function randomIpv4(): string {
  return formatIpv4(randomInt(0x10000) * 0x10000 + randomInt(0x10000));
}

export type Ipv4Field<N extends string> = FieldSpec<N, string, string | Uint8Array | number, false>;

export function ipv4<N extends string>(name: N, def: string): Ipv4Field<N> {
  return {
    name,
    size: 4,
    bits: 0,
    auto: false,
    default: def,
    wire: 'ipv4',
    normalize(input: string | Uint8Array | number, layer: string): string {
      const v = canonicalIpv4(input);
      if (v === undefined)
        throw new FieldValueError(layer, name, input, 'invalid IPv4 address, expected "a.b.c.d"');
      return v;
    },
    write(out: Uint8Array, offset: number, v: string, layer: string): void {
      if (!writeIpv4(v, out, offset))
        throw new FieldValueError(layer, name, v, 'invalid IPv4 address, expected "a.b.c.d"');
    },
    read: readIpv4,
    repr: (v) => v,
    json: (v) => v,
    random: randomIpv4,
  };
}
