import { describe, expect, it } from '@jest/globals';
import { FieldValueError } from '../errors.js';
import { fixedBytes, hardwareAddress, tailBytes } from './bytes.js';
import { macToBytes } from './mac.js';

describe('fixedBytes', () => {
  const sname = fixedBytes('sname', 8);

  it('pads input with NULs and shows the padding as a count, as scapy does', () => {
    const v = sname.normalize('boot', 'BOOTP');
    expect(Array.from(v)).toEqual([98, 111, 111, 116, 0, 0, 0, 0]);
    expect(sname.repr(v)).toBe("b'boot' (+ 4 nul pad)");
    expect(sname.repr(new Uint8Array(8))).toBe("b''");
    expect(sname.repr(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]))).toBe(
      "b'\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08'",
    );
  });

  it('rejects input longer than the field', () => {
    expect(() => sname.normalize('123456789', 'BOOTP')).toThrow(
      new FieldValueError('BOOTP', 'sname', '123456789', "longer than the field's 8 bytes"),
    );
  });

  it('reads JSON hex back and rejects other JSON', () => {
    expect(Array.from(sname.fromJson!('6869', 'BOOTP'))).toEqual([0x68, 0x69, 0, 0, 0, 0, 0, 0]);
    expect(() => sname.fromJson!(12, 'BOOTP')).toThrow(
      'BOOTP.sname: expected bytes as a hex string in JSON (got 12)',
    );
  });
});

describe('tailBytes', () => {
  it('round-trips JSON as hex', () => {
    const load = tailBytes('load');
    const v = load.normalize([0, 255, 16], 'Raw');
    expect(load.json(v)).toBe('00ff10');
    expect(Array.from(load.fromJson!('00ff10', 'Raw'))).toEqual([0, 255, 16]);
  });
});

describe('hardwareAddress', () => {
  const chaddr = hardwareAddress('chaddr');

  it('MAC texts give their bytes padded to 16, each time a new array, whatever was parsed before', () => {
    // Texts sharing a last character (and so a remembered slot), repeats, and other spellings of one MAC.
    const texts = [
      '02:00:00:00:00:01',
      '02:00:00:00:00:11',
      '02:00:00:00:00:01',
      '0a-0b-0c-0d-0e-01',
      '0A0B0C0D0E01',
    ];
    for (let round = 0; round < 3; round++)
      for (const text of texts) {
        const a = chaddr.normalize(text, 'BOOTP');
        const b = chaddr.normalize(text, 'BOOTP');
        expect(a).not.toBe(b);
        expect(Array.from(a)).toEqual([...macToBytes(text), ...new Array(10).fill(0)]);
        a[0] = 0xee;
        expect(chaddr.normalize(text, 'BOOTP')[0]).toBe(macToBytes(text)[0]);
      }
  });

  it('a text in the slot of a remembered MAC that is not one is still refused', () => {
    chaddr.normalize('02:00:00:00:00:01', 'BOOTP');
    expect(() => chaddr.normalize('02:00:00:00:0g:01', 'BOOTP')).toThrow(FieldValueError);
    expect(() => chaddr.normalize('1', 'BOOTP')).toThrow(FieldValueError);
    expect(() => chaddr.normalize('', 'BOOTP')).toThrow(FieldValueError);
  });
});
