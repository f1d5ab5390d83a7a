/**
 * Option values to and from the wire with the common codecs handled inline. Every code's codec is a shared
 * object with its own closures, so `codec.length(v)` in the encode and decode loops is a call V8 cannot
 * inline; the option types that fill most frames (integers, addresses, text, message type, code lists)
 * are dispatched here on a per-code tag instead. Results are exactly the codecs' own.
 */
import { isCanonicalIpv4, parseIpv4, readIpv4 } from '../field/ipv4.js';
import { isCanonicalMac } from '../field/mac.js';
import { ipv4Codec, ipv4ListCodec } from './codecs/address.js';
import { u8Codec, u16Codec, u32Codec } from './codecs/integer.js';
import { messageTypeCode, messageTypeCodec, messageTypeName } from './codecs/message-type.js';
import { bytesCodec, readText, textCodec, textLength, writeText } from './codecs/text.js';
import { MALFORMED, type Malformed } from './option-codec.js';
import { codecOf, OPTIONS_BY_CODE } from './registry.js';

const OTHER = 0;
const U8 = 1;
const U16 = 2;
const U32 = 3;
const IPV4 = 4;
const IPV4_LIST = 5;
const TEXT = 6;
const MESSAGE_TYPE = 7;
const BYTES = 8;
const CODE_LIST = 9;

const PARAM_REQUEST_LIST = 55;
const CLIENT_ID = 61;

/** The inline kind of each code (unregistered codes are bytes, as codecOf says). */
const kinds: Uint8Array = (() => {
  const table = new Uint8Array(256).fill(BYTES);
  for (let code = 0; code < 256; code++) {
    const codec = OPTIONS_BY_CODE[code]?.codec;
    if (codec === undefined) continue;
    const c: unknown = codec;
    if (code === PARAM_REQUEST_LIST) table[code] = CODE_LIST;
    else if (c === u8Codec) table[code] = U8;
    else if (c === u16Codec) table[code] = U16;
    else if (c === u32Codec) table[code] = U32;
    else if (c === ipv4Codec) table[code] = IPV4;
    else if (c === ipv4ListCodec) table[code] = IPV4_LIST;
    else if (c === textCodec) table[code] = TEXT;
    else if (c === messageTypeCodec) table[code] = MESSAGE_TYPE;
    else if (c === bytesCodec) table[code] = BYTES;
    else table[code] = OTHER;
  }
  return table;
})();

/** Bytes of a code's encoded value (without code and length). */
export function valueLength(code: number, value: unknown): number {
  switch (kinds[code]) {
    case U8:
    case MESSAGE_TYPE:
      return 1;
    case U16:
      return 2;
    case U32:
    case IPV4:
      return 4;
    case IPV4_LIST:
      return (value as string[]).length * 4;
    case TEXT:
      return textLength(value as string);
    case BYTES:
    case CODE_LIST:
      return (value as ArrayLike<number>).length;
    default:
      return codecOf(code).length(value as never);
  }
}

function writeU32(out: Uint8Array, o: number, v: number): void {
  out[o] = v >>> 24;
  out[o + 1] = v >>> 16;
  out[o + 2] = v >>> 8;
  out[o + 3] = v;
}

/** Writes exactly valueLength(code, value) bytes at `o`. */
export function writeValue(code: number, value: unknown, out: Uint8Array, o: number): void {
  switch (kinds[code]) {
    case U8:
      out[o] = value as number;
      return;
    case U16:
      out[o] = (value as number) >>> 8;
      out[o + 1] = value as number;
      return;
    case U32:
      writeU32(out, o, value as number);
      return;
    case IPV4: {
      // Stored values are canonical; an address that is not (never stored by normalize) writes nothing, as
      // the codec's own write does.
      const n = parseIpv4(value as string);
      if (n >= 0) writeU32(out, o, n);
      return;
    }
    case IPV4_LIST: {
      const list = value as string[];
      for (let i = 0; i < list.length; i++) {
        const n = parseIpv4(list[i]);
        if (n >= 0) writeU32(out, o + 4 * i, n);
      }
      return;
    }
    case TEXT:
      writeText(value as string, out, o);
      return;
    case MESSAGE_TYPE:
      out[o] = typeof value === 'number' ? value : messageTypeCode(value as never);
      return;
    case BYTES:
      out.set(value as Uint8Array, o);
      return;
    case CODE_LIST: {
      const list = value as number[];
      for (let i = 0; i < list.length; i++) out[o + i] = list[i];
      return;
    }
    default:
      codecOf(code).write(out, o, value as never);
  }
}

