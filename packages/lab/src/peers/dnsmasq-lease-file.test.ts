import { describe, expect, it } from '@jest/globals';
import { parseDnsmasqLeases } from './dnsmasq-lease-file.js';

describe('parseDnsmasqLeases', () => {
  it('reads expiry, MAC, address, hostname and client id, with * as absent and 0 as infinite', () => {
    const text = [
      '1795339147 02:77:63:01:79:02 198.19.121.16 tryhost 01:02:77:63:01:79:02',
      '0 02:00:00:00:00:05 198.18.3.5 * *',
      '',
    ].join('\n');
    expect(parseDnsmasqLeases(text)).toEqual([
      {
        expiry: new Date(1_795_339_147_000),
        mac: '02:77:63:01:79:02',
        ip: '198.19.121.16',
        hostname: 'tryhost',
        clientId: '01:02:77:63:01:79:02',
      },
      { expiry: null, mac: '02:00:00:00:00:05', ip: '198.18.3.5', hostname: undefined, clientId: undefined },
    ]);
  });

  it('skips the DHCPv6 duid line and anything malformed', () => {
    expect(parseDnsmasqLeases('duid 00:01:00:01\nnot a lease\n')).toEqual([]);
  });
});
