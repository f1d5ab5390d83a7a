import type { JsonValue } from '../field/spec.js';
import { bytesRepr, fromHex, toHex } from '../hex.js';
import { DhcpOptionValueError, UnknownDhcpOptionError } from './option-codec.js';
import type { DhcpOptionsInput } from './option-types.js';
import { NEEDS_NORMALIZE, storedForm } from './option-values.js';
import { codecOf, optionCode, optionName, OPTIONS_BY_CODE } from './registry.js';

/** How an entry is stored (parallel to codes/values). */
export const EntryKind = {
  /** A decoded or user-given value (null for pad and end). */
  option: 0,
  /** Bytes written as they are (code and length included): a malformed option kept for an identical rebuild. */
  verbatim: 1,
  /** A later instance of an RFC 3396 split option; the value is its data length, the data is at the head. */
  continuation: 2,
  /** The first instance of a split option, holding the joined value. */
  split: 3,
} as const;
export type EntryKind = (typeof EntryKind)[keyof typeof EntryKind];

const PAD = 0;
const END = 255;
const EMPTY = new Uint8Array(0);

/** One option as seen by iteration: code, registry name (or the code as text), value and storage kind. */
export interface DhcpOptionView {
  code: number;
  name: string;
  value: unknown;
  kind: EntryKind;
}

/**
 * The DHCP options area in wire order. Entries are parallel arrays (no object per option), pads and
 * bytes after 'end' are kept, so a dissected area rebuilds identically. Overloaded options (option 52)
 * dissected from BOOTP file/sname are in `file` and `sname`. Use the DHCP layer's getOption/setOption
 * rather than editing the arrays.
 */
export class DhcpOptionList {
  codes: number[];
  values: unknown[];
  kinds: EntryKind[];
  /** Bytes after the end option. */
  trailing: Uint8Array;
  file: DhcpOptionList | undefined = undefined;
  sname: DhcpOptionList | undefined = undefined;
  private frozen = false;

  constructor(codes: number[] = [], values: unknown[] = [], kinds: EntryKind[] = [], trailing = EMPTY) {
    this.codes = codes;
    this.values = values;
    this.kinds = kinds;
    this.trailing = trailing;
  }

  /** Makes the list immutable (layer defaults are shared; layers copy them before a change). */
  freeze(): this {
    this.frozen = true;
    return this;
  }

  get isFrozen(): boolean {
    return this.frozen;
  }

  get length(): number {
    return this.codes.length;
  }

  /** Index of the entry holding the value of a code (option or split head), or -1. */
  indexOf(code: number): number {
    const { codes, kinds } = this;
    for (let i = 0; i < codes.length; i++) {
      if (codes[i] === code && (kinds[i] === EntryKind.option || kinds[i] === EntryKind.split)) return i;
    }
    return -1;
  }

  /** The value of a code, looked up in the options area, then file, then sname (RFC 2131 §4.1 order). */
  get(code: number): unknown {
    const i = this.indexOf(code);
    if (i >= 0) return this.values[i];
    return this.file?.get(code) ?? this.sname?.get(code);
  }

  has(code: number): boolean {
    return this.indexOf(code) >= 0 || (this.file?.has(code) ?? false) || (this.sname?.has(code) ?? false);
  }

  /** Sets a code's (already normalized) value: replaces it where it is, else inserts it before 'end'. */
  set(code: number, value: unknown): void {
    this.assertMutable();
    const at = this.firstOf(code);
    if (at >= 0) {
      this.values[at] = value;
      this.kinds[at] = EntryKind.option;
      this.removeFrom(code, at + 1);
      // Instances in the overloaded areas were parts of the old value (RFC 3396): they go with it.
      this.file?.removeFrom(code, 0);
      this.sname?.removeFrom(code, 0);
      return;
    }
    if (this.file && this.file.firstOf(code) >= 0) {
      this.file.set(code, value);
      this.sname?.removeFrom(code, 0);
      return;
    }
    if (this.sname && this.sname.firstOf(code) >= 0) {
      this.sname.set(code, value);
      return;
    }
    let end = this.codes.length;
    for (let i = 0; i < this.codes.length; i++)
      if (this.codes[i] === END && this.kinds[i] === EntryKind.option) {
        end = i;
        break;
      }
    this.codes.splice(end, 0, code);
    this.values.splice(end, 0, value);
    this.kinds.splice(end, 0, EntryKind.option);
  }

  /** Removes every instance of a code (malformed ones included); true when something was removed. */
  delete(code: number): boolean {
    this.assertMutable();
    const before = this.codes.length;
    this.removeFrom(code, 0);
    const inFile = this.file?.delete(code) ?? false;
    const inSname = this.sname?.delete(code) ?? false;
    return this.codes.length !== before || inFile || inSname;
  }

