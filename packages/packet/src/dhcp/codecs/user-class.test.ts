import { describe, expect, it } from '@jest/globals';
import { fromHex, toHex } from '../../hex.js';
import { DhcpOptionValueError } from '../option-codec.js';
import { userClassCodec } from './user-class.js';

const wire = (input: Parameters<typeof userClassCodec.normalize>[0]) => {
  const value = userClassCodec.normalize(input, 'user_class');
  const out = new Uint8Array(userClassCodec.length(value));
  userClassCodec.write(out, 0, value);
  return toHex(out);
};
const read = (hex: string) => {
  const bytes = fromHex(hex)!;
  return userClassCodec.read(bytes, 0, bytes.length);
};

describe('user_class (77, RFC 3004)', () => {
  it('a list of length-prefixed classes, as text', () => {
    expect(wire(['iPXE', 'abc'])).toBe('046950584503616263');
    expect(read('046950584503616263')).toEqual(['iPXE', 'abc']);
    expect(wire([Uint8Array.of(1, 2)])).toBe('020102');
  });
  it('keeps data whose lengths do not add up as raw bytes (bare text, as many clients send)', () => {
    expect(read('6950584500')).toEqual(fromHex('6950584500'));
    expect(read('0300')).toEqual(fromHex('0300'));
    expect(read('00')).toEqual(fromHex('00'));
    expect(read('')).toEqual(new Uint8Array(0));
    expect(wire(Uint8Array.of(0x69, 0x50))).toBe('6950');
    expect(wire('6950')).toBe('6950');
  });
  it('JSON: the list as strings, raw data as { raw: hex }, both read back', () => {
    expect(userClassCodec.json(['iPXE'])).toEqual(['iPXE']);
    const raw = userClassCodec.json(Uint8Array.of(0x69));
    expect(raw).toEqual({ raw: '69' });
    expect(userClassCodec.normalize(raw as { raw: string }, 'user_class')).toEqual(Uint8Array.of(0x69));
  });
  it('names the class at fault', () => {
    expect(() => userClassCodec.normalize([''], 'user_class')).toThrow(DhcpOptionValueError);
    expect(() => userClassCodec.normalize(['x'.repeat(256)], 'user_class')).toThrow(
      /1..255 bytes; this one has 256/,
    );
    expect(() => userClassCodec.normalize('not hex', 'user_class')).toThrow(/list of strings/);
  });
});
