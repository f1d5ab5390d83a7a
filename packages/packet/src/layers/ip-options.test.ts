import { describe, expect, it } from '@jest/globals';
import { listIpOptions } from './ip-options.js';

describe('listIpOptions', () => {
  it('lists typed options with NOP and EOL', () => {
    const bytes = Uint8Array.from([1, 0x94, 4, 0, 0, 7, 7, 4, 0, 0, 0, 0, 0, 0, 0, 0]);
    const { options, error } = listIpOptions(bytes);
    expect(error).toBeUndefined();
    expect(options.map((o) => [o.offset, o.name, o.type, o.length, Array.from(o.data)])).toEqual([
      [0, 'NOP', 1, 1, []],
      [1, 'Router Alert', 148, 4, [0, 0]],
      [5, 'RR', 7, 7, [4, 0, 0, 0, 0]],
      [12, 'EOL', 0, 1, []],
    ]);
  });

  it('names unknown types by number', () => {
    expect(listIpOptions(Uint8Array.from([99, 2])).options[0].name).toBe('option 99');
  });

  it('never throws: a bad length ends the list with the options before it kept', () => {
    const cases: [number[], RegExp][] = [
      [[1, 7], /RR at offset 1 has no length octet/],
      [[7, 1, 0, 0], /RR at offset 0 has length 1/],
      [[1, 68, 40, 0], /Timestamp at offset 1 has length 40; 3 bytes remain/],
    ];
    for (const [bytes, message] of cases) {
      const listed = listIpOptions(Uint8Array.from(bytes));
      expect(listed.error?.message).toMatch(message);
    }
    expect(listIpOptions(Uint8Array.from([1, 7])).options).toHaveLength(1);
  });

  it('ends the list at an option shorter than its fixed parts, as tshark 4.0 stops there', () => {
    // Each of these made tshark stop dissecting the IP payload in the differential sweep.
    const cases: [number[], RegExp][] = [
      [[0x86, 2, 0, 0], /option 134 at offset 0 has length 2; 4 bytes remain and the minimum is 6/],
      [[1, 25, 2, 0], /option 25 at offset 1 has length 2; 3 bytes remain and the minimum is 8/],
      [[0x94, 3, 0, 0], /Router Alert at offset 0 has length 3; 4 bytes remain and the minimum is 4/],
      [[68, 3, 5, 0], /Timestamp at offset 0 has length 3; 4 bytes remain and the minimum is 4/],
      [[7, 2, 0, 0], /RR at offset 0 has length 2; 4 bytes remain and the minimum is 3/],
    ];
    for (const [bytes, message] of cases)
      expect(listIpOptions(Uint8Array.from(bytes)).error?.message).toMatch(message);
    // At their minimum they are fine, and types without fixed parts still need only 2.
    for (const bytes of [
      [0x86, 6, 0, 0, 0, 0],
      [0x94, 4, 0, 0],
      [7, 3, 4],
      [99, 2],
    ])
      expect(listIpOptions(Uint8Array.from(bytes)).error).toBeUndefined();
  });
});
