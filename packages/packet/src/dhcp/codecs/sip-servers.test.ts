import { describe, expect, it } from '@jest/globals';
import { fromHex, toHex } from '../../hex.js';
import { DhcpOptionValueError, MALFORMED } from '../option-codec.js';
import { sipServersCodec } from './sip-servers.js';

const wire = (input: Parameters<typeof sipServersCodec.normalize>[0]) => {
  const value = sipServersCodec.normalize(input, 'sip-servers');
  const out = new Uint8Array(sipServersCodec.length(value));
  sipServersCodec.write(out, 0, value);
  return toHex(out);
};
const read = (hex: string) => {
  const bytes = fromHex(hex)!;
  return sipServersCodec.read(bytes, 0, bytes.length);
};

describe('sip-servers (120, RFC 3361)', () => {
  it('enc 0: names, compressed, pointers counted from after the encoding byte', () => {
    const hex = '00' + '03736970076578616d706c6503636f6d00' + '0473697032c004';
    expect(wire({ names: ['sip.example.com', 'sip2.example.com'] })).toBe(hex);
    expect(read(hex)).toEqual({ names: ['sip.example.com', 'sip2.example.com'] });
  });
  it('enc 1: IPv4 addresses', () => {
    expect(wire({ addresses: ['198.18.0.5', '198.18.0.6'] })).toBe('01c6120005c6120006');
    expect(read('01c6120005')).toEqual({ addresses: ['198.18.0.5'] });
  });
  it('a plain list is addresses when every item is one, else names', () => {
    expect(sipServersCodec.normalize(['198.18.0.5'], 'sip-servers')).toEqual({ addresses: ['198.18.0.5'] });
    expect(sipServersCodec.normalize(['sip.example.com.'], 'sip-servers')).toEqual({
      names: ['sip.example.com'],
    });
  });
  it('refuses unknown encodings, partial addresses and bad names as MALFORMED', () => {
    expect(read('02c6120005')).toBe(MALFORMED);
    expect(read('01c61200')).toBe(MALFORMED);
    expect(read('00c000')).toBe(MALFORMED);
    expect(read('')).toBe(MALFORMED);
  });
  it('refuses both kinds at once, naming the rule', () => {
    expect(() =>
      sipServersCodec.normalize({ names: ['a'], addresses: ['198.18.0.1'] } as never, 'sip-servers'),
    ).toThrow(DhcpOptionValueError);
    expect(() => sipServersCodec.normalize({ addresses: ['300.1.1.1'] }, 'sip-servers')).toThrow(
      /expected an IPv4 address/,
    );
  });
});
