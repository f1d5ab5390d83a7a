import { describe, expect, it } from '@jest/globals';
import { fromHex, toHex } from '../../hex.js';
import { DhcpOptionValueError, MALFORMED } from '../option-codec.js';
import { domainSearchCodec } from './domain-search.js';

const wire = (names: string[]) => {
  const value = domainSearchCodec.normalize(names, 'domain-search');
  const out = new Uint8Array(domainSearchCodec.length(value));
  domainSearchCodec.write(out, 0, value);
  return toHex(out);
};
const read = (hex: string) => {
  const bytes = fromHex(hex)!;
  return domainSearchCodec.read(bytes, 0, bytes.length);
};

describe('domain-search (119, RFC 3397)', () => {
  it('encodes with compression: the RFC 3397 §2 example', () => {
    // eng.apple.com, marketing.apple.com: the second name points at "apple.com" in the first.
    expect(wire(['eng.apple.com.', 'marketing.apple.com'])).toBe(
      '03656e67056170706c6503636f6d00' + '096d61726b6574696e67c004',
    );
  });
  it('points at the longest suffix written before, or at a whole earlier name', () => {
    expect(wire(['a.example.com', 'example.com', 'b.a.example.com'])).toBe(
      '0161076578616d706c6503636f6d00' + 'c002' + '0162c000',
    );
  });
  it('decodes pointers, chains of pointers and uncompressed names alike', () => {
    expect(read('03656e67056170706c6503636f6d00096d61726b6574696e67c004')).toEqual([
      'eng.apple.com',
      'marketing.apple.com',
    ]);
    // "x" -> pointer to "y" -> pointer to "apple.com".
    expect(read('056170706c6500' + '0179c000' + '0178c007')).toEqual(['apple', 'y.apple', 'x.y.apple']);
    expect(read('00')).toEqual(['.']);
  });
  it('rebuilds decoded bytes as they were, and compresses again once changed', () => {
    const value = read('076578616d706c6500' + '0161076578616d706c6500');
    expect(value).toEqual(['example', 'a.example']);
    const names = value as string[];
    const out = new Uint8Array(domainSearchCodec.length(names));
    domainSearchCodec.write(out, 0, names);
    expect(toHex(out)).toBe('076578616d706c6500' + '0161076578616d706c6500');
    const copy = domainSearchCodec.copy?.(names) as string[];
    expect(domainSearchCodec.length(copy)).toBe(out.length);
    names.push('b.example');
    expect(domainSearchCodec.length(names)).toBe(9 + 4 + 4);
  });
  it('refuses pointer loops, forward pointers, bad labels and cut names (MALFORMED, never a throw)', () => {
    expect(read('0161c000')).toBe(MALFORMED); // a pointer to the name it ends: a loop
    expect(read('c000')).toBe(MALFORMED); // a pointer to itself
    expect(read('c00400016100')).toBe(MALFORMED); // a forward pointer
    expect(read('03616263')).toBe(MALFORMED); // no root label
    expect(read('0561')).toBe(MALFORMED); // a label past the end
    expect(read('4161')).toBe(MALFORMED); // 0x40 label type
    expect(read('c0')).toBe(MALFORMED); // half a pointer
    // 300 bytes of labels: longer than a name may be.
    expect(read(`${'3f'.concat('61'.repeat(63)).repeat(5)}00`)).toBe(MALFORMED);
  });
  it('keeps dots and backslashes inside labels escaped, and bytes that are not UTF-8', () => {
    const value = read('03612e6203636f6d00' + '02ff5c00');
    expect(value).toEqual(['a\\.b.com', '\udcff\\\\']);
    expect(wire(value as string[])).toBe('03612e6203636f6d0002ff5c00');
  });
  it('names the option and the name in errors', () => {
    expect(() => domainSearchCodec.normalize(['a..b'], 'domain-search')).toThrow(DhcpOptionValueError);
    expect(() => domainSearchCodec.normalize(['a..b'], 'domain-search')).toThrow(/empty label in "a..b"/);
    expect(() => domainSearchCodec.normalize([`${'x'.repeat(64)}.com`], 'domain-search')).toThrow(
      /is 64 bytes \(63 at most\)/,
    );
    expect(() => domainSearchCodec.normalize('example.com' as never, 'domain-search')).toThrow(
      /list of domain names/,
    );
  });
});
