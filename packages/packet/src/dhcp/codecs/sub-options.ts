import { randomBytes, randomInt } from '../../field/random.js';
import type { JsonValue } from '../../field/spec.js';
import { bytesRepr, fromHex, toHex } from '../../hex.js';
import { DhcpOptionValueError, MALFORMED, type OptionCodec } from '../option-codec.js';
import { textLength, writeText } from './text.js';

/** One sub-option of an encapsulating option (82 relay agent information, 43 vendor specific, 125). */
export interface SubOption {
  code: number;
  data: Uint8Array;
}

/** Input: `{ code, data }` with data as bytes or text, or a `[code, data]` pair. */
export type SubOptionInput =
  | { code: number; data: Uint8Array | string }
  | readonly [number, Uint8Array | string];

/** RFC 3046 and later sub-option names of option 82, for show() and JSON. */
export const RELAY_AGENT_SUBOPTIONS: Readonly<Record<number, string>> = {
  1: 'circuit_id',
  2: 'remote_id',
  4: 'docsis_device_class',
  5: 'link_selection',
  6: 'subscriber_id',
  7: 'radius_attributes',
  8: 'authentication',
  9: 'vendor_specific',
  10: 'relay_agent_flags',
  11: 'server_id_override',
  12: 'relay_id',
  13: 'access_technology_type',
  14: 'access_network_name',
  15: 'access_point_name',
  16: 'access_point_bssid',
  17: 'operator_id',
  18: 'operator_realm',
  19: 'relay_port',
  151: 'virtual_subnet_selection',
  152: 'virtual_subnet_selection_control',
};

export function normalizeSubOptions(input: unknown, option: string, padEnd: boolean): SubOption[] {
  if (!Array.isArray(input)) throw new DhcpOptionValueError(option, input, 'expected a list of sub-options');
  return input.map((item: unknown) => {
    let code: unknown;
    let data: unknown;
    if (Array.isArray(item)) [code, data] = item;
    else if (typeof item === 'object' && item !== null) ({ code, data } = item as SubOption);
    if (typeof code !== 'number' || !Number.isInteger(code) || code < 0 || code > 255)
      throw new DhcpOptionValueError(option, item, 'sub-option code must be an integer 0..255');
    if (padEnd && (code === 0 || code === 255)) return { code, data: new Uint8Array(0) };
    let bytes: Uint8Array;
    if (data instanceof Uint8Array) bytes = data;
    else if (typeof data === 'string') {
      bytes = new Uint8Array(textLength(data));
      writeText(data, bytes, 0);
    } else throw new DhcpOptionValueError(option, item, 'sub-option data must be bytes or text');
    if (bytes.length > 255)
      throw new DhcpOptionValueError(option, item, 'sub-option data is longer than 255 bytes');
    return { code, data: bytes };
  });
}

export function subOptionsLength(list: readonly SubOption[], padEnd: boolean): number {
  let n = 0;
  for (const s of list) n += padEnd && (s.code === 0 || s.code === 255) ? 1 : 2 + s.data.length;
  return n;
}

export function writeSubOptions(
  list: readonly SubOption[],
  out: Uint8Array,
  offset: number,
  padEnd: boolean,
) {
  let o = offset;
  for (const s of list) {
    out[o++] = s.code;
    if (padEnd && (s.code === 0 || s.code === 255)) continue;
    out[o++] = s.data.length;
    out.set(s.data, o);
    o += s.data.length;
  }
  return o - offset;
}

/** Parses a TLV list covering exactly [start, end), or MALFORMED. */
export function readSubOptions(
  b: Uint8Array,
  start: number,
  end: number,
  padEnd: boolean,
): SubOption[] | typeof MALFORMED {
  const out: SubOption[] = [];
  let o = start;
  while (o < end) {
    const code = b[o];
    if (padEnd && (code === 0 || code === 255)) {
      out.push({ code, data: new Uint8Array(0) });
      o++;
      continue;
    }
    if (o + 2 > end || o + 2 + b[o + 1] > end) return MALFORMED;
    out.push({ code, data: b.slice(o + 2, o + 2 + b[o + 1]) });
    o += 2 + b[o + 1];
  }
  return out;
}

