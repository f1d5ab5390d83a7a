import { randomInt } from '../../field/random.js';
import { bytesRepr, fromHex, toHex } from '../../hex.js';
import { DhcpOptionValueError, type OptionCodec } from '../option-codec.js';
import { readText, textLength, writeText } from './text.js';

/**
 * Option 77 user class (RFC 3004): a list of classes, each a length byte and opaque data (read as text; bytes
 * that are not UTF-8 keep their values, see text.ts). Many clients send a single class as bare text instead;
 * data whose lengths do not add up to the option is kept as it is, as bytes (`Uint8Array`), with no
 * problem: it is what those clients send.
 */
export type UserClass = string[] | Uint8Array;
/** Classes as text or bytes, raw data as bytes or hex, or the JSON form of raw data `{ raw: 'hex' }`. */
export type UserClassInput = readonly (string | Uint8Array)[] | Uint8Array | string | { raw: string };

function isClassList(b: Uint8Array, start: number, end: number): boolean {
  if (start === end) return false;
  let o = start;
  while (o < end) {
    // RFC 3004: every class has at least one byte.
    if (b[o] === 0) return false;
    o += 1 + b[o];
  }
  return o === end;
}

function rawFrom(input: unknown, option: string): Uint8Array | undefined {
  if (input instanceof Uint8Array) return input;
  const hex =
    typeof input === 'string'
      ? input
      : typeof input === 'object' && input !== null && 'raw' in input && typeof input.raw === 'string'
        ? input.raw
        : undefined;
  if (hex === undefined) return undefined;
  const bytes = fromHex(hex);
  if (!bytes)
    throw new DhcpOptionValueError(
      option,
      input,
      'raw data is bytes or hex; give classes as a list of strings, e.g. ["iPXE"]',
    );
  return bytes;
}

export const userClassCodec: OptionCodec<UserClass, UserClassInput> = {
  expects: 'user classes (a length byte and data each)',
  normalize(input, option) {
    const raw = rawFrom(input, option);
    if (raw) return raw;
    if (!Array.isArray(input) || input.length === 0)
      throw new DhcpOptionValueError(
        option,
        input,
        'expected a list of classes (strings or bytes), or raw bytes',
      );
    return input.map((item: unknown) => {
      const text = item instanceof Uint8Array ? readText(item, 0, item.length) : item;
      if (typeof text !== 'string')
        throw new DhcpOptionValueError(option, item, 'expected a class as a string or bytes');
      const n = textLength(text);
      if (n < 1 || n > 255)
        throw new DhcpOptionValueError(option, item, `a class has 1..255 bytes; this one has ${n}`);
      return text;
    });
  },
  length(v) {
    if (v instanceof Uint8Array) return v.length;
    let n = 0;
    for (const item of v) n += 1 + textLength(item);
    return n;
  },
  write(out, offset, v) {
    if (v instanceof Uint8Array) {
      out.set(v, offset);
      return;
    }
    let o = offset;
    for (const item of v) {
      const n = writeText(item, out, o + 1);
      out[o] = n;
      o += 1 + n;
    }
  },
  read(b, start, end) {
    if (!isClassList(b, start, end)) return b.slice(start, end);
    const classes: string[] = [];
    for (let o = start; o < end; o += 1 + b[o]) classes.push(readText(b, o + 1, o + 1 + b[o]));
    return classes;
  },
  json: (v) => (v instanceof Uint8Array ? { raw: toHex(v) } : v.slice()),
  repr: (v) => (v instanceof Uint8Array ? bytesRepr(v) : `[${v.map((c) => JSON.stringify(c)).join(', ')}]`),
  random: () =>
    randomInt(4) === 0 ? Uint8Array.of(0x61, 0x62) : ['iPXE', 'gPXE', 'printer'].slice(randomInt(3)),
  copy: (v) => v.slice(),
};
