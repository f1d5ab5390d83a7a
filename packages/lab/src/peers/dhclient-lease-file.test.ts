import { describe, expect, it } from '@jest/globals';
import { parseDhclientLeases } from './dhclient-lease-file.js';

describe('parseDhclientLeases', () => {
  it('reads every lease block with its options and times', () => {
    const text = `lease {
  interface "wc1h";
  fixed-address 198.18.9.10;
  option subnet-mask 255.255.255.0;
  option routers 198.18.9.1;
  option dhcp-lease-time 600;
  option domain-name "lab.test";
  renew 0 2026/11/22 08:25:15;
  rebind 0 2026/11/22 08:28:15;
  expire 0 2026/11/22 08:30:15;
}
lease {
  interface "wc1h";
  fixed-address 198.18.9.11;
}
`;
    const leases = parseDhclientLeases(text);
    expect(leases).toHaveLength(2);
    expect(leases[0]).toEqual({
      interface: 'wc1h',
      fixedAddress: '198.18.9.10',
      options: {
        'subnet-mask': '255.255.255.0',
        routers: '198.18.9.1',
        'dhcp-lease-time': '600',
        'domain-name': 'lab.test',
      },
      renew: '0 2026/11/22 08:25:15',
      rebind: '0 2026/11/22 08:28:15',
      expire: '0 2026/11/22 08:30:15',
    });
    expect(leases[1].fixedAddress).toBe('198.18.9.11');
  });

  it('returns nothing for a file without lease blocks', () => {
    expect(parseDhclientLeases('# empty\n')).toEqual([]);
  });
});