export function subOptionsJson(
  list: readonly SubOption[],
  names?: Readonly<Record<number, string>>,
): JsonValue {
  return list.map((s) => {
    const json: Record<string, JsonValue> = { code: s.code };
    const name = names?.[s.code];
    if (name) json.name = name;
    json.data = toHex(s.data);
    return json;
  });
}

/** Reads subOptionsJson's form back: data is hex. */
export function subOptionsFromJson(json: JsonValue, option: string): SubOption[] {
  if (!Array.isArray(json)) throw new DhcpOptionValueError(option, json, 'expected a list of { code, data }');
  return json.map((item) => {
    const o = item as { code?: unknown; data?: unknown };
    const data = typeof o?.data === 'string' ? fromHex(o.data) : undefined;
    if (typeof o?.code !== 'number' || !data)
      throw new DhcpOptionValueError(option, item, 'expected { code, data: "<hex>" }');
    return { code: o.code, data };
  });
}

function subOptionsRepr(list: readonly SubOption[], names?: Readonly<Record<number, string>>): string {
  return `[${list.map((s) => `${names?.[s.code] ?? s.code}=${bytesRepr(s.data)}`).join(' ')}]`;
}

function randomSubOptions(): SubOption[] {
  return Array.from({ length: 1 + randomInt(3) }, () => ({
    code: 1 + randomInt(254),
    data: randomBytes(randomInt(8)),
  }));
}

/** Option 82 (RFC 3046): a list of sub-options (circuit_id, remote_id, link_selection ...). */
export const relayAgentCodec: OptionCodec<SubOption[], SubOptionInput[]> = {
  expects: 'sub-options (code, length, data)',
  normalize: (input, option) => normalizeSubOptions(input, option, false),
  length: (v) => subOptionsLength(v, false),
  write(out, offset, v) {
    writeSubOptions(v, out, offset, false);
  },
  read: (b, start, end) => readSubOptions(b, start, end, false),
  json: (v) => subOptionsJson(v, RELAY_AGENT_SUBOPTIONS),
  fromJson: subOptionsFromJson,
  repr: (v) => subOptionsRepr(v, RELAY_AGENT_SUBOPTIONS),
  random: randomSubOptions,
};

/**
 * Option 43 (RFC 2132 §8.4): vendor-defined. Encapsulated options (PXE, with pad and end) are decoded as a
 * sub-option list; data that is not such a list stays bytes, which is not an error.
 */
export const vendorSpecificCodec: OptionCodec<SubOption[] | Uint8Array, SubOptionInput[]> = {
  expects: 'vendor data',
  normalize(input, option) {
    if (input instanceof Uint8Array) return input;
    return normalizeSubOptions(input, option, true);
  },
  length: (v) => (v instanceof Uint8Array ? v.length : subOptionsLength(v, true)),
  write(out, offset, v) {
    if (v instanceof Uint8Array) out.set(v, offset);
    else writeSubOptions(v, out, offset, true);
  },
  read(b, start, end) {
    const list = readSubOptions(b, start, end, true);
    return list === MALFORMED || list.length === 0 ? b.slice(start, end) : list;
  },
  json: (v) => (v instanceof Uint8Array ? toHex(v) : subOptionsJson(v)),
  fromJson(json, option) {
    if (typeof json !== 'string') return subOptionsFromJson(json, option);
    const bytes = fromHex(json);
    if (!bytes) throw new DhcpOptionValueError(option, json, 'expected hex or a list of { code, data }');
    return bytes;
  },
  repr: (v) => (v instanceof Uint8Array ? bytesRepr(v) : subOptionsRepr(v)),
  random: randomSubOptions,
};
