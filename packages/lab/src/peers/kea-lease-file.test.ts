import { describe, expect, it } from '@jest/globals';
import { parseKeaLeases } from './kea-lease-file.js';

const header =
  'address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context';

describe('parseKeaLeases', () => {
  it('keeps the last row of each address and decodes the columns by header name', () => {
    const csv = [
      header,
      '198.18.5.10,02:77:63:00:05:02,01:02:77:63:00:05:02,600,1700000600,1,0,0,,0,',
      '198.18.5.10,02:77:63:00:05:02,01:02:77:63:00:05:02,600,1700000900,1,0,0,host&#x2cone,0,',
      '198.18.5.11,02:00:00:00:00:09,,600,1700000700,1,0,0,,1,',
      '',
    ].join('\n');
    expect(parseKeaLeases(csv)).toEqual([
      {
        ip: '198.18.5.10',
        mac: '02:77:63:00:05:02',
        clientId: '01:02:77:63:00:05:02',
        validLifetime: 600,
        expiry: new Date(1_700_000_900_000),
        subnetId: 1,
        hostname: 'host,one',
        state: 0,
      },
      {
        ip: '198.18.5.11',
        mac: '02:00:00:00:00:09',
        clientId: undefined,
        validLifetime: 600,
        expiry: new Date(1_700_000_700_000),
        subnetId: 1,
        hostname: undefined,
        state: 1,
      },
    ]);
  });

  it('drops an address whose last row has a zero lifetime (released)', () => {
    const csv = [
      header,
      '198.18.5.10,02:00:00:00:00:01,,600,1700000600,1,0,0,,0,',
      '198.18.5.10,02:00:00:00:00:01,,0,1700000100,1,0,0,,0,',
    ].join('\n');
    expect(parseKeaLeases(csv)).toEqual([]);
  });

  it('returns nothing for an empty file', () => {
    expect(parseKeaLeases('')).toEqual([]);
  });
});
