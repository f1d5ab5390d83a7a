import { describe, expect, it } from '@jest/globals';
import { fromHex, toHex } from '../../hex.js';
import { MALFORMED } from '../option-codec.js';
import { type ClientId, clientIdCodec } from './client-id.js';

const read = (hex: string) => clientIdCodec.read(fromHex(hex)!, 0, hex.length / 2);
function encode(v: ClientId) {
  const out = new Uint8Array(clientIdCodec.length(v));
  clientIdCodec.write(out, 0, v);
  return toHex(out);
}

describe('client identifier (option 61)', () => {
  it('shows an Ethernet identifier as a MAC and keeps others as bytes', () => {
    expect(read('01000b8201fc42')).toEqual({ type: 1, id: '00:0b:82:01:fc:42' });
    const duid = read('ff15bda862000300011c0415bda862') as ClientId;
    expect(duid.type).toBe(255);
    expect(toHex(duid.id as Uint8Array)).toBe('15bda862000300011c0415bda862');
    expect(encode(duid)).toBe('ff15bda862000300011c0415bda862');
    const text = read('006e617468616e') as ClientId;
    expect(text.type).toBe(0);
  });
  it('reports fewer than 2 bytes as malformed', () => {
    expect(read('')).toBe(MALFORMED);
    expect(read('01')).toBe(MALFORMED);
  });
  it('accepts a MAC string, { type, id } or raw bytes with the type byte', () => {
    expect(clientIdCodec.normalize('02:00:00:00:00:01', 'client_id')).toEqual({
      type: 1,
      id: '02:00:00:00:00:01',
    });
    expect(encode(clientIdCodec.normalize({ type: 1, id: '02:00:00:00:00:01' }, 'client_id'))).toBe(
      '01020000000001',
    );
    expect(clientIdCodec.normalize({ type: 1, id: fromHex('020000000001')! }, 'client_id')).toEqual({
      type: 1,
      id: '02:00:00:00:00:01',
    });
    expect(encode(clientIdCodec.normalize(fromHex('0061626364')!, 'client_id'))).toBe('0061626364');
    expect(() => clientIdCodec.normalize('not a mac', 'client_id')).toThrow(/client_id/);
    expect(() => clientIdCodec.normalize({ type: 300, id: 'x' } as never, 'client_id')).toThrow(/type/);
    expect(() => clientIdCodec.normalize(Uint8Array.of(1), 'client_id')).toThrow(/type byte/);
  });
});
