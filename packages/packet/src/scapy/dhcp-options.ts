/**
 * DHCP options in scapy's shape, both ways: `[("message-type", "discover"), ("router", "10.0.0.1",
 * "10.0.0.2"), ("param_req_list", [1, 3, 6]), (224, b"x"), "pad", "end", b"\x01\x00"]`. Each tuple is one
 * option; several values after the name are encoded one after the other into that option's data, as
 * scapy does. Values our codecs can model become typed entries; anything else (several values for a
 * single-value option, bytes that do not decode) is kept as the exact TLV bytes scapy would write.
 */
import { classlessRoutesCodec } from '../dhcp/codecs/classless-routes.js';
import { ipv4Codec, ipv4ListCodec } from '../dhcp/codecs/address.js';
import { i32Codec, u8Codec, u8ListCodec, u16Codec, u16ListCodec, u32Codec } from '../dhcp/codecs/integer.js';
import { type DhcpMessageTypeName, messageTypeCode, messageTypeCodec } from '../dhcp/codecs/message-type.js';
import { textCodec } from '../dhcp/codecs/text.js';
import { type AnyOptionCodec, DhcpOptionValueError, MALFORMED } from '../dhcp/option-codec.js';
import { DhcpOptionList, EntryKind } from '../dhcp/option-list.js';
import { encodedLength, encodeOptions } from '../dhcp/option-wire.js';
import { DHCP_OPTION_TABLE, codecOf, optionCode, optionName } from '../dhcp/registry.js';
import { FieldValueError } from '../errors.js';
import { utf8 } from '../hex.js';
import { registerScapyDefault } from './field-defaults.js';
import { registerFieldInputAdapter } from './field-input.js';
import { pythonRepr } from './python-repr.js';
import { registerFieldReprAdapter } from './to-scapy.js';
import { ScapyTuple, type ScapyValue, pythonType } from './values.js';

const PAD = 0;
const END = 255;
const PARAM_REQ_LIST = 55;

/** A DHCP option name in an expression that is not in the registry. */
export class UnknownScapyDhcpOptionError extends FieldValueError {
  override name = 'UnknownScapyDhcpOptionError';
  constructor(readonly option: string) {
    super(
      'DHCP',
      'options',
      option,
      `unknown DHCP option name; use a code (e.g. (224, b"...")) or one of: ${DHCP_OPTION_TABLE.map((d) => d.name).join(', ')}`,
    );
  }
}

/**
 * Codecs whose scapy field takes text (addresses, names); for every other option a str means its UTF-8
 * bytes. param_req_list takes option names besides codes (["router", 6]), as our codec does.
 */
const TEXT_INPUT_CODECS = new Set<unknown>([
  ipv4Codec,
  ipv4ListCodec,
  messageTypeCodec,
  classlessRoutesCodec,
  textCodec,
  codecOf(PARAM_REQ_LIST),
]);
const LIST_CODECS = new Set<unknown>([ipv4ListCodec, u8ListCodec, u16ListCodec, classlessRoutesCodec]);

function isListCodec(code: number, codec: AnyOptionCodec): boolean {
  return code === PARAM_REQ_LIST || LIST_CODECS.has(codec);
}

/** 2^32: scapy's IntField (time_zone) is unsigned; our codec is signed (RFC 2132 §3.4). */
const TWO_32 = 0x1_0000_0000;

function plain(value: ScapyValue, codec: AnyOptionCodec, option: string): unknown {
  if (typeof value === 'boolean') return Number(value);
  // The same four bytes: scapy users write west-of-UTC offsets as their unsigned value.
  if (codec === i32Codec && typeof value === 'number' && value >= 0x8000_0000 && value < TWO_32)
    return value - TWO_32;
  if (typeof value === 'string' && !TEXT_INPUT_CODECS.has(codec)) return utf8(value);
  if (value instanceof ScapyTuple) return value.items.map((v) => plain(v, codec, option));
  if (Array.isArray(value)) return value.map((v) => plain(v, codec, option));
  if (value === null || typeof value === 'object') {
    if (!(value instanceof Uint8Array))
      throw new DhcpOptionValueError(option, pythonType(value), 'not an option value');
  }
  return value;
}

/** The option's data bytes as scapy writes them: each value encoded by the option's field, concatenated. */
function dataOf(code: number, codec: AnyOptionCodec, values: unknown[], option: string): Uint8Array {
  const parts = values.map((v) => {
    if (v instanceof Uint8Array) return v;
    const normalized = codec.normalize(v as never, option);
    const out = new Uint8Array(codec.length(normalized as never));
    codec.write(out, 0, normalized as never);
    return out;
  });
  const data = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    data.set(p, o);
    o += p.length;
  }
  if (data.length > 255)
    throw new DhcpOptionValueError(
      option,
      values,
      `data of ${data.length} bytes does not fit one option (255 max)`,
    );
  void code;
  return data;
}

