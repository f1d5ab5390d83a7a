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
const NO_AREAS: readonly DhcpOptionList[] = [];

// Encoding scratch for values split over several instances; grows when needed, never shrinks.
let scratch = new Uint8Array(2048);
function scratchFor(length: number): Uint8Array {
  if (scratch.length < length) scratch = new Uint8Array(Math.max(length, scratch.length * 2));
  return scratch;
}

function chunks(length: number): number {
  return length <= 255 ? 1 : Math.ceil(length / 255);
}

/**
 * What the areas of one message (options, then overloaded file, then sname: RFC 3396's aggregate option
 * buffer) share while they are encoded in that order: which split heads keep their layout, and the data
 * their continuations in later areas still have to write.
 */
export interface SplitState {
  /** By code: 1 when the head keeps its dissected layout (its continuations are written), 0 when not. */
  preserved: number[];
  pending: ({ data: Uint8Array; at: number } | undefined)[];
}

export function newSplitState(): SplitState {
  return { preserved: [], pending: [] };
}

function continuationTotal(list: DhcpOptionList, from: number, code: number): number {
  const { codes, kinds, values } = list;
  let rest = 0;
  for (let i = from; i < codes.length; i++) {
    if (codes[i] === code && kinds[i] === EntryKind.continuation) {
      const n = values[i] as number;
      if (n > 255) return -1;
      rest += n;
    }
  }
  return rest;
}

/** Data length of the first instance when a split head keeps its dissected layout, else -1. */
function preservedHeadLength(
  list: DhcpOptionList,
  head: number,
  total: number,
  later: readonly DhcpOptionList[],
): number {
  const code = list.codes[head];
  let rest = continuationTotal(list, head + 1, code);
  for (let a = 0; a < later.length && rest >= 0; a++) {
    const more = continuationTotal(later[a], 0, code);
    rest = more < 0 ? -1 : rest + more;
  }
  const first = total - rest;
  return rest >= 0 && first >= 0 && first <= 255 ? first : -1;
}

/**
 * Bytes the list encodes to (trailing bytes included). `later` are the areas after this one in the
 * aggregate option buffer (continuations of this area's split heads may sit there); `state` carries split
 * heads from earlier areas (pass the same state to every area, in order).
 */
