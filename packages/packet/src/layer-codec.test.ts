import { describe, expect, it } from '@jest/globals';
import {
  AUTO,
  FieldValueError,
  bits,
  defineLayer,
  fixedBytes,
  flags,
  ipv4,
  mac,
  u8,
  u16,
  u32,
  u32le,
} from './index.js';
import { tailBytes } from './field/bytes.js';
import { readFixedFields, writeFixedFields } from './layer.js';

// Every inline shape the compiled codecs know, plus bit groups of 1, 3, 4 and 5 bytes.
const CodecProbe = defineLayer({
  name: 'CodecProbe',
  rfc: '-',
  fields: [
    bits('a', 3, 5),
    bits('b', 5, 17),
    u8('c', 0xab),
    u16('d', AUTO),
    u32('e', 0xdeadbeef),
    u32le('f', 0x01020304),
    ipv4('g', '198.18.0.1'),
    mac('h', '02:00:00:00:00:01'),
    flags('i', 16, 0x8000, ['x'], 2),
    bits('j', 32, 0xffffffff),
    bits('k', 20, 0xabcde),
    bits('l', 20, 0x12345),
    bits('p', 24, 0xfedcba),
    fixedBytes('m', 8),
    tailBytes('n'),
  ],
});

/** The same fields written the generic way: each field's own write(), bit groups packed by hand. */
function writeByFields(values: unknown[], out: Uint8Array): void {
  const f = CodecProbe.def.fields;
  out[0] = ((values[0] as number) << 5) | (values[1] as number);
  for (const [index, offset] of [
    [2, 1],
    [3, 2],
    [4, 4],
    [5, 8],
    [6, 12],
    [7, 16],
    [8, 22],
    [13, 36],
  ])
    f[index].write(out, offset, values[index] as never, 'CodecProbe');
  const j = values[9] as number;
  for (let b = 0; b < 4; b++) out[24 + b] = Math.floor(j / 2 ** (8 * (3 - b))) % 256;
  const group = (values[10] as number) * 2 ** 20 + (values[11] as number);
  for (let b = 0; b < 5; b++) out[28 + b] = Math.floor(group / 2 ** (8 * (4 - b))) % 256;
  const p = values[12] as number;
  for (let b = 0; b < 3; b++) out[33 + b] = Math.floor(p / 2 ** (8 * (2 - b))) % 256;
}

describe('compiled fixed-field codecs', () => {
  it('lays the fields out as the field table says', () => {
    expect(CodecProbe.def.fixedSize).toBe(44);
  });

  it('write the same bytes as the fields themselves, and read them back', () => {
    for (let round = 0; round < 200; round++) {
      const values = CodecProbe.def.fields.map((f) => f.random());
      const compiled = new Uint8Array(44).fill(0x5a);
      const generic = new Uint8Array(44).fill(0x5a);
      writeFixedFields(CodecProbe.def, values, compiled, 0);
      writeByFields(values, generic);
      expect(Array.from(compiled)).toEqual(Array.from(generic));
      const read = readFixedFields(CodecProbe.def, compiled, 0);
      expect(read.slice(0, 14)).toEqual(values.slice(0, 14));
      expect(read[14]).toBeUndefined();
    }
  });

  it('clear the padding of a short byte value in a reused buffer', () => {
    const out = new Uint8Array(44).fill(0xee);
    const values = CodecProbe.def.defaults.slice();
    values[3] = 0;
    values[13] = Uint8Array.of(1, 2);
    writeFixedFields(CodecProbe.def, values, out, 0);
    expect(Array.from(out.subarray(36, 44))).toEqual([1, 2, 0, 0, 0, 0, 0, 0]);
  });

  it('reject a bit value out of range with the field named, and bad text through the field', () => {
    const values = CodecProbe.def.defaults.slice();
    values[3] = 0;
    values[1] = 32;
    expect(() => writeFixedFields(CodecProbe.def, values, new Uint8Array(44), 0)).toThrow(FieldValueError);
    expect(() => writeFixedFields(CodecProbe.def, values, new Uint8Array(44), 0)).toThrow(
      /CodecProbe\.b.*0\.\.31/,
    );
    values[1] = 1;
    values[6] = 'not an address';
    expect(() => writeFixedFields(CodecProbe.def, values, new Uint8Array(44), 0)).toThrow(/CodecProbe\.g/);
  });

  it('layer construction keeps canonical values as given and normalizes the rest', () => {
    const layer = CodecProbe({ g: '198.018.0.1' as string, h: '02-00-00-00-00-0A', c: 7 });
    expect(layer.g).toBe('198.18.0.1');
    expect(layer.h).toBe('02:00:00:00:00:0a');
    expect(layer.c).toBe(7);
    expect(() => CodecProbe({ c: 256 })).toThrow(FieldValueError);
    expect(() => CodecProbe({ c: 1.5 })).toThrow(FieldValueError);
  });
});
