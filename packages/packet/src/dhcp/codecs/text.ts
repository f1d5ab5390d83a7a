import { bytesRepr, fromHex, toHex } from '../../hex.js';
import { randomBytes, randomInt } from '../../field/random.js';
import { DhcpOptionValueError, type OptionCodec } from '../option-codec.js';

/*
 * Text options carry bytes that are usually ASCII or UTF-8, but captures hold anything. Bytes that are not
 * valid UTF-8 are decoded as lone surrogates U+DC80..U+DCFF (Python's "surrogateescape") and encoded back
 * to the same bytes, so every value is a plain string and every dissected option rebuilds identically.
 */
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function readText(bytes: Uint8Array, start: number, end: number): string {
  let ascii = true;
  for (let i = start; i < end; i++)
    if (bytes[i] >= 0x80) {
      ascii = false;
      break;
    }
  if (ascii) {
    // Short ASCII strings are the common case: fromCharCode over a small range beats TextDecoder.
    let s = '';
    for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]);
    return s;
  }
  try {
    const s = utf8Decoder.decode(bytes.subarray(start, end));
    // A decoded U+DC80..U+DCFF cannot come from valid UTF-8, so it never collides with an escape.
    return s;
  } catch {
    let s = '';
    for (let i = start; i < end; i++) {
      const b = bytes[i];
      s += String.fromCharCode(b < 0x80 ? b : 0xdc00 + b);
    }
    return s;
  }
}

function isEscape(c: number, text: string, i: number): boolean {
  if (c < 0xdc80 || c > 0xdcff) return false;
  // A low surrogate right after a high one is half of a real pair, not an escaped byte.
  const prev = i > 0 ? text.charCodeAt(i - 1) : 0;
  return !(prev >= 0xd800 && prev <= 0xdbff);
}

/** Bytes `writeText` produces for a string. */
export function textLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else if (isEscape(c, text, i)) n += 1;
    else n += 3;
  }
  return n;
}

/** Writes a string as UTF-8 (escaped bytes back as themselves); returns the bytes written. */
export function writeText(text: string, out: Uint8Array, offset: number): number {
  let o = offset;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) out[o++] = c;
    else if (c < 0x800) {
      out[o++] = 0xc0 | (c >> 6);
      out[o++] = 0x80 | (c & 63);
    } else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      c = 0x10000 + ((c - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00);
      out[o++] = 0xf0 | (c >> 18);
      out[o++] = 0x80 | ((c >> 12) & 63);
      out[o++] = 0x80 | ((c >> 6) & 63);
      out[o++] = 0x80 | (c & 63);
    } else if (isEscape(c, text, i)) out[o++] = c - 0xdc00;
    else {
      out[o++] = 0xe0 | (c >> 12);
      out[o++] = 0x80 | ((c >> 6) & 63);
      out[o++] = 0x80 | (c & 63);
    }
  }
  return o - offset;
}

function randomAscii(): string {
  let s = '';
  const n = 1 + randomInt(12);
  for (let i = 0; i < n; i++) s += String.fromCharCode(97 + randomInt(26));
  return s;
}

/** Index of a lone surrogate that is not an escaped byte (it has no UTF-8 form), or -1. */
function loneSurrogate(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return i;
    }
    if (!isEscape(c, text, i)) return i;
  }
  return -1;
}

/** Text (hostname, domain, vendor_class_id): a string; bytes are accepted as input and decoded. */
export const textCodec: OptionCodec<string, Uint8Array> = {
  expects: 'text',
  normalize(input, option) {
    if (typeof input === 'string') {
      const at = loneSurrogate(input);
      if (at >= 0)
        throw new DhcpOptionValueError(
          option,
          input,
          `unpaired surrogate U+${input.charCodeAt(at).toString(16).toUpperCase()} at index ${at} has no UTF-8 form`,
        );
      return input;
    }
    if (input instanceof Uint8Array) return readText(input, 0, input.length);
    throw new DhcpOptionValueError(option, input, 'expected a string or bytes');
  },
  length: textLength,
  write(out, offset, value) {
    writeText(value, out, offset);
  },
  read: readText,
  json: (v) => v,
  repr: (v) => JSON.stringify(v),
  random: randomAscii,
};

/** Opaque bytes (options without a richer model, unknown codes); hex strings are accepted as input. */
export const bytesCodec: OptionCodec<Uint8Array, string | readonly number[]> = {
  expects: 'bytes',
  normalize(input, option) {
    if (input instanceof Uint8Array) return input;
    if (typeof input === 'string') {
      const hex = fromHex(input);
      if (hex) return hex;
      throw new DhcpOptionValueError(option, input, 'expected bytes or a hex string');
    }
    if (Array.isArray(input) && input.every((b) => Number.isInteger(b) && b >= 0 && b <= 255))
      return Uint8Array.from(input);
    throw new DhcpOptionValueError(option, input, 'expected bytes, a hex string or a list of byte values');
  },
  length: (v) => v.length,
  write(out, offset, value) {
    out.set(value, offset);
  },
  read: (bytes, start, end) => bytes.slice(start, end),
  json: (v) => toHex(v),
  repr: bytesRepr,
  random: () => randomBytes(randomInt(12)),
};
