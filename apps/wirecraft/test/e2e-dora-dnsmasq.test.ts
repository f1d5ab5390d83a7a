import { expect, it } from '@jest/globals';
import { createLab, describeLab, startDnsmasq } from '@wirecraft/lab';
import { jsonLines, startWirecraft } from './run-wirecraft.js';

describeLab('wirecraft dora --iface gets a lease from dnsmasq in a namespace', () => {
  it('runs DORA on the host end of a veth, prints one JSON line per event and exits 0 with the lease', async () => {
    const lab = await createLab({ name: 'appdora' });
    try {
      const base = lab.peerAddress.replace(/\.1$/, '');
      const dnsmasq = await startDnsmasq(lab, {
        rangeStart: `${base}.50`,
        rangeEnd: `${base}.60`,
        router: lab.peerAddress,
        dns: lab.peerAddress,
        leaseTime: 600,
      });
      const run = startWirecraft([
        'dora',
        '--iface',
        lab.hostIface,
        '--hostname',
        'wcdora',
        '--timeout',
        '40',
      ]);
      const code = await run.exited;
      // The cap addon itself warns that the veth end has no IPv4 address; nothing of ours may appear.
      expect(run.stderr()).not.toContain('wirecraft');
      expect(code).toBe(0);
      const lines = jsonLines(run.stdout());
      expect(lines[0]).toMatchObject({
        type: 'setup',
        link: lab.hostIface,
        mac: lab.hostMac,
        embedded: false,
      });
      const messages = lines
        .filter((l) => l.type === 'sent' || l.type === 'received')
        .map((l) => l.messageType);
      expect(messages).toEqual(['DISCOVER', 'OFFER', 'REQUEST', 'ACK']);
      const result = lines.at(-1);
      expect(result).toMatchObject({
        type: 'result',
        ok: true,
        lease: {
          serverId: lab.peerAddress,
          routers: [lab.peerAddress],
          dnsServers: [lab.peerAddress],
          leaseTime: 600,
        },
      });
      const address = (result as { lease: { address: string } }).lease.address;
      expect(address).toMatch(new RegExp(`^${base.replaceAll('.', '\\.')}\\.(5\\d|60)$`));
      // dnsmasq itself recorded the lease for our MAC and hostname.
      expect(await dnsmasq.readLeases()).toContainEqual(
        expect.objectContaining({ ip: address, mac: lab.hostMac, hostname: 'wcdora' }),
      );
    } finally {
      await lab.close();
    }
  }, 120_000);
});
