import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fromHex, toHex } from '../hex.js';
import type { Problem } from '../problem.js';
import { type DhcpOptionList, EntryKind, optionListFrom } from './option-list.js';
import { decodeOptions, encodedLength, encodeOptions } from './option-wire.js';

function decode(hex: string) {
  const bytes = fromHex(hex)!;
  const problems: Problem[] = [];
  return { list: decodeOptions(bytes, 0, bytes.length, problems), problems };
}
function encode(list: DhcpOptionList) {
  const out = new Uint8Array(encodedLength(list));
  expect(encodeOptions(list, out, 0)).toBe(out.length);
  return toHex(out);
}

describe('decoding the options area', () => {
  it('decodes typed values and keeps pads, end and the bytes after end', () => {
    const hex = '350105' + '00' + '3304' + '00000e10' + 'ff' + '0000abcd';
    const { list, problems } = decode(hex);
    expect(problems).toEqual([]);
    expect(list.codes).toEqual([53, 0, 51, 255]);
    expect(list.get(53)).toBe('ack');
    expect(list.get(51)).toBe(3600);
    expect(toHex(list.trailing)).toBe('0000abcd');
    expect(encode(list)).toBe(hex);
  });
  it('keeps a bad-length option as raw bytes with a problem, and reads the options after it', () => {
    const hex = '0103ffffff' + '3304' + '00000e10' + 'ff';
    const { list, problems } = decode(hex);
    expect(list.get(51)).toBe(3600);
    expect(list.get(1)).toBeUndefined();
    expect(list.kinds[0]).toBe(EntryKind.verbatim);
    expect(problems).toEqual([
      expect.objectContaining({
        kind: 'malformed-option',
        layer: 'DHCP',
        field: 'subnet_mask',
        offset: 0,
        actual: 3,
      }),
    ]);
    expect(problems[0].message).toMatch(/subnet_mask \(1\).*3 bytes are not a 4-byte IPv4 address/);
    expect(encode(list)).toBe(hex);
  });
  it('reports a truncated TLV at its offset and keeps its bytes', () => {
    const hex = '350101' + '3c31' + '4d53465420352e30';
    const { list, problems } = decode(hex);
    expect(list.get(53)).toBe('discover');
    expect(problems).toEqual([
      expect.objectContaining({
        kind: 'malformed-option',
        field: 'vendor_class_id',
        offset: 3,
        expected: 49,
        actual: 8,
      }),
    ]);
    expect(encode(list)).toBe(hex);
    const lone = decode('350101' + '0c');
    expect(lone.problems[0]).toEqual(expect.objectContaining({ field: 'hostname', offset: 3 }));
    expect(encode(lone.list)).toBe('3501010c');
  });
  it('reports option 121 with a prefix over 32 and goes on (no hang)', () => {
    const hex = '7903' + '21ff00' + '3304' + '00000e10' + 'ff';
    const { list, problems } = decode(hex);
    expect(problems.map((p) => [p.field, p.offset])).toEqual([['classless_static_routes', 0]]);
    expect(list.get(51)).toBe(3600);
    expect(encode(list)).toBe(hex);
  });
  it('joins repeated codes (RFC 3396) and rebuilds the same split', () => {
    const hex = '0c03' + '616263' + '3501' + '01' + '0c02' + '6465' + 'ff';
    const { list, problems } = decode(hex);
    expect(problems).toEqual([]);
    expect(list.get(12)).toBe('abcde');
    expect(list.kinds).toEqual([EntryKind.split, EntryKind.option, EntryKind.continuation, EntryKind.option]);
    expect(encode(list)).toBe(hex);
  });
  it('joins a list split mid-address (RFC 3396 §6 example)', () => {
    const { list } = decode('0306' + 'c0000201c000' + '0302' + '0202' + 'ff');
    expect(list.get(3)).toEqual(['192.0.2.1', '192.0.2.2']);
  });
  it('reports a joined value its type cannot read once, keeping every instance raw', () => {
    const hex = '3501' + '01' + '3501' + '03' + 'ff';
    const { list, problems } = decode(hex);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/2 instances joined per RFC 3396/);
    expect(list.kinds.slice(0, 2)).toEqual([EntryKind.verbatim, EntryKind.verbatim]);
    expect(encode(list)).toBe(hex);
  });
  it('keeps unknown codes as bytes and decodes zero-length options', () => {
    const { list } = decode('e003010203' + '3700' + '5000' + 'ff');
    expect(toHex(list.get(224) as Uint8Array)).toBe('010203');
    expect(list.get(55)).toEqual([]);
    expect(list.get(80)).toBe(true);
  });
  it('reports offsets relative to the frame', () => {
    const bytes = fromHex('aaaaaaaa' + '0103ffffff' + 'ff')!;
    const problems: Problem[] = [];
    decodeOptions(bytes, 4, bytes.length, problems);
    expect(problems[0].offset).toBe(4);
  });
  it('never throws and always re-encodes to the same bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const problems: Problem[] = [];
        const list = decodeOptions(bytes, 0, bytes.length, problems);
        expect(encode(list)).toBe(toHex(bytes));
      }),
      { numRuns: 3000 },
    );
  });
  it('re-encodes option soups of valid TLVs identically', () => {
    const tlv = fc
      .tuple(fc.integer({ min: 1, max: 254 }), fc.uint8Array({ maxLength: 20 }))
      .map(([code, data]) => [code, data.length, ...data]);
    fc.assert(
      fc.property(fc.array(fc.oneof(tlv, fc.constant([0])), { maxLength: 30 }), (items) => {
        const bytes = Uint8Array.from([...items.flat(), 255]);
        const list = decodeOptions(bytes, 0, bytes.length, []);
        expect(encode(list)).toBe(toHex(bytes));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('encoding the options area', () => {
  it('splits a value over 255 bytes into consecutive instances (RFC 3396)', () => {
    const name = 'x'.repeat(600);
    const list = optionListFrom([['domain', name]]);
    const hex = encode(list);
    const x = '78';
    expect(hex).toBe(`0fff${x.repeat(255)}0fff${x.repeat(255)}0f5a${x.repeat(90)}ff`);
    const back = decode(hex).list;
    expect(back.get(15)).toBe(name);
    expect(encode(back)).toBe(hex);
  });
  it('splits at the standard 255-byte boundaries when a joined value changed length', () => {
    const { list } = decode('0c03616263' + '0c026465' + 'ff');
    list.values[0] = 'y'.repeat(300);
    expect(encode(list)).toBe(`0cff${'79'.repeat(255)}0c2d${'79'.repeat(45)}ff`);
  });
  it('writes a value of exactly 255 bytes as one instance and an empty value as length 0', () => {
    expect(encode(optionListFrom([['hostname', 'h'.repeat(255)]]))).toBe(`0cff${'68'.repeat(255)}ff`);
    expect(encode(optionListFrom([['param_req_list', []]]))).toBe('3700ff');
  });
});
