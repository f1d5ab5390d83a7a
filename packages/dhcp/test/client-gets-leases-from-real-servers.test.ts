import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { type LiveLink, openLiveLink } from '@wirecraft/capture';
import { createLab, describeLab, type Lab, startDnsmasq } from '@wirecraft/lab';
import { createDhcpClient, type DhcpClientEvent } from '../src/index.js';

// ARP too: the client answers who-has for its leased address so the server can unicast the renewal ACK.
const FILTER = 'arp or udp port 67 or udp port 68';

async function waitForNextSecond(after: number): Promise<void> {
  while (Math.floor(Date.now() / 1000) <= after) await new Promise((resolve) => setTimeout(resolve, 20));
}

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

  it('obtains, renews (unicast) and releases a lease; dnsmasq lease file follows each step', async () => {
    const net = lab.peerAddress.split('.').slice(0, 3).join('.');
    const dnsmasq = await startDnsmasq(lab, {
      rangeStart: `${net}.50`,
      rangeEnd: `${net}.60`,
      router: lab.peerAddress,
    });
    const client = createDhcpClient({ link, mac: '02:00:00:00:10:01', hostname: 'wirecraft-test' });
    const events: DhcpClientEvent[] = [];
    client.on((event) => events.push(event));
    try {
      const lease = await client.obtain();
      expect(lease.address).toMatch(new RegExp(`^${net.replaceAll('.', '\\.')}\\.(5\\d|60)$`));
      expect(lease.serverId).toBe(lab.peerAddress);
      expect(lease.routers).toEqual([lab.peerAddress]);
      const leases = await dnsmasq.readLeases();
      expect(leases).toEqual(
        expect.arrayContaining([expect.objectContaining({ ip: lease.address, mac: '02:00:00:00:10:01' })]),
      );
      const obtainedExpiry = leases.find((l) => l.ip === lease.address)?.expiry?.getTime() ?? 0;
      // dnsmasq stores expiry in whole seconds: renew in a later second so a moved expiry is visible.
      await waitForNextSecond(Math.floor(Date.now() / 1000));
      const renewed = await client.renew();
      expect(renewed.address).toBe(lease.address);
      expect(client.state).toBe('BOUND');
      const ack = events.findLast((e) => e.type === 'received');
      expect(ack?.type === 'received' && ack.summary).toMatchObject({
        messageType: 'ACK',
        dstIp: lease.address,
        dstMac: '02:00:00:00:10:01',
      });
      expect(events.some((e) => e.type === 'arp-answered' && e.address === lease.address)).toBe(true);
      const renewedLeases = await dnsmasq.readLeases();
      const renewedExpiry = renewedLeases.find((l) => l.ip === lease.address)?.expiry?.getTime() ?? 0;
      expect(renewedExpiry).toBeGreaterThan(obtainedExpiry);
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
