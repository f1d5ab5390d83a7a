/**
 * Lists of domain names in DNS wire form (RFC 1035 §3.1) with message compression (§4.1.4), as options 119
 * (RFC 3397) and 120 (RFC 3361) carry them: pointers are offsets from the start of the option's data (of
 * the joined data when the option was split, RFC 3396).
 *
 * Names are text with labels joined by '.', no trailing dot ('example.com'); the root name is '.'. A '.' or
 * '\' inside a label is escaped with '\'. Label bytes that are not UTF-8 read as escaped lone surrogates
 * (see text.ts), so every name rebuilds to its bytes.
 *
 * Compression has more than one valid layout for the same names, so a decoded list remembers the bytes it
 * came from and writes them again while its names are unchanged; new or changed lists are compressed here
 * (each name points at the longest suffix written before it).
 */
import { MALFORMED, type Malformed } from '../option-codec.js';
import { readText, textLength, writeText } from './text.js';

/** Longest name on the wire, root label included (RFC 1035 §3.1). */
const MAX_NAME = 255;
const MAX_LABEL = 63;
/** Pointers hold 14 bits: suffixes written past this offset cannot be pointed at. */
const MAX_POINTER = 0x3fff;

interface Remembered {
  names: string[];
  wire: Uint8Array;
}

/** Decoded or encoded lists and their bytes; a list whose names changed is encoded again. */
const remembered = new WeakMap<readonly string[], Remembered>();

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function escapeLabel(text: string): string {
  return text.includes('.') || text.includes('\\') ? text.replace(/[.\\]/g, (c) => `\\${c}`) : text;
}

/** The labels of a name, unescaped; [] for the root name. */
export function labelsOf(name: string): string[] {
  if (name === '.' || name === '') return [];
  if (!name.includes('\\')) return name.split('.');
  const labels: string[] = [];
  let label = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === '\\' && i + 1 < name.length) label += name[++i];
    else if (c === '.') {
      labels.push(label);
      label = '';
    } else label += c;
  }
  labels.push(label);
  return labels;
}

/** Why a name cannot be written in wire form, or undefined when it can. */
export function domainNameProblem(name: string): string | undefined {
  if (name === '.') return undefined;
  if (name === '') return 'an empty name (the root name is ".")';
  const labels = labelsOf(name.endsWith('.') && !name.endsWith('\\.') ? name.slice(0, -1) : name);
  let wire = 1;
  for (const label of labels) {
    const n = textLength(label);
    if (n === 0) return `an empty label in "${name}"`;
    if (n > MAX_LABEL) return `label "${label}" is ${n} bytes (63 at most)`;
    wire += 1 + n;
  }
  if (wire > MAX_NAME) return `"${name}" is ${wire} bytes on the wire (255 at most)`;
  return undefined;
}

/** A name as stored: without the trailing dot of a fully qualified name ('example.com.' -> 'example.com'). */
export function storedName(name: string): string {
  return name !== '.' && name.endsWith('.') && !name.endsWith('\\.') ? name.slice(0, -1) : name;
}

/**
 * Reads one name at `at`; returns the name and the offset after it in the data, or MALFORMED. Every pointer
 * must point before itself and a name stops at 255 bytes, so a pointer loop ends as MALFORMED.
 */
function readName(b: Uint8Array, start: number, end: number, at: number): [string, number] | Malformed {
  let name = '';
  let wire = 1;
  let next = -1;
  let p = at;
  for (;;) {
    if (p >= end) return MALFORMED;
    const len = b[p];
    if (len === 0) {
      if (next < 0) next = p + 1;
      break;
    }
    if ((len & 0xc0) === 0xc0) {
      if (p + 1 >= end) return MALFORMED;
      const target = start + (((len & 0x3f) << 8) | b[p + 1]);
      if (target >= p) return MALFORMED;
      if (next < 0) next = p + 2;
      p = target;
      continue;
    }
    // 0x40 and 0x80 label types (RFC 6891's extended labels) are not names.
    if (len > MAX_LABEL || p + 1 + len > end) return MALFORMED;
    wire += 1 + len;
    if (wire > MAX_NAME) return MALFORMED;
    name += (name === '' ? '' : '.') + escapeLabel(readText(b, p + 1, p + 1 + len));
    p += 1 + len;
  }
  return [name === '' ? '.' : name, next];
}

/** Decodes the names in bytes [start, end), or MALFORMED. Never throws. */
export function readDomainList(b: Uint8Array, start: number, end: number): string[] | Malformed {
  const names: string[] = [];
  let o = start;
  while (o < end) {
    const read = readName(b, start, end, o);
    if (read === MALFORMED) return MALFORMED;
    names.push(read[0]);
    o = read[1];
  }
  remembered.set(names, { names: names.slice(), wire: b.slice(start, end) });
  return names;
}

/** The names compressed: each one points at the longest suffix already written. */
function compress(names: readonly string[]): Uint8Array {
  let size = 0;
  for (const name of names) size += 2 + textLength(name) + 1;
  const out = new Uint8Array(size);
  const offsets = new Map<string, number>();
  let o = 0;
  for (const name of names) {
    const labels = labelsOf(name);
    let i = 0;
    for (; i < labels.length; i++) {
      const suffix = labels.slice(i).map(escapeLabel).join('.');
      const target = offsets.get(suffix);
      if (target !== undefined) {
        out[o++] = 0xc0 | (target >> 8);
        out[o++] = target & 0xff;
        break;
      }
      if (o <= MAX_POINTER) offsets.set(suffix, o);
      const n = writeText(labels[i], out, o + 1);
      out[o] = n;
      o += 1 + n;
    }
    if (i === labels.length) out[o++] = 0;
  }
  return out.slice(0, o);
}

/** The list's bytes: those it was decoded from while its names are unchanged, else compressed anew. */
export function domainListWire(names: readonly string[]): Uint8Array {
  const known = remembered.get(names);
  if (known && sameNames(known.names, names)) return known.wire;
  const wire = compress(names);
  remembered.set(names, { names: names.slice(), wire });
  return wire;
}

/** A copy of the list that keeps the bytes the original remembers. */
export function copyDomainList(names: readonly string[]): string[] {
  const copy = names.slice();
  const known = remembered.get(names);
  if (known && sameNames(known.names, names)) remembered.set(copy, known);
  return copy;
}
