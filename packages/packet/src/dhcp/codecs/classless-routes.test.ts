import { describe, expect, it } from '@jest/globals';
import { fromHex, toHex } from '../../hex.js';
import { MALFORMED } from '../option-codec.js';
import { type ClasslessRoute, classlessRoutesCodec } from './classless-routes.js';

const read = (hex: string) => classlessRoutesCodec.read(fromHex(hex)!, 0, hex.length / 2);
function encode(routes: ClasslessRoute[]) {
  const out = new Uint8Array(classlessRoutesCodec.length(routes));
  classlessRoutesCodec.write(out, 0, routes);
  return toHex(out);
}

describe('classless static routes (RFC 3442: options 121 and 249)', () => {
  it('compresses the network to its significant octets (the RFC 3442 §3 examples)', () => {
    const routes = classlessRoutesCodec.normalize(
      ['10.17.0.0/16:10.0.0.1', { network: '0.0.0.0/0', router: '10.0.0.1' }, '10.27.129.0/24:10.0.0.2'],
      'classless_static_routes',
    );
    expect(encode(routes)).toBe('100a110a000001' + '000a000001' + '180a1b810a000002');
    expect(read('100a110a000001000a000001180a1b810a000002')).toEqual(routes);
  });
  it('handles every prefix length, 0 to 32', () => {
    for (let prefix = 0; prefix <= 32; prefix++) {
      const octets = Math.ceil(prefix / 8);
      const network = ['198', '18', '7', '9'].map((o, i) => (i < octets ? o : '0')).join('.');
      const routes = [{ network: `${network}/${prefix}`, router: '198.18.0.1' }];
      const norm = classlessRoutesCodec.normalize(routes, 'classless_static_routes');
      expect(read(encode(norm))).toEqual(norm);
      expect(encode(norm).length / 2).toBe(1 + octets + 4);
    }
  });
  it('keeps host bits inside the significant octets, so dissected routes rebuild identically', () => {
    const routes = read('09c0ff0a000001');
    expect(routes).toEqual([{ network: '192.255.0.0/9', router: '10.0.0.1' }]);
    expect(encode(routes as ClasslessRoute[])).toBe('09c0ff0a000001');
  });
  it('reports a prefix over 32 as malformed, without looping (scapy 2.5 hangs here)', () => {
    expect(read('21ff')).toBe(MALFORMED);
    expect(read('2100000000000000000000')).toBe(MALFORMED);
    expect(read('ff')).toBe(MALFORMED);
  });
  it('reports a route cut short as malformed, and the empty option as no routes', () => {
    expect(read('180a1b810a0000')).toBe(MALFORMED);
    expect(read('18')).toBe(MALFORMED);
    expect(read('')).toEqual([]);
  });
  it('rejects bad input with the option name and the value', () => {
    expect(() => classlessRoutesCodec.normalize(['10.0.0.0/33:10.0.0.1'], 'classless_static_routes')).toThrow(
      /classless_static_routes.*"10\.0\.0\.0\/33:10\.0\.0\.1"/,
    );
    expect(() => classlessRoutesCodec.normalize(['10.1.0.0/8:10.0.0.1'], 'classless_static_routes')).toThrow(
      /must be 0 for a \/8 route/,
    );
    expect(() => classlessRoutesCodec.normalize(['10.0.0.0/8'], 'x')).toThrow(/a\.b\.c\.d\/len:router/);
    expect(() => classlessRoutesCodec.normalize([{ network: '10.0.0.0/8' }] as never, 'x')).toThrow(/router/);
  });
});
