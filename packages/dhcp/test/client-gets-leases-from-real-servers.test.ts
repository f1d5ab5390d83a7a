import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { type LiveLink, openLiveLink } from '@wirecraft/capture';
import { createLab, describeLab, type Lab, startDnsmasq } from '@wirecraft/lab';
import { createDhcpClient } from '../src/index.js';

const FILTER = 'udp port 67 or udp port 68';

describeLab('our client on a veth against dnsmasq', () => {
  let lab: Lab;
  let link: LiveLink;
  beforeAll(async () => {
    lab = await createLab();
    link = await openLiveLink({ iface: lab.hostIface, filter: FILTER });
  }, 30_000);
  afterAll(async () => {
    await link?.close();
    await lab?.close();
  });

  it('obtains and releases a lease that dnsmasq records in its lease file', async () => {
    const net = lab.peerAddress.split('.').slice(0, 3).join('.');
    const dnsmasq = await startDnsmasq(lab, {
      rangeStart: `${net}.50`,
      rangeEnd: `${net}.60`,
      router: lab.peerAddress,
    });
    const client = createDhcpClient({ link, mac: '02:00:00:00:10:01', hostname: 'wirecraft-test' });
    try {
      const lease = await client.obtain();
      expect(lease.address).toMatch(new RegExp(`^${net.replaceAll('.', '\\.')}\\.(5\\d|60)$`));
      expect(lease.serverId).toBe(lab.peerAddress);
      expect(lease.routers).toEqual([lab.peerAddress]);
      const leases = await dnsmasq.readLeases();
      expect(leases).toEqual(
        expect.arrayContaining([expect.objectContaining({ ip: lease.address, mac: '02:00:00:00:10:01' })]),
      );
      // Renewal is not tested here: dnsmasq unicasts the renewal ACK to ciaddr at IP level, which needs our
      // side to answer ARP for the leased address (not implemented yet).
      await client.release();
      // dnsmasq rewrites the file after the release; give it a moment without assuming a duration.
      let after = await dnsmasq.readLeases();
      for (let i = 0; i < 50 && after.some((l) => l.ip === lease.address); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        after = await dnsmasq.readLeases();
      }
      expect(after.some((l) => l.ip === lease.address)).toBe(false);
    } finally {
      await client.stop();
      await dnsmasq.stop();
    }
  }, 30_000);
});