function tlv(code: number, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(2 + data.length);
  out[0] = code;
  out[1] = data.length;
  out.set(data, 2);
  return out;
}

function pushTuple(list: DhcpOptionList, tuple: ScapyTuple): void {
  const [head, ...rest] = tuple.items;
  let code: number;
  if (typeof head === 'number') {
    if (!Number.isInteger(head) || head < 0 || head > 255)
      throw new DhcpOptionValueError(String(head), head, 'option codes are 0..255');
    code = head;
  } else if (typeof head === 'string') {
    const found = optionCode(head);
    if (found === undefined) throw new UnknownScapyDhcpOptionError(head);
    code = found;
  } else {
    throw new DhcpOptionValueError(
      'options',
      pythonType(head),
      'an option tuple starts with a name or a code',
    );
  }
  const option = optionName(code) ?? String(code);
  const codec = codecOf(code);
  if (typeof head === 'number') {
    // scapy joins the bytes after a numeric code as they are.
    if (!rest.every((v) => v instanceof Uint8Array))
      throw new DhcpOptionValueError(option, rest, `(${code}, ...) takes bytes values, as in scapy`);
    const data = dataOf(code, codec, rest, option);
    pushDecoded(list, code, codec, data);
    return;
  }
  const values = rest.map((v) => plain(v, codec, option));
  if (isListCodec(code, codec) && values.every((v) => !(v instanceof Uint8Array))) {
    const flat = values.flatMap((v) => (Array.isArray(v) ? v : [v]));
    list.push(code, codec.normalize(flat as never, option));
    return;
  }
  if (values.length === 1 && !(values[0] instanceof Uint8Array)) {
    list.push(code, codec.normalize(values[0] as never, option));
    return;
  }
  pushDecoded(list, code, codec, dataOf(code, codec, values, option));
}

/** Typed when our codec reads the bytes back to the same bytes, else the exact TLV. */
function pushDecoded(list: DhcpOptionList, code: number, codec: AnyOptionCodec, data: Uint8Array): void {
  const value = code === PAD || code === END ? MALFORMED : codec.read(data, 0, data.length);
  if (value !== MALFORMED && codec.length(value as never) === data.length) {
    const check = new Uint8Array(data.length);
    codec.write(check, 0, value as never);
    if (check.every((b, i) => b === data[i])) {
      list.push(code, value);
      return;
    }
  }
  list.push(code, tlv(code, data), EntryKind.verbatim);
}

/** scapy's option list -> our DhcpOptionList. */
export function dhcpOptionsFromScapy(value: ScapyValue): DhcpOptionList {
  if (!Array.isArray(value)) {
    throw new DhcpOptionValueError(
      'options',
      pythonType(value),
      'expected a list of option tuples, "pad" and "end"',
    );
  }
  const list = new DhcpOptionList();
  for (const item of value) {
    if (item === 'pad') list.push(PAD, null);
    else if (item === 'end') list.push(END, null);
    else if (item instanceof ScapyTuple && item.items.length >= 2) pushTuple(list, item);
    else if (item instanceof ScapyTuple && item.items.length === 1) {
      const [head] = item.items;
      const code = typeof head === 'string' ? optionCode(head) : undefined;
      if (code === undefined) throw new UnknownScapyDhcpOptionError(String(head));
      // scapy 2.5 has no tuple form for an empty option; ours is the option with no data.
      pushDecoded(list, code, codecOf(code), new Uint8Array(0));
    } else if (item instanceof Uint8Array) list.push(item[0] ?? 0, item, EntryKind.verbatim);
    else if (typeof item === 'number' && Number.isInteger(item) && item >= 0 && item <= 255) {
      // scapy writes a bare code as the code and a zero length.
      list.push(item, Uint8Array.of(item, 0), EntryKind.verbatim);
    } else if (typeof item === 'string') {
      const code = optionCode(item);
      if (code === undefined) throw new UnknownScapyDhcpOptionError(item);
      throw new DhcpOptionValueError(item, item, `give the option a value: ("${item}", value)`);
    } else {
      throw new DhcpOptionValueError(
        'options',
        pythonType(item),
        'expected (name, value, ...), (code, b"..."), "pad", "end" or raw bytes as a list item',
      );
    }
  }
  return list;
}

const READABLE_CODECS = new Set<unknown>([
  ipv4Codec,
  ipv4ListCodec,
  u8Codec,
  u16Codec,
  u32Codec,
  messageTypeCodec,
]);

