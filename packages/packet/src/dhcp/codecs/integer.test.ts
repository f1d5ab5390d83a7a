import { describe, expect, it } from '@jest/globals';
import { fromHex, toHex } from '../../hex.js';
import { MALFORMED, type OptionCodec } from '../option-codec.js';
import {
  i32Codec,
  presenceCodec,
  u8Codec,
  u8ListCodec,
  u16Codec,
  u16ListCodec,
  u32Codec,
} from './integer.js';

function encode<V>(codec: OptionCodec<V, never>, v: V) {
  const out = new Uint8Array(codec.length(v));
  codec.write(out, 0, v);
  return toHex(out);
}
const read = <V>(codec: OptionCodec<V, never>, hex: string) => codec.read(fromHex(hex)!, 0, hex.length / 2);

describe('integer codecs', () => {
  it('round-trip their full range, big-endian', () => {
    expect(encode(u8Codec, 255)).toBe('ff');
    expect(encode(u16Codec, 1500)).toBe('05dc');
    expect(encode(u32Codec, 0xffffffff)).toBe('ffffffff');
    expect(read(u32Codec, 'ffffffff')).toBe(0xffffffff);
    expect(read(u32Codec, '00000e10')).toBe(3600);
    expect(read(u16Codec, '05dc')).toBe(1500);
  });
  it('read time_zone as signed (RFC 2132 §3.4)', () => {
    expect(read(i32Codec, 'ffffc7c0')).toBe(-14400);
    expect(encode(i32Codec, -14400)).toBe('ffffc7c0');
    expect(read(i32Codec, '00008ca0')).toBe(36000);
  });
  it('report a wrong length as malformed', () => {
    expect(read(u8Codec, '')).toBe(MALFORMED);
    expect(read(u8Codec, '0101')).toBe(MALFORMED);
    expect(read(u16Codec, '05')).toBe(MALFORMED);
    expect(read(u32Codec, '000e10')).toBe(MALFORMED);
    expect(read(i32Codec, '0000000000')).toBe(MALFORMED);
  });
  it('reject out-of-range and non-integer input, naming option and value', () => {
    expect(() => u8Codec.normalize(256, 'default_ttl')).toThrow(
      /DHCP\.options\.default_ttl: expected an integer 0\.\.255 \(got 256\)/,
    );
    expect(() => u16Codec.normalize(-1, 'max_dhcp_size')).toThrow(/max_dhcp_size/);
    expect(() => u32Codec.normalize(1.5, 'lease_time')).toThrow(/lease_time/);
    expect(() => u32Codec.normalize('3600' as never, 'lease_time')).toThrow(/"3600"/);
    expect(() => i32Codec.normalize(0x80000000, 'time_zone')).toThrow(/time_zone/);
  });
});

describe('integer list codecs', () => {
  it('read and write lists', () => {
    expect(read(u16ListCodec, '05dc0240')).toEqual([1500, 576]);
    expect(encode(u16ListCodec, [1500, 576])).toBe('05dc0240');
    expect(read(u8ListCodec, '0102')).toEqual([1, 2]);
    expect(u8ListCodec.normalize(1, 'forcerenew_nonce_capable')).toEqual([1]);
  });
  it('report an odd length of 2-byte items as malformed', () => {
    expect(read(u16ListCodec, '05dc02')).toBe(MALFORMED);
  });
});

describe('presenceCodec (rapid_commit)', () => {
  it('is present with no data, and anything else is malformed', () => {
    expect(read(presenceCodec, '')).toBe(true);
    expect(read(presenceCodec, '00')).toBe(MALFORMED);
    expect(encode(presenceCodec, true)).toBe('');
    expect(() => presenceCodec.normalize(1 as never, 'rapid_commit')).toThrow(/rapid_commit/);
  });
});
