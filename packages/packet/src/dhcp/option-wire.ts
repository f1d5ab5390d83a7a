/**
 * The options area on the wire: length, encoding (RFC 3396 splitting of values over 255 bytes) and
 * decoding (joining repeated codes, keeping malformed options as raw bytes with a problem each).
 */
import type { Problem } from '../problem.js';
import { MALFORMED } from './option-codec.js';
import { EntryKind, DhcpOptionList } from './option-list.js';
import { readValue, valueLength, writeValue } from './option-values.js';
import { codecOf, optionName } from './registry.js';

const PAD = 0;
const END = 255;

// Encoding scratch for values split over several instances; grows when needed, never shrinks.
let scratch = new Uint8Array(2048);
function scratchFor(length: number): Uint8Array {
  if (scratch.length < length) scratch = new Uint8Array(Math.max(length, scratch.length * 2));
  return scratch;
}

function chunks(length: number): number {
  return length <= 255 ? 1 : Math.ceil(length / 255);
}

/** Data length of the first instance when a split head keeps its dissected layout, else -1. */
function preservedHeadLength(list: DhcpOptionList, head: number, total: number): number {
  const { codes, kinds, values } = list;
  const code = codes[head];
  let rest = 0;
  for (let i = head + 1; i < codes.length; i++) {
    if (codes[i] === code && kinds[i] === EntryKind.continuation) {
      const n = values[i] as number;
      if (n > 255) return -1;
      rest += n;
    }
  }
  const first = total - rest;
  return first >= 0 && first <= 255 ? first : -1;
}

/** Bytes the list encodes to (trailing bytes included). */
export function encodedLength(list: DhcpOptionList): number {
  const { codes, values, kinds } = list;
  let n = list.trailing.length;
  // Continuations are written only when their head keeps its layout; remember which heads do, per code.
  let preserved: number[] | undefined;
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    const kind = kinds[i];
    if (kind === EntryKind.option) {
      if (code === PAD || code === END) n += 1;
      else {
        const len = valueLength(code, values[i]);
        n += len + 2 * chunks(len);
      }
    } else if (kind === EntryKind.verbatim) n += (values[i] as Uint8Array).length;
    else if (kind === EntryKind.split) {
      const len = valueLength(code, values[i]);
      const first = preservedHeadLength(list, i, len);
      if (first >= 0) {
        n += 2 + first;
        preserved ??= [];
        preserved[code] = 1;
      } else {
        n += len + 2 * chunks(len);
        if (preserved) preserved[code] = 0;
      }
    } else if (preserved?.[code] === 1) n += 2 + (values[i] as number);
  }
  return n;
}

function writeChunks(
  code: number,
  data: Uint8Array,
  length: number,
  out: Uint8Array,
  offset: number,
): number {
  let o = offset;
  let at = 0;
  do {
    const n = Math.min(255, length - at);
    out[o] = code;
    out[o + 1] = n;
    out.set(data.subarray(at, at + n), o + 2);
    o += 2 + n;
    at += n;
  } while (at < length);
  return o;
}

/**
 * Encodes the list at `offset`; returns the offset after the last byte written. `withTrailing` false leaves
 * out the bytes after 'end' (an overload area refilled to its fixed size).
 */
export function encodeOptions(
  list: DhcpOptionList,
  out: Uint8Array,
  offset: number,
  withTrailing = true,
): number {
  const { codes, values, kinds } = list;
  let o = offset;
  // Data still to be written by the continuations of preserved split heads, by code.
  let pending: { data: Uint8Array; at: number }[] | undefined;
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    const kind = kinds[i];
    if (kind === EntryKind.option) {
      if (code === PAD || code === END) {
        out[o++] = code;
        continue;
      }
      const value = values[i];
      const len = valueLength(code, value);
      if (len <= 255) {
        out[o] = code;
        out[o + 1] = len;
        writeValue(code, value, out, o + 2);
        o += 2 + len;
      } else {
        const data = scratchFor(len);
        writeValue(code, value, data, 0);
        o = writeChunks(code, data, len, out, o);
      }
    } else if (kind === EntryKind.verbatim) {
      const bytes = values[i] as Uint8Array;
      out.set(bytes, o);
      o += bytes.length;
    } else if (kind === EntryKind.split) {
      const codec = codecOf(code);
      const value = values[i] as never;
      const len = codec.length(value);
      // Its own buffer: several split codes may be pending at once.
      const data = new Uint8Array(len);
      codec.write(data, 0, value);
      const first = preservedHeadLength(list, i, len);
      if (first >= 0) {
        out[o] = code;
        out[o + 1] = first;
        out.set(data.subarray(0, first), o + 2);
        o += 2 + first;
        pending ??= [];
        pending[code] = { data, at: first };
      } else {
        o = writeChunks(code, data, len, out, o);
        if (pending) delete pending[code];
      }
    } else {
      const p = pending?.[code];
      if (!p) continue;
      const n = values[i] as number;
      out[o] = code;
      out[o + 1] = n;
      out.set(p.data.subarray(p.at, p.at + n), o + 2);
      p.at += n;
      o += 2 + n;
    }
  }
  if (!withTrailing) return o;
  out.set(list.trailing, o);
  return o + list.trailing.length;
}

