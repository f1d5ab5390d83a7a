import { describe, expect, it } from '@jest/globals';
import { MALFORMED } from './option-codec.js';
import { NEEDS_NORMALIZE, readValue, storedForm, valueLength, writeValue } from './option-values.js';
import { codecOf, DHCP_OPTION_TABLE } from './registry.js';

const codes = DHCP_OPTION_TABLE.map((d) => d.code).filter((c) => c !== 0 && c !== 255);

describe('inline option values agree with each codec', () => {
  it('length, bytes and decoded value, for random values of every registered code', () => {
    for (const code of codes) {
      const codec = codecOf(code);
      for (let round = 0; round < 20; round++) {
        const value = codec.random();
        const length = codec.length(value as never);
        expect(valueLength(code, value)).toBe(length);
        const ours = new Uint8Array(length + 2).fill(0xaa);
        const theirs = new Uint8Array(length + 2).fill(0xaa);
        writeValue(code, value, ours, 1);
        codec.write(theirs, 1, value as never);
        expect(Array.from(ours)).toEqual(Array.from(theirs));
        expect(readValue(code, theirs, 1, 1 + length)).toEqual(codec.read(theirs, 1, 1 + length));
      }
    }
  });

  it('malformed data is MALFORMED exactly when the codec says so', () => {
    const bytes = Uint8Array.from({ length: 12 }, (_, i) => 0x41 + i);
    for (const code of codes)
      for (let n = 0; n <= 12; n++) {
        const expected = codecOf(code).read(bytes, 0, n);
        const actual = readValue(code, bytes, 0, n);
        if (expected === MALFORMED) expect(actual).toBe(MALFORMED);
        else expect(actual).toEqual(expected);
      }
  });

  it('a value kept as given is what normalize() returns; anything else is left to normalize()', () => {
    const inputs: unknown[] = [
      0,
      1,
      255,
      256,
      65535,
      2 ** 32 - 1,
      2 ** 32,
      -1,
      1.5,
      '198.18.0.1',
      '198.018.0.1',
      'discover',
      'DISCOVER',
      'host',
      '\ud800',
      'h\ud83d\ude00st',
      'h\udc80st',
      'h\ud800\udc80',
      '\ue000\uffff',
      '02:00:00:00:00:01',
      '02:00:00:00:00:0A',
      '02-00-00-00-00-01',
      [1, 3, 6],
      [1, 300],
      'ab',
      null,
    ];
    for (const code of codes)
      for (const input of inputs) {
        const stored = storedForm(code, input);
        if (stored === NEEDS_NORMALIZE) continue;
        expect(stored).toEqual(codecOf(code).normalize(input as never, 'probe'));
      }
  });

  it('a code list is copied, so changing the caller array changes nothing stored', () => {
    const list = [1, 3, 6];
    const stored = storedForm(55, list) as number[];
    list[0] = 99;
    expect(stored).toEqual([1, 3, 6]);
  });
});
