import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { LiveLink } from '@wirecraft/capture';
import { describeLab, type Lab, startDhclient } from '@wirecraft/lab';
import type { DhcpMessageSummary, DhcpServer, IgnoredEvent, LeaseEvent } from '../src/index.js';
import { openLabServer, closeLabServer, leaseAt } from './server-support/lab-server.js';

// T1 of 3 s makes dhclient renew by itself a few seconds after BOUND (it adds some randomness to T1:
// about 3.2 s here); T2 and the lease stay far enough out that a RENEW, not a REBIND, is what we see.
const leaseTime = 30;
const renewalTime = 3;
const rebindingTime = 20;

describeLab('our DHCP server with ISC dhclient: lease, renewal at T1, release', () => {
  let lab: Lab;
  let link: LiveLink;
  let server: DhcpServer;
  const leaseEvents: LeaseEvent[] = [];
  const ignored: IgnoredEvent[] = [];
  const received: DhcpMessageSummary[] = [];
  const sent: DhcpMessageSummary[] = [];

  beforeAll(async () => {
    // dhclient unicasts RENEW and RELEASE to the server id through a UDP socket: openLabServer brings the
    // host address up so the server id answers ARP.
    ({ lab, link, server } = await openLabServer('wc-dhclient', { leaseTime, renewalTime, rebindingTime }));
    server.on((event) => {
      if (event.type === 'lease') leaseEvents.push(event);
      if (event.type === 'ignored') ignored.push(event);
      if (event.type === 'received') received.push(event.summary);
      if (event.type === 'sent') sent.push(event.summary);
    });
    await server.start();
  });

  afterAll(() => closeLabServer({ server, link, lab }));

  const leaseOf = (ip: string | undefined) => leaseAt(server, ip);
  const actionsOn = (ip: string | undefined): string[] =>
    leaseEvents.filter((e) => e.lease.address === ip).map((e) => e.action);

  it('binds with the configured options, renews at T1 (server extends the lease), then releases it', async () => {
    const client = startDhclient(lab, { hostname: 'isc' });
    try {
      const bound = await client.waitForEvent('BOUND', 20_000);
      expect(bound).toMatchObject({
        subnetMask: '255.255.255.0',
        routers: [lab.hostAddress],
        dns: ['198.18.0.53', '198.18.0.54'],
        domain: 'lab.test',
        leaseTime,
        serverId: lab.hostAddress,
      });
      const granted = leaseOf(bound.ip);
      expect(granted).toMatchObject({ state: 'bound', mac: lab.peerMac, hostname: 'isc' });
      expect(granted!.expiresAt - granted!.startedAt).toBe(leaseTime * 1000);
      expect(actionsOn(bound.ip)).toEqual(['offered', 'bound']);

      const boundIndex = client.events().indexOf(bound);
      const renewed = await client.waitForEvent(['RENEW', 'REBIND'], 20_000, boundIndex + 1);
      expect(renewed).toMatchObject({ reason: 'RENEW', ip: bound.ip, leaseTime, serverId: lab.hostAddress });
      const extended = leaseOf(bound.ip)!;
      expect(extended).toMatchObject({ state: 'bound', mac: lab.peerMac, clientKey: granted!.clientKey });
      expect(extended.startedAt).toBeGreaterThan(granted!.startedAt);
      expect(extended.expiresAt).toBeGreaterThan(granted!.expiresAt);
      expect(extended.expiresAt - extended.startedAt).toBe(leaseTime * 1000);
      expect(actionsOn(bound.ip)).toEqual(['offered', 'bound', 'renewed']);
      // RENEWING as RFC 2131 §4.3.2 has it: unicast to the server, ciaddr filled, no server id or requested address.
      // No srcIp check: dhclient's unicast socket is unbound and the script configures nothing, so the kernel
      // sends from the peer's own address; what the server must go by is ciaddr.
      const renewals = received.filter((m) => m.messageType === 'REQUEST' && m.ciaddr !== '0.0.0.0');
      expect(renewals).toHaveLength(1);
      expect(renewals[0]).toMatchObject({
        chaddr: lab.peerMac,
        ciaddr: bound.ip,
        dstIp: lab.hostAddress,
      });
      expect(renewals[0].serverId).toBeUndefined();
      expect(renewals[0].requestedAddress).toBeUndefined();
      // dhclient keeps one xid for the whole lease, so the renewal's answer is the last reply with it.
      expect(sent.filter((m) => m.xid === renewals[0].xid).at(-1)).toMatchObject({
        messageType: 'ACK',
        yiaddr: bound.ip,
        dstIp: bound.ip,
      });

      const released = await client.release();
      expect(released.code).toBe(0);
      expect(released.events.map((e) => e.reason)).toEqual(['RELEASE']);
      const deadline = Date.now() + 5_000;
      while (leaseOf(bound.ip)?.state === 'bound' && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(leaseOf(bound.ip)).toMatchObject({ state: 'released', clientKey: granted!.clientKey });
      expect(actionsOn(bound.ip)).toEqual(['offered', 'bound', 'renewed', 'released']);
      expect(received.filter((m) => m.messageType === 'RELEASE')).toEqual([
        expect.objectContaining({
          chaddr: lab.peerMac,
          ciaddr: bound.ip,
          dstIp: lab.hostAddress,
          serverId: lab.hostAddress,
        }),
      ]);
      // Every request dhclient sent was one the server acted on.
      expect(ignored.filter((e) => e.chaddr === lab.peerMac)).toEqual([]);
    } finally {
      await client.stop();
    }
  });
});
