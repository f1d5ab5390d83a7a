/**
 * Per-layer-type fixed-field codecs, generated once from the field table. A generic loop over the table
 * dispatches per field and cannot be specialised by V8; straight-line code with the offsets, sizes and bit
 * shifts as constants can. This is where build and dissect spend their time (see bench/packet.ts).
 *
 * Only integers, addresses and fixed byte strings are written inline; every other field (and every value
 * that is not in its stored form) goes through the field's own write()/read(), so errors and behaviour are
 * the field's.
 */
import { copyBytes } from './byte-pool.js';
import { FieldValueError } from './errors.js';
import type { AnyField } from './field/spec.js';
import { parseIpv4, readIpv4 } from './field/ipv4.js';
import { readMac, writeMac } from './field/mac.js';

/** Writes a layer's fixed fields from its values array at `offset`. */
export type FixedWriter = (values: readonly unknown[], out: Uint8Array, offset: number) => void;
/** Reads a layer's fixed fields into a new values array (tail fields left undefined). */
export type FixedReader = (bytes: Uint8Array, offset: number) => unknown[];

/** One bit field inside a group of bit fields that fill whole bytes (packed MSB first). */
export interface BitMember {
  readonly index: number;
  readonly shift: number;
  readonly mask: number;
}

/** A byte-aligned fixed field, or a group of bit fields sharing bytes. */
export interface FixedSlot {
  readonly index: number;
  readonly offset: number;
  readonly size: number;
  /** Empty for a plain field. */
  readonly members: readonly BitMember[];
}

interface CodecHelpers {
  fields: readonly AnyField[];
  name: string;
  parseIpv4: typeof parseIpv4;
  writeMac: typeof writeMac;
  readIpv4: typeof readIpv4;
  readMac: typeof readMac;
  copyBytes: typeof copyBytes;
  badBits(index: number, value: unknown, mask: number): never;
}

function helpersFor(layer: string, fields: readonly AnyField[]): CodecHelpers {
  return {
    fields,
    name: layer,
    parseIpv4,
    writeMac,
    readIpv4,
    readMac,
    copyBytes,
    badBits(index, value, mask) {
      throw new FieldValueError(layer, fields[index].name, value, `expected an integer 0..${mask}`);
    },
  };
}

const PRELUDE = 'const { fields, name, parseIpv4, writeMac, readIpv4, readMac, copyBytes, badBits } = h;';

function writeUint(size: number, at: string, value: string): string {
  const lines: string[] = [];
  for (let b = 0; b < size; b++) {
    const shift = 8 * (size - 1 - b);
    lines.push(`out[${at} + ${b}] = ${shift === 0 ? value : `${value} >>> ${shift}`};`);
  }
  return lines.join(' ');
}

function writeSlot(slot: FixedSlot, field: AnyField): string {
  const i = slot.index;
  const at = `o + ${slot.offset}`;
  const fallback = `fields[${i}].write(out, ${at}, v, name);`;
  if (slot.members.length > 0) {
    if (slot.size > 4) {
      // Wider groups do not fit 32-bit integer arithmetic: write them byte by byte from a float.
      const parts = slot.members.map(
        (m) =>
          `v = values[${m.index}]; if (typeof v !== 'number' || !(v >= 0 && v <= ${m.mask}) || Math.floor(v) !== v) badBits(${m.index}, v, ${m.mask}); acc += v * ${2 ** m.shift};`,
      );
      return `{ let acc = 0; ${parts.join(' ')} for (let b = ${slot.size - 1}; b >= 0; b--) { out[${at} + b] = acc % 256; acc = Math.floor(acc / 256); } }`;
    }
    const parts = slot.members.map(
      (m) =>
        `v = values[${m.index}]; if (typeof v !== 'number' || !(v >= 0 && v <= ${m.mask}) || Math.floor(v) !== v) badBits(${m.index}, v, ${m.mask}); acc |= v << ${m.shift};`,
    );
    return `{ let acc = 0; ${parts.join(' ')} ${writeUint(slot.size, at, 'acc')} }`;
  }
  const load = `v = values[${i}];`;
  switch (field.wire) {
    case 'uint':
      if (field.size === 1 || field.size === 2 || field.size === 4)
        return `${load} if (typeof v === 'number') { ${writeUint(field.size, at, 'v')} } else ${fallback}`;
      return `${load} ${fallback}`;
    case 'ipv4':
      return `${load} n = typeof v === 'string' ? parseIpv4(v) : -1; if (n < 0) ${fallback} else { ${writeUint(4, at, 'n')} }`;
    case 'mac':
      return `${load} if (typeof v !== 'string' || !writeMac(v, out, ${at})) ${fallback}`;
    case 'fixed-bytes':
      // The output buffer may be reused: the padding after a short value is cleared explicitly.
      // Up to 16 bytes (a chaddr) a loop beats the call into TypedArray.prototype.set/fill.
      if (slot.size <= 16)
        return `${load} if (v instanceof Uint8Array && v.length <= ${slot.size}) { const k = v.length; for (let j = 0; j < k; j++) out[${at} + j] = v[j]; for (let j = k; j < ${slot.size}; j++) out[${at} + j] = 0; } else ${fallback}`;
      // An empty value (BOOTP's sname and file, mostly) skips the call into set(), which costs as much as the fill.
      return `${load} if (v instanceof Uint8Array && v.length <= ${slot.size}) { if (v.length > 0) out.set(v, ${at}); if (v.length < ${slot.size}) out.fill(0, ${at} + v.length, ${at} + ${slot.size}); } else ${fallback}`;
    default:
      return `${load} ${fallback}`;
  }
}

