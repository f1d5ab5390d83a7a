import { describe, expect, it } from '@jest/globals';
import { fromHex, toHex } from '../../hex.js';
import { MALFORMED, type OptionCodec } from '../option-codec.js';
import { relayAgentCodec, type SubOption, vendorSpecificCodec } from './sub-options.js';
import { vendorClassCodec, vendorSpecificInformationCodec } from './vendor-identifying.js';

const read = <V>(codec: OptionCodec<V, never>, hex: string) => codec.read(fromHex(hex)!, 0, hex.length / 2);
function encode<V>(codec: OptionCodec<V, never>, v: V) {
  const out = new Uint8Array(codec.length(v));
  codec.write(out, 0, v);
  return toHex(out);
}
const dataHex = (list: SubOption[]) => list.map((s) => [s.code, toHex(s.data)]);

describe('relay agent information (option 82)', () => {
  it('reads circuit_id, remote_id and others as sub-options and writes them back', () => {
    const hex = '0104000204430206c40415bda861090b0000118b06010401020300';
    const v = read(relayAgentCodec, hex) as SubOption[];
    expect(dataHex(v)).toEqual([
      [1, '00020443'],
      [2, 'c40415bda861'],
      [9, '0000118b06010401020300'],
    ]);
    expect(encode(relayAgentCodec, v)).toBe(hex);
    expect(relayAgentCodec.json(v)).toEqual([
      { code: 1, name: 'circuit_id', data: '00020443' },
      { code: 2, name: 'remote_id', data: 'c40415bda861' },
      { code: 9, name: 'vendor_specific', data: '0000118b06010401020300' },
    ]);
  });
  it('reports a sub-option running past the option as malformed', () => {
    expect(read(relayAgentCodec, '010500020443')).toBe(MALFORMED);
    expect(read(relayAgentCodec, '01')).toBe(MALFORMED);
  });
  it('builds from pairs or objects, with text or bytes', () => {
    const v = relayAgentCodec.normalize(
      [[1, 'eth0'], { code: 2, data: Uint8Array.of(2, 0, 0, 0, 0, 1) }],
      'relay_agent_information',
    );
    expect(encode(relayAgentCodec, v)).toBe('010465746830020602' + '0000000001');
    expect(() => relayAgentCodec.normalize([[1, new Uint8Array(256)]], 'relay_agent_information')).toThrow(
      /255/,
    );
    expect(() => relayAgentCodec.normalize([[300, 'x']], 'relay_agent_information')).toThrow(/0\.\.255/);
  });
});

describe('vendor specific (option 43)', () => {
  it('reads encapsulated options, with pad and end, when the data is such a list', () => {
    const hex = '0601080a0401000000ff';
    const v = read(vendorSpecificCodec, hex) as SubOption[];
    expect(v.map((s) => s.code)).toEqual([6, 10, 255]);
    expect(encode(vendorSpecificCodec, v)).toBe(hex);
  });
  it('keeps data that is not a sub-option list as bytes (vendor-defined, not an error)', () => {
    const v = read(vendorSpecificCodec, '0105ab');
    expect(v).toBeInstanceOf(Uint8Array);
    expect(encode(vendorSpecificCodec, v as Uint8Array)).toBe('0105ab');
  });
});

describe('V-I vendor class and vendor-specific information (options 124, 125; RFC 3925)', () => {
  it('reads enterprise blocks of sub-options and writes them back', () => {
    const hex = '00000de9' + '0a' + '0406303032363832' + '0500';
    const v = read(vendorSpecificInformationCodec, hex);
    expect(v).toEqual([
      {
        enterprise: 3561,
        options: [
          { code: 4, data: fromHex('303032363832') },
          { code: 5, data: new Uint8Array(0) },
        ],
      },
    ]);
    expect(encode(vendorSpecificInformationCodec, v as never)).toBe(hex);
  });
  it('reports a block longer than the option as malformed', () => {
    expect(read(vendorSpecificInformationCodec, '00000de90a0401')).toBe(MALFORMED);
    expect(read(vendorSpecificInformationCodec, '00000de9')).toBe(MALFORMED);
    expect(read(vendorClassCodec, '00000de905616263')).toBe(MALFORMED);
  });
  it('reads and writes vendor class blocks', () => {
    const v = read(vendorClassCodec, '00000de903616263');
    expect(v).toEqual([{ enterprise: 3561, data: fromHex('616263') }]);
    expect(encode(vendorClassCodec, v as never)).toBe('00000de903616263');
  });
});
