import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { LiveLink } from '@wirecraft/capture';
import { type DhclientEvent, describeLab, type Lab, startDhclient } from '@wirecraft/lab';
import {
  createDhcpServer,
  type DhcpMessageSummary,
  type DhcpReservation,
  type DhcpServer,
  type DhcpServerEvent,
} from '../src/index.js';
import { hostInSubnet, openLabServer, closeLabServer } from './server-support/lab-server.js';

/**
 * dhclient restarted on its own lease file starts in INIT-REBOOT (RFC 2131 §4.3.2): a REQUEST with option 50,
 * no server id, ciaddr 0. Each case restarts it against a server that knows the lease, forgot it, reserves
 * another address for the client, or no longer has the address in its range.
 */
describeLab('our DHCP server and dhclient restarted on its lease file (INIT-REBOOT)', () => {
  let lab: Lab;
  let link: LiveLink;
  let server: DhcpServer | undefined;
  let events: DhcpServerEvent[] = [];
  let leaseFile: string;
  let firstAddress: string;

  beforeAll(async () => {
    const opened = await openLabServer('wc-dhclient-reboot', { leaseTime: 900 });
    ({ lab, link } = opened);
    await watch(opened.server).start();
  });

  afterAll(() => closeLabServer({ server, link, lab }));

  function watch(next: DhcpServer): DhcpServer {
    server = next;
    events = [];
    next.on((event) => events.push(event));
    return next;
  }

  /** Replaces the running server with a fresh one (nothing remembered) over the same link. */
  async function restartServer(
    range: [number, number],
    reservations: DhcpReservation[] = [],
  ): Promise<DhcpServer> {
    await server?.stop();
    const next = createDhcpServer({
      links: [link],
      serverId: lab.hostAddress,
      pools: [
        {
          subnet: lab.subnet,
          range: `${hostInSubnet(lab, range[0])}-${hostInSubnet(lab, range[1])}`,
          router: lab.hostAddress,
          leaseTime: 900,
        },
      ],
      reservations,
    });
    await watch(next).start();
    return next;
  }

  const received = (type: string): DhcpMessageSummary[] =>
    events.flatMap((e) => (e.type === 'received' && e.summary.messageType === type ? [e.summary] : []));
  const sent = (type: string): DhcpMessageSummary[] =>
    events.flatMap((e) => (e.type === 'sent' && e.summary.messageType === type ? [e.summary] : []));
  const leaseOf = (ip: string | undefined) => server?.leases().find((l) => l.address === ip);

  /** Runs dhclient on the shared lease file until it is bound (REBOOT or BOUND), then stops it without releasing. */
  async function dhclientUntilBound(
    config: string[] = [],
  ): Promise<{ bound: DhclientEvent; all: DhclientEvent[] }> {
    const client = startDhclient(lab, { leaseFile, config, timeoutSec: 20 });
    leaseFile = client.leaseFile;
    try {
      const bound = await client.waitForEvent(['BOUND', 'REBOOT'], 25_000);
      return { bound, all: client.events() };
    } finally {
      await client.stop();
    }
  }

  it('the server that granted the lease ACKs the INIT-REBOOT for the same address', async () => {
    const first = await dhclientUntilBound();
    expect(first.bound.reason).toBe('BOUND');
    firstAddress = first.bound.ip!;
    events = [];
    const again = await dhclientUntilBound();
    expect(again.bound).toMatchObject({ reason: 'REBOOT', ip: firstAddress, serverId: lab.hostAddress });
    expect(received('REQUEST')).toEqual([
      expect.objectContaining({ ciaddr: '0.0.0.0', requestedAddress: firstAddress, chaddr: lab.peerMac }),
    ]);
    expect(received('REQUEST')[0].serverId).toBeUndefined();
    expect(sent('ACK')).toEqual([expect.objectContaining({ yiaddr: firstAddress })]);
    expect(leaseOf(firstAddress)).toMatchObject({ state: 'bound', mac: lab.peerMac });
  });

  it('a server that forgot the lease stays silent; dhclient falls back to DISCOVER and gets the address back', async () => {
    await restartServer([100, 150]);
    const again = await dhclientUntilBound(['reboot 2;']);
    expect(again.bound).toMatchObject({ reason: 'BOUND', ip: firstAddress });
    expect(sent('NAK')).toEqual([]);
    expect(
      events.some((e) => e.type === 'ignored' && e.messageType === 'REQUEST' && /no record/.test(e.reason)),
    ).toBe(true);
    expect(leaseOf(firstAddress)).toMatchObject({ state: 'bound', mac: lab.peerMac });
  });

  it('a server holding a reservation for the client NAKs its old address; DISCOVER then gets the reserved one', async () => {
    const reserved = hostInSubnet(lab, 130);
    await restartServer([100, 150], [{ mac: lab.peerMac, address: reserved }]);
    const again = await dhclientUntilBound(['reboot 2;']);
    expect(again.bound).toMatchObject({ reason: 'BOUND', ip: reserved });
    expect(sent('NAK')).toEqual([expect.objectContaining({ chaddr: lab.peerMac, yiaddr: '0.0.0.0' })]);
    expect(leaseOf(reserved)).toMatchObject({ state: 'bound', mac: lab.peerMac });
    firstAddress = reserved;
  });

  it('after the range moved away from its address: no ACK for it, a new address from the new range', async () => {
    await restartServer([160, 170]);
    const again = await dhclientUntilBound(['reboot 2;']);
    const last = Number(again.bound.ip?.split('.')[3]);
    expect(again.bound.reason).toBe('BOUND');
    expect(last).toBeGreaterThanOrEqual(160);
    expect(last).toBeLessThanOrEqual(170);
    expect(sent('ACK').some((m) => m.yiaddr === firstAddress)).toBe(false);
    expect(leaseOf(again.bound.ip)).toMatchObject({ state: 'bound', mac: lab.peerMac });
  });
});
