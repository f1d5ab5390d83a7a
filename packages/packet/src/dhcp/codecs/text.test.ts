import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { toHex } from '../../hex.js';
import { bytesCodec, readText, textCodec, textLength, writeText } from './text.js';

function encodeText(s: string) {
  const out = new Uint8Array(textLength(s));
  expect(writeText(s, out, 0)).toBe(out.length);
  return out;
}

describe('text codec', () => {
  it('reads ASCII and UTF-8 as strings', () => {
    expect(readText(Uint8Array.from([0x62, 0x6f, 0x78]), 0, 3)).toBe('box');
    expect(readText(encodeText('café-ñ-日本-🚀'), 0, textLength('café-ñ-日本-🚀'))).toBe('café-ñ-日本-🚀');
    expect(toHex(encodeText('é'))).toBe('c3a9');
  });
  it('keeps bytes that are not UTF-8 (surrogateescape) and writes them back unchanged', () => {
    const raw = Uint8Array.from([0x61, 0xff, 0xc3, 0x28, 0x80, 0xed, 0xa0, 0x80]);
    const text = readText(raw, 0, raw.length);
    expect(text.charCodeAt(1)).toBe(0xdcff);
    expect(toHex(encodeText(text))).toBe(toHex(raw));
  });
  it('round-trips every byte string exactly', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const text = readText(bytes, 0, bytes.length);
        expect(toHex(encodeText(text))).toBe(toHex(bytes));
      }),
      { numRuns: 2000 },
    );
  });
  it('accepts bytes as input and rejects other types', () => {
    expect(textCodec.normalize(Uint8Array.from([0x68, 0x69]), 'hostname')).toBe('hi');
    expect(() => textCodec.normalize(42 as never, 'hostname')).toThrow(/DHCP\.options\.hostname.*\(got 42\)/);
    expect(() => textCodec.normalize('a\ud800b', 'hostname')).toThrow(
      /unpaired surrogate U\+D800 at index 1/,
    );
    expect(textCodec.normalize('a\udcffb', 'hostname')).toBe('a\udcffb');
  });
});

describe('bytes codec', () => {
  it('copies bytes and accepts hex or byte lists', () => {
    const source = Uint8Array.from([1, 2, 3]);
    const read = bytesCodec.read(source, 1, 3);
    source[1] = 9;
    expect(toHex(read as Uint8Array)).toBe('0203');
    expect(toHex(bytesCodec.normalize('01:02', 'x'))).toBe('0102');
    expect(toHex(bytesCodec.normalize([255, 0], 'x'))).toBe('ff00');
    expect(() => bytesCodec.normalize('zz', 'pxelinux_magic')).toThrow(/pxelinux_magic/);
    expect(() => bytesCodec.normalize([256], 'x')).toThrow(/byte values/);
  });
});