export function encodedLength(
  list: DhcpOptionList,
  later: readonly DhcpOptionList[] = NO_AREAS,
  state?: SplitState,
): number {
  const { codes, values, kinds } = list;
  let n = list.trailing.length;
  // Continuations are written only when their head keeps its layout; remember which heads do, per code.
  let preserved: number[] | undefined = state?.preserved;
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
      const first = preservedHeadLength(list, i, len, later);
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
  later: readonly DhcpOptionList[] = NO_AREAS,
  state?: SplitState,
): number {
  const { codes, values, kinds } = list;
  let o = offset;
  // Data still to be written by the continuations of preserved split heads, by code.
  let pending: ({ data: Uint8Array; at: number } | undefined)[] | undefined = state?.pending;
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
      const first = preservedHeadLength(list, i, len, later);
      if (first >= 0) {
        out[o] = code;
        out[o + 1] = first;
        out.set(data.subarray(0, first), o + 2);
        o += 2 + first;
        pending ??= [];
        pending[code] = { data, at: first };
      } else {
        o = writeChunks(code, data, len, out, o);
        if (pending) pending[code] = undefined;
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
/** Index of the area (options, file, sname) of each instance. */
let areaOf = new Uint8Array(512);
const counts = new Int32Array(256);
/** Per code during a decode: 0 not yet seen, 1 joined value decoded, 2 joined value malformed. */
const joinState = new Uint8Array(256);
/**
 * Per code, the number of the decodeOptions() call that last saw it: a code seen twice in one area is
 * repeated without a count to clear afterwards (a clearing loop cost as much as the test).
 */
const seenIn = new Int32Array(256);
let decodeNumber = 0;

function grow(size: number) {
  const s = new Int32Array(size);
  s.set(starts);
  starts = s;
  const l = new Int32Array(size);
  l.set(lengths);
  lengths = l;
  const a = new Uint8Array(size);
  a.set(areaOf);
  areaOf = a;
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
  if (decodeNumber === 0x7fffffff) {
    seenIn.fill(0);
    decodeNumber = 0;
  }
  const call = ++decodeNumber;
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
    if (seenIn[code] === call) repeated = true;
    else seenIn[code] = call;
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
  if (repeated) {
    problems.length = problemsBefore;
    return decodeAggregate(bytes, [{ start, end }], problems, layer)[0];
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

/** One area of the aggregate option buffer: bytes [start, end) of the frame. */
export interface OptionArea {
  start: number;
  end: number;
}

/**
 * Decodes the areas of RFC 3396's aggregate option buffer (options, then the overloaded file, then sname,
 * in that order) into one list per area. A code found more than once in the aggregate is one option: the
 * instances are concatenated in aggregate order and the joined value sits on the first instance (a split
 * head); the others are continuations holding their data length, in whichever area they are. Never throws.
 */
export function decodeAggregate(
  bytes: Uint8Array,
  areas: readonly OptionArea[],
  problems: Problem[],
  layer = 'DHCP',
): DhcpOptionList[] {
  let count = 0;
  const truncated: number[] = [];
  const trailing: number[] = [];
  const firstOf: number[] = [];
  for (let a = 0; a < areas.length; a++) {
    const { start, end } = areas[a];
    let o = start;
    let trailingStart = end;
    let truncatedAt = -1;
    firstOf.push(count);
    while (o < end) {
      if (count === starts.length) grow(count * 2);
      const code = bytes[o];
      areaOf[count] = a;
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
    truncated.push(truncatedAt);
    trailing.push(trailingStart);
  }
  firstOf.push(count);

  const lists: DhcpOptionList[] = [];
  for (let a = 0; a < areas.length; a++) {
    const from = firstOf[a];
    const to = firstOf[a + 1];
    const codes = new Array<number>(to - from);
    const values = new Array<unknown>(to - from);
    const kinds = new Array<EntryKind>(to - from);
    for (let i = from; i < to; i++) {
      const at = starts[i];
      const code = bytes[at];
      const len = lengths[i];
      const e = i - from;
      codes[e] = code;
      if (len < 0) {
        values[e] = null;
        kinds[e] = EntryKind.option;
        continue;
      }
      const codec = codecOf(code);
      if (counts[code] === 1) {
        const value = codec.read(bytes, at + 2, at + 2 + len);
        if (value === MALFORMED) {
          values[e] = bytes.slice(at, at + 2 + len);
          kinds[e] = EntryKind.verbatim;
          problems.push(malformed(layer, code, at, len, codec.expects));
        } else {
          values[e] = value;
          kinds[e] = EntryKind.option;
        }
        continue;
      }
      // A repeated code: RFC 3396 says the instances are one value, concatenated in aggregate order.
      const state = joinState[code];
      if (state === 0) {
        let total = 0;
        let mask = 0;
        for (let j = i; j < count; j++)
          if (lengths[j] >= 0 && bytes[starts[j]] === code) {
            total += lengths[j];
            mask |= 1 << areaOf[j];
          }
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
          values[e] = bytes.slice(at, at + 2 + len);
          kinds[e] = EntryKind.verbatim;
          problems.push(malformed(layer, code, at, total, codec.expects, counts[code], spread(mask)));
        } else {
          joinState[code] = 1;
          values[e] = value;
          kinds[e] = EntryKind.split;
        }
      } else if (state === 1) {
        values[e] = len;
        kinds[e] = EntryKind.continuation;
      } else {
        values[e] = bytes.slice(at, at + 2 + len);
        kinds[e] = EntryKind.verbatim;
      }
    }
    const list = new DhcpOptionList(codes, values, kinds);
    finishArea(list, bytes, areas[a].end, truncated[a], trailing[a], problems, layer);
    lists.push(list);
  }
  for (let i = 0; i < count; i++) {
    const code = bytes[starts[i]];
    counts[code] = 0;
    joinState[code] = 0;
  }
  return lists;
}

const AREA_NAMES = ['options', 'file', 'sname'];

/** ' across options and file' when a joined option's instances sit in more than one area, else ''. */
function spread(mask: number): string {
  if ((mask & (mask - 1)) === 0) return '';
  const names = AREA_NAMES.filter((_, a) => (mask & (1 << a)) !== 0);
  return ` across ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function malformed(
  layer: string,
  code: number,
  offset: number,
  length: number,
  expects: string,
  instances = 1,
  where = '',
): Problem {
  const name = optionName(code) ?? String(code);
  const joined = instances > 1 ? ` (${instances} instances${where} joined per RFC 3396)` : '';
  return {
    kind: 'malformed-option',
    layer,
    field: name,
    offset,
    message: `option ${name} (${code}) at offset ${offset}: ${length} bytes${joined} are not ${expects}`,
    actual: length,
  };
}