/**
 * Codes scapy (2.5 and later) types as address or integer fields like ours; only these print as
 * `(name, value)`, because scapy drops unknown names and encodes values of untyped options as bytes.
 */
const SCAPY_TYPED_CODES = new Set([
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 16, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34,
  35, 36, 37, 38, 39, 41, 42, 44, 45, 46, 48, 49, 50, 51, 52, 53, 54, 55, 57, 58, 59, 65, 68, 69, 70, 71, 72,
  73, 74, 75, 76, 85, 89, 91, 92, 112, 116, 117, 118, 128, 136, 138, 150,
]);
/** Codes scapy names with a text or bytes field where ours is text: printed as `(name, 'text')`. */
const SCAPY_TEXT_CODES = new Set([
  12, 14, 15, 17, 18, 40, 47, 56, 60, 62, 64, 66, 67, 86, 87, 98, 100, 101, 113, 114, 160, 161, 209, 210,
]);
/** Codes scapy names but keeps as bytes where ours are typed: printed as `(name, b'data')`. */
const SCAPY_BYTES_CODES = new Set([77]);
/** Message type names scapy 2.5 knows (1..13); later types print as numbers. */
const SCAPY_MESSAGE_TYPES = 13;

/** The wire bytes of one typed entry (code, length, data), as our encoder writes it. */
function entryWire(code: number, value: unknown): Uint8Array {
  const single = new DhcpOptionList([code], [value], [EntryKind.option]);
  const out = new Uint8Array(encodedLength(single));
  encodeOptions(single, out, 0);
  return out;
}

function optionToScapy(code: number, value: unknown, data: Uint8Array): string | undefined {
  const name = optionName(code);
  if (name && SCAPY_TEXT_CODES.has(code) && codecOf(code) === textCodec) {
    // Text that is not plain ASCII prints as its exact data bytes (it may hold undecodable bytes).
    const text = value as string;
    return `(${pythonRepr(name)}, ${pythonRepr(/^[\x20-\x7e]*$/.test(text) ? text : data)})`;
  }
  if (name && SCAPY_BYTES_CODES.has(code)) return `(${pythonRepr(name)}, ${pythonRepr(data)})`;
  if (!name || !SCAPY_TYPED_CODES.has(code)) return undefined;
  const codec = codecOf(code);
  if (codec === messageTypeCodec) {
    const number = messageTypeCode(value as DhcpMessageTypeName | number);
    return `(${pythonRepr(name)}, ${number <= SCAPY_MESSAGE_TYPES ? pythonRepr(value) : number})`;
  }
  if (code === PARAM_REQ_LIST) return `(${pythonRepr(name)}, ${pythonRepr(value)})`;
  // scapy 2.5's IntField takes only the unsigned form of a negative offset.
  if (codec === i32Codec) return `(${pythonRepr(name)}, ${(value as number) >>> 0})`;
  if (!READABLE_CODECS.has(codec)) return undefined;
  const values = Array.isArray(value) ? value : [value];
  if (values.length === 0) return undefined;
  return `(${pythonRepr(name)}, ${values.map(pythonRepr).join(', ')})`;
}

/**
 * Our option list as scapy's. Options scapy 2.5 types the same way print as `(name, value, ...)`; the
 * others print as `(code, b"data")`, which every scapy version builds byte for byte.
 */
export function dhcpOptionsToScapy(list: DhcpOptionList): string {
  const { codes, values, kinds } = list;
  // RFC 3396 split options are one value over several TLVs: only the whole area's bytes say that exactly.
  if (kinds.some((k) => k === EntryKind.split || k === EntryKind.continuation)) {
    const out = new Uint8Array(encodedLength(list));
    encodeOptions(list, out, 0);
    return `[${pythonRepr(out)}]`;
  }
  const items = codes.map((code, i) => {
    if (kinds[i] === EntryKind.verbatim) return pythonRepr(values[i] as Uint8Array);
    if (code === PAD) return "'pad'";
    if (code === END) return "'end'";
    const wire = entryWire(code, values[i]);
    // Values over 255 bytes are written as several TLVs by our encoder; scapy takes them as raw bytes.
    if (wire.length !== 2 + wire[1]) return pythonRepr(wire);
    return optionToScapy(code, values[i], wire.subarray(2)) ?? `(${code}, ${pythonRepr(wire.subarray(2))})`;
  });
  if (list.trailing.length > 0) items.push(pythonRepr(list.trailing));
  return `[${items.join(', ')}]`;
}

registerFieldInputAdapter('DHCP', 'options', (value) => dhcpOptionsFromScapy(value));
registerScapyDefault('DHCP', 'options', () => new DhcpOptionList());
registerFieldReprAdapter('DHCP', 'options', (value) => dhcpOptionsToScapy(value as DhcpOptionList));