/** Big-endian unsigned read of 1 to 4 bytes. */
function readUint(size: number, at: string): string {
  const parts: string[] = [];
  for (let b = 0; b < size; b++) {
    const shift = 8 * (size - 1 - b);
    parts.push(shift === 0 ? `b[${at} + ${b}]` : `(b[${at} + ${b}] << ${shift})`);
  }
  return `((${parts.join(' | ')}) >>> 0)`;
}

/** Compiles the writer of a layer's fixed fields. */
export function compileWriter(
  layer: string,
  fields: readonly AnyField[],
  slots: readonly FixedSlot[],
): FixedWriter {
  const body = slots.map((slot) => writeSlot(slot, fields[slot.index])).join('\n');
  const make = new Function(
    'h',
    `${PRELUDE}\nreturn function write(values, out, o) { let v, n;\n${body}\n};`,
  );
  return make(helpersFor(layer, fields)) as FixedWriter;
}

/** Compiles the reader of a layer's fixed fields. */
export function compileReader(
  layer: string,
  fields: readonly AnyField[],
  slots: readonly FixedSlot[],
): FixedReader {
  const expressions = new Array<string>(fields.length).fill('undefined');
  const prelude: string[] = [];
  slots.forEach((slot, s) => {
    const at = `o + ${slot.offset}`;
    const i = slot.index;
    if (slot.members.length > 0) {
      if (slot.size > 4) {
        prelude.push(
          `let g${s} = 0; for (let k = 0; k < ${slot.size}; k++) g${s} = g${s} * 256 + b[${at} + k];`,
        );
        for (const m of slot.members)
          expressions[m.index] = `(Math.floor(g${s} / ${2 ** m.shift}) & ${m.mask})`;
      } else {
        prelude.push(`const g${s} = ${readUint(slot.size, at)};`);
        for (const m of slot.members)
          expressions[m.index] = m.mask === 0xffffffff ? `g${s}` : `((g${s} >>> ${m.shift}) & ${m.mask})`;
      }
      return;
    }
    const field = fields[i];
    switch (field.wire) {
      case 'uint':
        expressions[i] =
          field.size === 1 || field.size === 2 || field.size === 4
            ? readUint(field.size, at)
            : `fields[${i}].read(b, ${at})`;
        break;
      case 'ipv4':
        expressions[i] = `readIpv4(b, ${at})`;
        break;
      case 'mac':
        expressions[i] = `readMac(b, ${at})`;
        break;
      case 'fixed-bytes':
        expressions[i] = `copyBytes(b, ${at}, ${at} + ${slot.size})`;
        break;
      default:
        expressions[i] = `fields[${i}].read(b, ${at})`;
    }
  });
  const make = new Function(
    'h',
    `${PRELUDE}\nreturn function read(b, o) {\n${prelude.join('\n')}\nreturn [${expressions.join(', ')}];\n};`,
  );
  return make(helpersFor(layer, fields)) as FixedReader;
}