  /** Appends an entry as is (used by builders and decoders). */
  push(code: number, value: unknown, kind: EntryKind = EntryKind.option): void {
    this.assertMutable();
    this.codes.push(code);
    this.values.push(value);
    this.kinds.push(kind);
  }

  /** Entries in wire order, for iteration (allocates one object per entry; not for hot paths). */
  entries(): DhcpOptionView[] {
    return this.codes.map((code, i) => ({
      code,
      name: optionName(code) ?? String(code),
      value: this.values[i],
      kind: this.kinds[i],
    }));
  }

  copy(): DhcpOptionList {
    const list = new DhcpOptionList(
      this.codes.slice(),
      this.values.map((v, i) => {
        if (v === null || typeof v !== 'object') return v;
        const codec = this.kinds[i] === EntryKind.verbatim ? undefined : codecOf(this.codes[i]);
        return codec?.copy ? codec.copy(v as never) : structuredClone(v);
      }),
      this.kinds.slice(),
      this.trailing.slice(),
    );
    list.file = this.file?.copy();
    list.sname = this.sname?.copy();
    return list;
  }

  toJSON(): JsonValue {
    return this.codes.map((code, i) => entryJson(code, this.values[i], this.kinds[i]));
  }

  /** One line: `[message-type=discover client_id=1:aa:.. end]`, like scapy's options repr. */
  repr(): string {
    return `[${this.codes.map((code, i) => entryRepr(code, this.values[i], this.kinds[i])).join(' ')}]`;
  }

  private firstOf(code: number): number {
    return this.codes.indexOf(code);
  }

  /** Removes the instances of a code from index `from` on. */
  removeFrom(code: number, from: number): void {
    for (let i = this.codes.length - 1; i >= from; i--) {
      if (this.codes[i] !== code) continue;
      this.codes.splice(i, 1);
      this.values.splice(i, 1);
      this.kinds.splice(i, 1);
    }
  }

  private assertMutable(): void {
    if (this.frozen)
      throw new TypeError(
        'this DHCP option list is a shared default; change options through the layer (dhcp.setOption)',
      );
  }
}

export function entryJson(code: number, value: unknown, kind: EntryKind): JsonValue {
  const name = optionName(code) ?? null;
  if (kind === EntryKind.verbatim) return { code, name, value: toHex(value as Uint8Array), malformed: true };
  if (kind === EntryKind.continuation)
    return { code, name, value: null, continuation: true, length: value as number };
  if (code === PAD || code === END) return { code, name, value: null };
  return { code, name, value: codecOf(code).json(value as never) };
}

export function entryRepr(code: number, value: unknown, kind: EntryKind): string {
  const name = optionName(code) ?? String(code);
  if (kind === EntryKind.verbatim) return `${name}(malformed)=${bytesRepr(value as Uint8Array)}`;
  if (kind === EntryKind.continuation) return `${name}(continued)`;
  if (code === PAD || code === END) return name;
  return `${name}=${codecOf(code).repr(value as never)}`;
}

/** Resolves a name or code given by a user to a code; throws UnknownDhcpOptionError. */
export function resolveCode(nameOrCode: string | number): number {
  if (typeof nameOrCode === 'number') {
    if (Number.isInteger(nameOrCode) && nameOrCode >= 0 && nameOrCode <= 255) return nameOrCode;
    throw new UnknownDhcpOptionError(nameOrCode);
  }
  const code = optionCode(nameOrCode);
  if (code === undefined) throw new UnknownDhcpOptionError(nameOrCode);
  return code;
}

/** Validates one value for a code and converts it to the stored form. */
export function normalizeValue(code: number, value: unknown): unknown {
  const def = OPTIONS_BY_CODE[code];
  const name = def?.name ?? String(code);
  if (code === PAD || code === END)
    throw new DhcpOptionValueError(
      name,
      value,
      'pad and end have no value; give them as the strings "pad"/"end"',
    );
  if (value === undefined || value === null)
    throw new DhcpOptionValueError(name, value, 'a value is required (use deleteOption to remove an option)');
  return codecOf(code).normalize(value as never, name);
}

const ITEM_ERROR = 'expected [name, value], [code, bytes], "pad", "end" or raw bytes as a list item';

/**
 * The list of a `[name, value]`/marker list: one pass straight into the three arrays (no per-item method
 * calls or frozen checks on a list nobody else holds yet), remembering whether 'end' was given.
 */
