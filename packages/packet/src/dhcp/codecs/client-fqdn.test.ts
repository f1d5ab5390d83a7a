import { describe, expect, it } from '@jest/globals';
import { fromHex, toHex } from '../../hex.js';
import { MALFORMED } from '../option-codec.js';
import { type ClientFqdn, clientFqdnCodec } from './client-fqdn.js';

const read = (hex: string) => clientFqdnCodec.read(fromHex(hex)!, 0, hex.length / 2);
function encode(v: ClientFqdn) {
  const out = new Uint8Array(clientFqdnCodec.length(v));
  clientFqdnCodec.write(out, 0, v);
  return toHex(out);
}
const ascii = (s: string) => toHex(new TextEncoder().encode(s));

describe('client FQDN (option 81, RFC 4702)', () => {
  it('reads and writes the ASCII form (flag E clear)', () => {
    const v = read(`000000${ascii('NicksMacBook')}`);
    expect(v).toEqual({ flags: 0, rcode1: 0, rcode2: 0, name: 'NicksMacBook' });
    expect(encode(v as ClientFqdn)).toBe(`000000${ascii('NicksMacBook')}`);
  });
  it('reads and writes the wire form (flag E): fully qualified names end with a dot', () => {
    const wire = '05ffff' + '04686f7374' + '076578616d706c65' + '036f7267' + '00';
    const v = read(wire);
    expect(v).toEqual({ flags: 5, rcode1: 255, rcode2: 255, name: 'host.example.org.' });
    expect(encode(v as ClientFqdn)).toBe(wire);
    const partial = read('0400000468' + '6f7374');
    expect(partial).toEqual({ flags: 4, rcode1: 0, rcode2: 0, name: 'host' });
    expect(encode(partial as ClientFqdn)).toBe('04000004686f7374');
    expect(read('04000000')).toEqual({ flags: 4, rcode1: 0, rcode2: 0, name: '.' });
    expect(read('040000')).toEqual({ flags: 4, rcode1: 0, rcode2: 0, name: '' });
  });
  it('reports what cannot be represented as malformed: short data, compression, cut labels, data after the root', () => {
    expect(read('0000')).toBe(MALFORMED);
    expect(read('040000c00c')).toBe(MALFORMED);
    expect(read('0400000568')).toBe(MALFORMED);
    expect(read('040000016100ff')).toBe(MALFORMED);
    expect(read('04000003612e62')).toBe(MALFORMED);
  });
  it('builds from input, with rcodes defaulting to 0, and rejects bad labels', () => {
    const v = clientFqdnCodec.normalize({ flags: 0x05, name: 'a.example.' }, 'client_FQDN');
    expect(encode(v)).toBe('05000001610765' + '78616d706c6500');
    expect(() => clientFqdnCodec.normalize({ flags: 4, name: 'a..b' }, 'client_FQDN')).toThrow(/empty label/);
    expect(() =>
      clientFqdnCodec.normalize({ flags: 4, name: `${'x'.repeat(64)}.org` }, 'client_FQDN'),
    ).toThrow(/longer than 63/);
    expect(() => clientFqdnCodec.normalize({ flags: 256, name: 'a' }, 'client_FQDN')).toThrow(/flags/);
  });
});
