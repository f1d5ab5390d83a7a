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
});
