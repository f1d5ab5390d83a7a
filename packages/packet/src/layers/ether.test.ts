import { describe, expect, it } from '@jest/globals';
import { Dot3, Ether, LLC, Raw, dissect, fromHex, packet, toHex } from '../index.js';

// Dot3(dst='01:80:c2:00:00:00', src='02:00:00:00:00:01')/LLC(dsap=0x42, ssap=0x42, ctrl=3)/Raw(b'\x00\x00\x00\x00')
const DOT3_LLC = '0180c2000000020000000001000742420300000000';

describe('Ether and Dot3/LLC', () => {
  it('Dot3 computes its length over LLC and payload as scapy does', () => {
    const p = packet(
      Dot3({ dst: '01:80:c2:00:00:00', src: '02:00:00:00:00:01' }),
      LLC({ dsap: 0x42, ssap: 0x42, ctrl: 3 }),
      Raw({ load: new Uint8Array(4) }),
    );
    expect(toHex(p.build())).toBe(DOT3_LLC);
  });

  it('a type of 1500 or less dissects as Dot3 / LLC, and trailer bytes past the length as Padding', () => {
    const bytes = fromHex(`${DOT3_LLC}${'00'.repeat(39)}`)!;
    const p = dissect(bytes);
    expect(p.layerNames()).toEqual(['Dot3', 'LLC', 'Raw', 'Padding']);
    expect(p.layer(Dot3).len).toBe(7);
    expect(p.layer(LLC)).toMatchObject({ dsap: 0x42, ssap: 0x42, ctrl: 3 });
    expect(p.problems).toEqual([]);
    expect(toHex(p.build())).toBe(toHex(bytes));
  });

  it('a Dot3 length past the frame is reported as truncated', () => {
    const bytes = fromHex(DOT3_LLC.replace('0007', '0040'))!;
    const p = dissect(bytes);
    expect(p.problems).toEqual([
      expect.objectContaining({
        kind: 'truncated',
        layer: 'Dot3',
        field: 'len',
        offset: 12,
        actual: 64,
        expected: 7,
      }),
    ]);
    expect(toHex(p.build())).toBe(toHex(bytes));
  });

  it('an Ether with nothing bound above builds scapy default type 0x9000', () => {
    expect(toHex(packet(Ether({ src: '02:00:00:00:00:01' })).build())).toBe('ffffffffffff0200000000019000');
  });

  it('rejects a bad MAC naming the field', () => {
    expect(() => Ether({ dst: 'ff:ff' })).toThrow('Ether.dst: invalid MAC address');
  });
});
