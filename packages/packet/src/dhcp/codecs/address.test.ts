import { describe, expect, it } from '@jest/globals';
import { fromHex, toHex } from '../../hex.js';
import { DhcpOptionValueError, MALFORMED } from '../option-codec.js';
import { ipv4Codec, ipv4ListCodec } from './address.js';

function encode<V>(codec: { length(v: V): number; write(o: Uint8Array, at: number, v: V): void }, v: V) {
  const out = new Uint8Array(codec.length(v));
  codec.write(out, 0, v);
  return toHex(out);
}

describe('ipv4Codec', () => {
  it('reads and writes one address', () => {
    expect(ipv4Codec.read(fromHex('ffff0000')!, 0, 4)).toBe('255.255.0.0');
    expect(encode(ipv4Codec, '192.0.2.1')).toBe('c0000201');
  });
  it('reports any other length as malformed', () => {
    for (const hex of ['', 'ff', 'ffffff', 'ffffffff00', 'ffffffffffffffff'])
      expect(ipv4Codec.read(fromHex(hex)!, 0, hex.length / 2)).toBe(MALFORMED);
  });
  it('canonicalizes input and names the option in errors', () => {
    expect(ipv4Codec.normalize('010.0.0.1', 'server_id')).toBe('10.0.0.1');
    expect(() => ipv4Codec.normalize('10.0.0.256', 'server_id')).toThrow(DhcpOptionValueError);
    expect(() => ipv4Codec.normalize('10.0.0.256', 'server_id')).toThrow(
      /DHCP\.options\.server_id.*"10\.0\.0\.256"/,
    );
  });
});

describe('ipv4ListCodec', () => {
  it('reads lists, including the empty list', () => {
    expect(ipv4ListCodec.read(fromHex('0a0000010a000002')!, 0, 8)).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(ipv4ListCodec.read(new Uint8Array(0), 0, 0)).toEqual([]);
  });
  it('reports a length that is not a multiple of 4 as malformed', () => {
    expect(ipv4ListCodec.read(fromHex('0a00000102')!, 0, 5)).toBe(MALFORMED);
  });
  it('accepts one address or a list, and rejects anything else', () => {
    expect(ipv4ListCodec.normalize('192.0.2.1', 'router')).toEqual(['192.0.2.1']);
    expect(encode(ipv4ListCodec, ipv4ListCodec.normalize(['192.0.2.1', '192.0.2.2'], 'router'))).toBe(
      'c0000201c0000202',
    );
    expect(() => ipv4ListCodec.normalize(['192.0.2.1', 'x'], 'router')).toThrow(/options\.router/);
    expect(() => ipv4ListCodec.normalize(42 as never, 'router')).toThrow(DhcpOptionValueError);
  });
});
