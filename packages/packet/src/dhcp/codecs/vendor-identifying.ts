import { randomBytes, randomInt } from '../../field/random.js';
import type { JsonValue } from '../../field/spec.js';
import { bytesRepr, fromHex, toHex } from '../../hex.js';
import { DhcpOptionValueError, MALFORMED, type OptionCodec } from '../option-codec.js';
import {
  normalizeSubOptions,
  readSubOptions,
  type SubOption,
  type SubOptionInput,
  subOptionsFromJson,
  subOptionsJson,
  subOptionsLength,
  writeSubOptions,
} from './sub-options.js';

/** RFC 3925 option 125: per IANA enterprise number, a list of vendor sub-options. */
export interface VendorSpecificInformation {
  enterprise: number;
  options: SubOption[];
}

/** RFC 3925 option 124: per IANA enterprise number, the vendor class data (a list of opaque items). */
export interface VendorClass {
  enterprise: number;
  data: Uint8Array;
}

function enterpriseOf(input: unknown, option: string): number {
  const e = (input as { enterprise?: unknown })?.enterprise;
  if (typeof e !== 'number' || !Number.isInteger(e) || e < 0 || e > 0xffffffff)
    throw new DhcpOptionValueError(option, input, 'enterprise must be an integer 0..4294967295');
  return e;
}

function writeU32(out: Uint8Array, o: number, v: number) {
  out[o] = v >>> 24;
  out[o + 1] = v >>> 16;
  out[o + 2] = v >>> 8;
  out[o + 3] = v;
}

function readU32(b: Uint8Array, o: number): number {
  return ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
}

export const vendorSpecificInformationCodec: OptionCodec<
  VendorSpecificInformation[],
  { enterprise: number; options: SubOptionInput[] }[]
> = {
  expects: 'blocks of a 4-byte enterprise number, a length and sub-options',
  normalize(input, option) {
    if (!Array.isArray(input))
      throw new DhcpOptionValueError(option, input, 'expected a list of { enterprise, options }');
    return input.map((block) => {
      const enterprise = enterpriseOf(block, option);
      const options = normalizeSubOptions(block.options, option, false);
      if (subOptionsLength(options, false) > 255)
        throw new DhcpOptionValueError(option, block, 'the sub-options of one enterprise exceed 255 bytes');
      return { enterprise, options };
    });
  },
  length(v) {
    let n = 0;
    for (const block of v) n += 5 + subOptionsLength(block.options, false);
    return n;
  },
  write(out, offset, v) {
    let o = offset;
    for (const block of v) {
      writeU32(out, o, block.enterprise);
      const n = writeSubOptions(block.options, out, o + 5, false);
      out[o + 4] = n;
      o += 5 + n;
    }
  },
  read(b, start, end) {
    const out: VendorSpecificInformation[] = [];
    let o = start;
    while (o < end) {
      if (o + 5 > end || o + 5 + b[o + 4] > end) return MALFORMED;
      const options = readSubOptions(b, o + 5, o + 5 + b[o + 4], false);
      if (options === MALFORMED) return MALFORMED;
      out.push({ enterprise: readU32(b, o), options });
      o += 5 + b[o + 4];
    }
    return out;
  },
  json: (v) => v.map((block) => ({ enterprise: block.enterprise, options: subOptionsJson(block.options) })),
  fromJson(json, option) {
    if (!Array.isArray(json)) throw new DhcpOptionValueError(option, json, 'expected a list of blocks');
    return json.map((block) => ({
      enterprise: enterpriseOf(block, option),
      options: subOptionsFromJson((block as { options?: JsonValue })?.options ?? null, option),
    }));
  },
  repr: (v) =>
    `[${v.map((b) => `${b.enterprise}:[${b.options.map((s) => `${s.code}=${bytesRepr(s.data)}`).join(' ')}]`).join(', ')}]`,
  random: () => [
    {
      enterprise: randomInt(100000),
      options: [{ code: 1 + randomInt(254), data: randomBytes(randomInt(6)) }],
    },
  ],
};

export const vendorClassCodec: OptionCodec<VendorClass[]> = {
  expects: 'blocks of a 4-byte enterprise number, a length and class data',
  normalize(input, option) {
    if (!Array.isArray(input))
      throw new DhcpOptionValueError(option, input, 'expected a list of { enterprise, data }');
    return input.map((block) => {
      const enterprise = enterpriseOf(block, option);
      const data = (block as { data?: unknown }).data;
      if (!(data instanceof Uint8Array) || data.length > 255)
        throw new DhcpOptionValueError(option, block, 'data must be at most 255 bytes');
      return { enterprise, data };
    });
  },
  length(v) {
    let n = 0;
    for (const block of v) n += 5 + block.data.length;
    return n;
  },
  write(out, offset, v) {
    let o = offset;
    for (const block of v) {
      writeU32(out, o, block.enterprise);
      out[o + 4] = block.data.length;
      out.set(block.data, o + 5);
      o += 5 + block.data.length;
    }
  },
  read(b, start, end) {
    const out: VendorClass[] = [];
    let o = start;
    while (o < end) {
      if (o + 5 > end || o + 5 + b[o + 4] > end) return MALFORMED;
      out.push({ enterprise: readU32(b, o), data: b.slice(o + 5, o + 5 + b[o + 4]) });
      o += 5 + b[o + 4];
    }
    return out;
  },
  json: (v) => v.map((block) => ({ enterprise: block.enterprise, data: toHex(block.data) })),
  fromJson(json, option) {
    if (!Array.isArray(json)) throw new DhcpOptionValueError(option, json, 'expected a list of blocks');
    return json.map((block) => {
      const hex = (block as { data?: unknown })?.data;
      const data = typeof hex === 'string' ? fromHex(hex) : undefined;
      if (!data) throw new DhcpOptionValueError(option, block, 'expected { enterprise, data: "<hex>" }');
      return { enterprise: enterpriseOf(block, option), data };
    });
  },
  repr: (v) => `[${v.map((b) => `${b.enterprise}:${bytesRepr(b.data)}`).join(', ')}]`,
  random: () => [{ enterprise: randomInt(100000), data: randomBytes(1 + randomInt(6)) }],
};
