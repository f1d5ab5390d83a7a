import { describe, expect, it } from '@jest/globals';
import {
  ARP,
  Dot1Q,
  Ether,
  FieldValueError,
  IP,
  PacketJsonError,
  Raw,
  UDP,
  UnknownFieldError,
  UnknownLayerError,
  defineLayer,
  dissect,
  fromJSON,
  packet,
  toHex,
  toJSON,
  u8,
} from './index.js';

describe('toJSON / fromJSON', () => {
  it('writes MACs, dotted IPv4, numbers, hex bytes, and null for unset auto fields', () => {
    const p = packet(
      Ether({ src: '02:00:00:00:00:01' }),
      IP({ src: '198.18.0.1', dst: '198.18.0.2' }),
      UDP({ sport: 1, dport: 2 }),
      Raw({ load: 'hi' }),
    );
    const json = toJSON(p);
    expect(json.summary).toBe('Ether / IP / UDP 198.18.0.1:1 > 198.18.0.2:2 / Raw (2 bytes)');
    expect(json.layers[0]).toEqual({
      name: 'Ether',
      fields: { dst: 'ff:ff:ff:ff:ff:ff', src: '02:00:00:00:00:01', type: null },
    });
    expect(json.layers[1].fields).toMatchObject({ src: '198.18.0.1', ttl: 64, len: null, options: '' });
    expect(json.layers[3]).toEqual({ name: 'Raw', fields: { load: '6869' } });
    expect(json.problems).toEqual([]);
    expect(JSON.parse(JSON.stringify(p))).toEqual(json);
  });

  it('fromJSON(toJSON(p)) gives the same layers and bytes, composed or dissected', () => {
    const composed = packet(
      Ether({ src: '02:00:00:00:00:01' }),
      Dot1Q({ vlan: 5 }),
      ARP({ op: 'is-at', psrc: '198.18.0.9' }),
    );
    // A dissected copy has every field explicit; the composed one has unset auto fields (null in JSON).
    for (const p of [composed, dissect(composed.build())]) {
      const back = fromJSON(JSON.stringify(p));
      expect(back.layerNames()).toEqual(p.layerNames());
      expect(back.layers.map((l) => l.values)).toEqual(p.layers.map((l) => l.values));
      expect(toHex(back.build())).toBe(toHex(p.build()));
      expect(back.problems).toEqual(p.problems);
    }
  });

  it('keeps problems of a malformed frame', () => {
    const bytes = packet(Ether(), IP(), UDP()).build();
    bytes[24] ^= 0xff;
    const p = dissect(bytes);
    expect(p.problems.length).toBeGreaterThan(0);
    expect(fromJSON(toJSON(p)).problems).toEqual(p.problems);
  });

  it('rejects what is not its own form with typed errors', () => {
    expect(() => fromJSON({ layers: [{ name: 'Nope', fields: {} }] } as never)).toThrow(UnknownLayerError);
    expect(() => fromJSON({ layers: [{ name: 'Ether', fields: { colour: 1 } }] } as never)).toThrow(
      UnknownFieldError,
    );
    expect(() => fromJSON({ layers: [{ name: 'Ether', fields: { dst: null } }] } as never)).toThrow(
      FieldValueError,
    );
    expect(() => fromJSON({ layers: [{ name: 'Raw', fields: { load: 'xyz' } }] } as never)).toThrow(
      'Raw.load: expected bytes as a hex string in JSON (got "xyz")',
    );
    expect(() => fromJSON({ nope: 1 } as never)).toThrow(PacketJsonError);
    const OneWay = defineLayer({
      name: 'OneWayJson',
      rfc: '-',
      fields: [u8('x', 0)],
      toJSON: () => ({ y: 1 }),
    });
    expect(() => fromJSON(toJSON(packet(OneWay())))).toThrow(
      'packet JSON at $.layers[0]: OneWayJson writes its own JSON form but has no fromJSON hook to read it back',
    );
    expect(() => fromJSON({ layers: [42] } as never)).toThrow('packet JSON at $.layers[0]');
  });
});