function listFromItems(items: readonly unknown[]): DhcpOptionList {
  const codes: number[] = [];
  const values: unknown[] = [];
  const kinds: EntryKind[] = [];
  let ended = false;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    // Pairs first: they are most of any list, and the marker and byte tests below never match one.
    if (Array.isArray(item) && item.length === 2) {
      const code = resolveCode(item[0]);
      const given: unknown = item[1];
      const stored = storedForm(code, given);
      codes.push(code);
      values.push(stored === NEEDS_NORMALIZE ? normalizeValue(code, given) : stored);
      kinds.push(EntryKind.option);
    } else if (item === 'pad' || item === 'end') {
      const code = item === 'pad' ? PAD : END;
      if (code === END) ended = true;
      codes.push(code);
      values.push(null);
      kinds.push(EntryKind.option);
    } else if (item instanceof Uint8Array) {
      // A lone 0 or 255 byte is a pad or the end, whichever way it was given.
      if (item.length === 1 && (item[0] === PAD || item[0] === END)) {
        if (item[0] === END) ended = true;
        codes.push(item[0]);
        values.push(null);
        kinds.push(EntryKind.option);
      } else {
        codes.push(item[0] ?? 0);
        values.push(item);
        kinds.push(EntryKind.verbatim);
      }
    } else throw new DhcpOptionValueError('options', item, ITEM_ERROR);
  }
  if (!ended) {
    codes.push(END);
    values.push(null);
    kinds.push(EntryKind.option);
  }
  return new DhcpOptionList(codes, values, kinds);
}

/**
 * Builds an option list from user input (a list of pairs and markers, or an object), validating every
 * value. 'end' is appended when the input has none.
 */
export function optionListFrom(input: DhcpOptionsInput): DhcpOptionList {
  if (input instanceof DhcpOptionList) return input;
  if (Array.isArray(input)) return listFromItems(input);
  const list = new DhcpOptionList();
  if (typeof input === 'object' && input !== null) {
    const object = input as Record<string, unknown>;
    for (const name in object) {
      const value = object[name];
      if (value === undefined) continue;
      const code = resolveCode(name);
      const stored = storedForm(code, value);
      list.push(code, stored === NEEDS_NORMALIZE ? normalizeValue(code, value) : stored);
    }
  } else {
    throw new DhcpOptionValueError(
      'options',
      input,
      'expected a list of options or an object of name: value',
    );
  }
  if (list.indexOf(END) < 0) list.push(END, null);
  return list;
}

/**
 * Marks as split heads the options whose later instances are listed as continuations, so that they keep
 * the layout they were dissected with. `areas` are in aggregate order (options, file, sname): a head may
 * continue in a later area.
 */
export function markSplitHeads(areas: readonly DhcpOptionList[]): void {
  for (let a = 0; a < areas.length; a++) {
    const area = areas[a];
    for (let i = 0; i < area.codes.length; i++) {
      if (area.kinds[i] !== EntryKind.continuation) continue;
      const code = area.codes[i];
      for (let h = 0; h <= a; h++) {
        const head = areas[h].indexOf(code);
        if (head >= 0 && (h < a || head < i)) {
          areas[h].kinds[head] = EntryKind.split;
          break;
        }
      }
    }
  }
}

/**
 * Reads the list back from its JSON form (DhcpOptionList.toJSON), keeping malformed entries, split layout
 * and order, so fromJSON(toJSON(p)) builds the same bytes.
 */
export function optionListFromJson(json: JsonValue, trailing?: JsonValue): DhcpOptionList {
  if (!Array.isArray(json))
    throw new DhcpOptionValueError('options', json, 'expected a list of { code, value }');
  const list = new DhcpOptionList();
  for (const item of json) {
    const entry = item as {
      code?: unknown;
      value?: JsonValue;
      malformed?: unknown;
      continuation?: unknown;
      length?: unknown;
    };
    const code = entry?.code;
    if (typeof code !== 'number' || !Number.isInteger(code) || code < 0 || code > 255)
      throw new DhcpOptionValueError('options', item, 'expected { code: 0..255, value }');
    const name = optionName(code) ?? String(code);
    if (entry.malformed === true) {
      const bytes = typeof entry.value === 'string' ? fromHex(entry.value) : undefined;
      if (!bytes) throw new DhcpOptionValueError(name, item, 'a malformed entry needs its bytes as hex');
      list.push(code, bytes, EntryKind.verbatim);
    } else if (entry.continuation === true) {
      if (typeof entry.length !== 'number')
        throw new DhcpOptionValueError(name, item, 'a continuation needs its length');
      list.push(code, entry.length, EntryKind.continuation);
    } else if (code === PAD || code === END) list.push(code, null);
    else {
      const codec = codecOf(code);
      const value = codec.fromJson
        ? codec.fromJson(entry.value ?? null, name)
        : normalizeValue(code, entry.value);
      list.push(code, value);
    }
  }
  markSplitHeads([list]);
  if (typeof trailing === 'string') list.trailing = fromHex(trailing) ?? EMPTY;
  return list;
}
