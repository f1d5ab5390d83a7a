import { randomInt } from '../../field/random.js';
import { DhcpOptionValueError, MALFORMED, type OptionCodec } from '../option-codec.js';

function checked(input: unknown, option: string, min: number, max: number): number {
  if (typeof input !== 'number' || !Number.isInteger(input) || input < min || input > max) {
    throw new DhcpOptionValueError(option, input, `expected an integer ${min}..${max}`);
  }
  return input;
}

function unsigned(size: 1 | 2 | 4): OptionCodec<number> {
  const max = size === 4 ? 0xffffffff : (1 << (size * 8)) - 1;
  return {
    expects: `a ${size}-byte unsigned integer`,
    normalize: (input, option) => checked(input, option, 0, max),
    length: () => size,
    write(out, o, v) {
      if (size === 1) out[o] = v;
      else if (size === 2) {
        out[o] = v >>> 8;
        out[o + 1] = v;
      } else {
        out[o] = v >>> 24;
        out[o + 1] = v >>> 16;
        out[o + 2] = v >>> 8;
        out[o + 3] = v;
      }
    },
    read(b, start, end) {
      if (end - start !== size) return MALFORMED;
      if (size === 1) return b[start];
      if (size === 2) return (b[start] << 8) | b[start + 1];
      return ((b[start] << 24) | (b[start + 1] << 16) | (b[start + 2] << 8) | b[start + 3]) >>> 0;
    },
    json: (v) => v,
    repr: (v) => String(v),
    random: () => (size === 4 ? randomInt(0x10000) * 0x10000 + randomInt(0x10000) : randomInt(max + 1)),
  };
}

export const u8Codec = unsigned(1);
export const u16Codec = unsigned(2);
export const u32Codec = unsigned(4);

/** Signed 32-bit (time_zone: RFC 2132 §3.4 gives the offset from UTC in seconds, west negative). */
export const i32Codec: OptionCodec<number> = {
  expects: 'a 4-byte signed integer',
  normalize: (input, option) => checked(input, option, -0x80000000, 0x7fffffff),
  length: () => 4,
  write(out, o, v) {
    out[o] = v >>> 24;
    out[o + 1] = v >>> 16;
    out[o + 2] = v >>> 8;
    out[o + 3] = v;
  },
  read(b, start, end) {
    if (end - start !== 4) return MALFORMED;
    return (b[start] << 24) | (b[start + 1] << 16) | (b[start + 2] << 8) | b[start + 3];
  },
  json: (v) => v,
  repr: (v) => String(v),
  random: () => randomInt(0x10000) * 0x10000 + randomInt(0x10000) - 0x80000000,
};

function unsignedList(size: 1 | 2): OptionCodec<number[], number> {
  const max = size === 1 ? 0xff : 0xffff;
  return {
    expects: size === 1 ? 'a list of bytes' : 'a list of 2-byte integers (an even length)',
    normalize(input, option) {
      if (typeof input === 'number') return [checked(input, option, 0, max)];
      if (!Array.isArray(input))
        throw new DhcpOptionValueError(option, input, `expected a list of 0..${max}`);
      const out = new Array<number>(input.length);
      for (let i = 0; i < input.length; i++) out[i] = checked(input[i], option, 0, max);
      return out;
    },
    length: (v) => v.length * size,
    write(out, o, v) {
      if (size === 1) for (let i = 0; i < v.length; i++) out[o + i] = v[i];
      else
        for (let i = 0; i < v.length; i++) {
          out[o + 2 * i] = v[i] >>> 8;
          out[o + 2 * i + 1] = v[i];
        }
    },
    read(b, start, end) {
      const n = end - start;
      if (n % size !== 0) return MALFORMED;
      const out = new Array<number>(n / size);
      if (size === 1) for (let i = 0; i < out.length; i++) out[i] = b[start + i];
      else for (let i = 0; i < out.length; i++) out[i] = (b[start + 2 * i] << 8) | b[start + 2 * i + 1];
      return out;
    },
    json: (v) => v.slice(),
    repr: (v) => `[${v.join(', ')}]`,
    random: () => Array.from({ length: 1 + randomInt(4) }, () => randomInt(max + 1)),
  };
}

export const u8ListCodec = unsignedList(1);
export const u16ListCodec = unsignedList(2);

/** An option whose presence is the information (rapid_commit, RFC 4039): no data bytes. */
export const presenceCodec: OptionCodec<true> = {
  expects: 'no data (length 0)',
  normalize(input, option) {
    if (input !== true)
      throw new DhcpOptionValueError(option, input, 'expected true (the option has no data)');
    return true;
  },
  length: () => 0,
  write() {},
  read: (_b, start, end) => (end === start ? true : MALFORMED),
  json: () => true,
  repr: () => '',
  random: () => true,
};