// Decoding work arrays, reused: dissection is synchronous.
let starts = new Int32Array(512);
let lengths = new Int32Array(512);
const counts = new Int32Array(256);
/** Per code during a decode: 0 not yet seen, 1 joined value decoded, 2 joined value malformed. */
const joinState = new Uint8Array(256);

function grow(size: number) {
  const s = new Int32Array(size);
  s.set(starts);
  starts = s;
  const l = new Int32Array(size);
  l.set(lengths);
  lengths = l;
}

/**
 * Decodes the options in bytes [start, end). Never throws: a truncated TLV or a value its option's type
 * cannot read is kept as raw bytes (verbatim) with a 'malformed-option' problem, and decoding goes on
 * after it whenever its length byte can be trusted. Repeated codes are joined (RFC 3396).
 */
export function decodeOptions(
  bytes: Uint8Array,
  start: number,
  end: number,
  problems: Problem[],
  layer = 'DHCP',
): DhcpOptionList {
  // One pass decodes as it goes; a repeated code (rare) sends the area to the joining decoder instead.
  const codes: number[] = [];
  const values: unknown[] = [];
  const kinds: EntryKind[] = [];
  const problemsBefore = problems.length;
  let o = start;
  let repeated = false;
  let truncatedAt = -1;
  let trailingStart = end;
  while (o < end) {
    const code = bytes[o];
    if (code === PAD || code === END) {
      codes.push(code);
      values.push(null);
      kinds.push(EntryKind.option);
      o++;
      if (code === END) {
        trailingStart = o;
        break;
      }
      continue;
    }
    if (o + 2 > end || o + 2 + bytes[o + 1] > end) {
      truncatedAt = o;
      break;
    }
    if (++counts[code] > 1) repeated = true;
    const len = bytes[o + 1];
    const value = readValue(code, bytes, o + 2, o + 2 + len);
    codes.push(code);
    if (value === MALFORMED) {
      values.push(bytes.slice(o, o + 2 + len));
      kinds.push(EntryKind.verbatim);
      problems.push(malformed(layer, code, o, len, codecOf(code).expects));
    } else {
      values.push(value);
      kinds.push(EntryKind.option);
    }
    o += 2 + len;
  }
  for (let i = 0; i < codes.length; i++) counts[codes[i]] = 0;
  if (repeated) {
    problems.length = problemsBefore;
    return decodeJoined(bytes, start, end, problems, layer);
  }
  const list = new DhcpOptionList(codes, values, kinds);
  finishArea(list, bytes, end, truncatedAt, trailingStart, problems, layer);
  return list;
}

/** The truncated TLV (kept raw, reported) or the bytes after 'end'. */
function finishArea(
  list: DhcpOptionList,
  bytes: Uint8Array,
  end: number,
  truncatedAt: number,
  trailingStart: number,
  problems: Problem[],
  layer: string,
): void {
  if (truncatedAt >= 0) {
    const code = bytes[truncatedAt];
    list.push(code, bytes.slice(truncatedAt, end), EntryKind.verbatim);
    const name = optionName(code) ?? String(code);
    problems.push({
      kind: 'malformed-option',
      layer,
      field: name,
      offset: truncatedAt,
      message:
        truncatedAt + 1 >= end
          ? `option ${name} (${code}) at offset ${truncatedAt} has no length byte`
          : `option ${name} (${code}) at offset ${truncatedAt} declares ${bytes[truncatedAt + 1]} bytes but only ${end - truncatedAt - 2} remain`,
      expected: truncatedAt + 1 >= end ? 2 : bytes[truncatedAt + 1],
      actual: Math.max(0, end - truncatedAt - 2),
    });
  } else if (trailingStart < end) {
    list.trailing = bytes.slice(trailingStart, end);
  }
}