/** Decodes a code's data bytes [start, end), or MALFORMED. Never throws. */
export function readValue(code: number, bytes: Uint8Array, start: number, end: number): unknown | Malformed {
  const n = end - start;
  const b = bytes;
  switch (kinds[code]) {
    case U8:
      return n === 1 ? b[start] : MALFORMED;
    case U16:
      return n === 2 ? (b[start] << 8) | b[start + 1] : MALFORMED;
    case U32:
      return n === 4
        ? ((b[start] << 24) | (b[start + 1] << 16) | (b[start + 2] << 8) | b[start + 3]) >>> 0
        : MALFORMED;
    case IPV4:
      return n === 4 ? readIpv4(b, start) : MALFORMED;
    case IPV4_LIST: {
      if (n % 4 !== 0) return MALFORMED;
      const out = new Array<string>(n / 4);
      for (let i = 0; i < out.length; i++) out[i] = readIpv4(b, start + i * 4);
      return out;
    }
    case TEXT:
      return readText(b, start, end);
    case MESSAGE_TYPE:
      return n === 1 ? messageTypeName(b[start]) : MALFORMED;
    case CODE_LIST: {
      const out = new Array<number>(n);
      for (let i = 0; i < n; i++) out[i] = b[start + i];
      return out;
    }
    default:
      return codecOf(code).read(b, start, end);
  }
}

/** What storedForm() returns when the value needs its codec's normalize(). */
export const NEEDS_NORMALIZE: unique symbol = Symbol('needs-normalize');

/** String.prototype.isWellFormed: ES2024, in Node since 20.0, not in the ES2023 lib this project compiles with. */
type WellFormedText = string & { isWellFormed(): boolean };

function isPlainText(text: string): boolean {
  // Without lone surrogates every character has a UTF-8 form, so textCodec keeps the string as is (a lone
  // surrogate may still be an escaped byte: normalize() decides those). The builtin beats a charCodeAt loop.
  return (text as WellFormedText).isWellFormed();
}

function isCodeList(list: unknown): list is number[] {
  if (!Array.isArray(list)) return false;
  for (let i = 0; i < list.length; i++) {
    const c: unknown = list[i];
    if (typeof c !== 'number' || !(c >= 0 && c <= 255) || Math.floor(c) !== c) return false;
  }
  return true;
}

/**
 * The stored form of a user's value when it is already valid as given (what the codec's normalize() would
 * return), else NEEDS_NORMALIZE. Saves the normalize() call for the values composed most often.
 */
export function storedForm(code: number, value: unknown): unknown {
  switch (kinds[code]) {
    case U8:
      return typeof value === 'number' && value >= 0 && value <= 0xff && Math.floor(value) === value
        ? value
        : NEEDS_NORMALIZE;
    case U16:
      return typeof value === 'number' && value >= 0 && value <= 0xffff && Math.floor(value) === value
        ? value
        : NEEDS_NORMALIZE;
    case U32:
      return typeof value === 'number' && value >= 0 && value <= 0xffffffff && Math.floor(value) === value
        ? value
        : NEEDS_NORMALIZE;
    case IPV4:
      return typeof value === 'string' && isCanonicalIpv4(value) ? value : NEEDS_NORMALIZE;
    case TEXT:
      return typeof value === 'string' && isPlainText(value) ? value : NEEDS_NORMALIZE;
    case MESSAGE_TYPE: {
      if (typeof value !== 'string') return NEEDS_NORMALIZE;
      const type = messageTypeCode(value as never);
      return type >= 0 ? messageTypeName(type) : NEEDS_NORMALIZE;
    }
    case CODE_LIST:
      // A copy: the caller's array stays theirs to change.
      return isCodeList(value) ? value.slice() : NEEDS_NORMALIZE;
    default:
      // A client identifier given as a canonical MAC (the usual form) is clientIdCodec's Ethernet id.
      return code === CLIENT_ID && typeof value === 'string' && isCanonicalMac(value)
        ? { type: 1, id: value }
        : NEEDS_NORMALIZE;
  }
}