/** The decoder for areas with repeated codes: two passes, so that every instance of a code is joined. */
function decodeJoined(
  bytes: Uint8Array,
  start: number,
  end: number,
  problems: Problem[],
  layer: string,
): DhcpOptionList {
  let count = 0;
  let o = start;
  let trailingStart = end;
  let truncatedAt = -1;
  while (o < end) {
    if (count === starts.length) grow(count * 2);
    const code = bytes[o];
    if (code === PAD || code === END) {
      starts[count] = o;
      lengths[count++] = -1;
      o++;
      if (code === END) {
        trailingStart = o;
        break;
      }
      continue;
    }
    if (o + 2 > end || o + 2 + bytes[o + 1] > end) {
      truncatedAt = o;
      break;
    }
    starts[count] = o;
    lengths[count++] = bytes[o + 1];
    counts[code]++;
    o += 2 + bytes[o + 1];
  }

  const codes = new Array<number>(count);
  const values = new Array<unknown>(count);
  const kinds = new Array<EntryKind>(count);
  for (let i = 0; i < count; i++) {
    const at = starts[i];
    const code = bytes[at];
    const len = lengths[i];
    codes[i] = code;
    if (len < 0) {
      values[i] = null;
      kinds[i] = EntryKind.option;
      continue;
    }
    const codec = codecOf(code);
    if (counts[code] === 1) {
      const value = codec.read(bytes, at + 2, at + 2 + len);
      if (value === MALFORMED) {
        values[i] = bytes.slice(at, at + 2 + len);
        kinds[i] = EntryKind.verbatim;
        problems.push(malformed(layer, code, at, len, codec.expects));
      } else {
        values[i] = value;
        kinds[i] = EntryKind.option;
      }
      continue;
    }
    // A repeated code: RFC 3396 says the instances are one value, concatenated in order.
    const state = joinState[code];
    if (state === 0) {
      let total = 0;
      for (let j = i; j < count; j++) if (lengths[j] >= 0 && bytes[starts[j]] === code) total += lengths[j];
      const joined = new Uint8Array(total);
      let w = 0;
      for (let j = i; j < count; j++) {
        if (lengths[j] < 0 || bytes[starts[j]] !== code) continue;
        joined.set(bytes.subarray(starts[j] + 2, starts[j] + 2 + lengths[j]), w);
        w += lengths[j];
      }
      const value = codec.read(joined, 0, total);
      if (value === MALFORMED) {
        joinState[code] = 2;
        values[i] = bytes.slice(at, at + 2 + len);
        kinds[i] = EntryKind.verbatim;
        problems.push(malformed(layer, code, at, total, codec.expects, counts[code]));
      } else {
        joinState[code] = 1;
        values[i] = value;
        kinds[i] = EntryKind.split;
      }
    } else if (state === 1) {
      values[i] = len;
      kinds[i] = EntryKind.continuation;
    } else {
      values[i] = bytes.slice(at, at + 2 + len);
      kinds[i] = EntryKind.verbatim;
    }
  }
  for (let i = 0; i < count; i++) {
    const code = bytes[starts[i]];
    counts[code] = 0;
    joinState[code] = 0;
  }
  const list = new DhcpOptionList(codes, values, kinds);
  finishArea(list, bytes, end, truncatedAt, trailingStart, problems, layer);
  return list;
}

function malformed(
  layer: string,
  code: number,
  offset: number,
  length: number,
  expects: string,
  instances = 1,
): Problem {
  const name = optionName(code) ?? String(code);
  const joined = instances > 1 ? ` (${instances} instances joined per RFC 3396)` : '';
  return {
    kind: 'malformed-option',
    layer,
    field: name,
    offset,
    message: `option ${name} (${code}) at offset ${offset}: ${length} bytes${joined} are not ${expects}`,
    actual: length,
  };
}
