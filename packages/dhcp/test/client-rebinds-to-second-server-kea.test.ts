import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { LiveLink } from '@wirecraft/capture';
import { describeLab, type Lab, startDnsmasq, startKea } from '@wirecraft/lab';
import { type DhcpClientEvent, type DhcpLease, NakError, NoResponseError } from '../src/index.js';
import { openClientLab, recordedClients } from './client-support/client-lab.js';

describeLab('our client against kea-dhcp4: short leases, the renewing server gone, a second server', () => {
  let lab: Lab;
  let link: LiveLink;
  let net: string;
  const clients = recordedClients(() => link);
  const client = clients.make;

  beforeAll(async () => {
    ({ lab, link, net } = await openClientLab('wc-cli-kea'));
  }, 30_000);

  afterAll(async () => {
    await clients.stopAll();
    await link?.close();
    await lab?.close();
  });

  const nextLease = (events: DhcpClientEvent[], kind: string, from: number, timeoutMs: number) =>
    new Promise<DhcpLease>((resolve, reject) => {
      const deadline = Date.now() + timeoutMs;
      const poll = () => {
        const found = events.slice(from).find((e) => e.type === 'lease' && e.kind === kind);
        if (found?.type === 'lease') resolve(found.lease);
        else if (Date.now() > deadline) reject(new Error(`no '${kind}' lease event within ${timeoutMs} ms`));
        else setTimeout(poll, 20);
      };
      poll();
    });

  it('option 50 and identity: kea grants a free requested address, records client id and hostname', async () => {
    const kea = await startKea(lab, { pool: `${net}.50 - ${net}.60`, leaseTime: 600 });
    try {
      const mac = '02:00:00:00:21:01';
      const { client: c } = client(mac, {
        requestedAddress: `${net}.57`,
        clientId: Uint8Array.of(0xff, 0xab, 0xcd, 0x01),
        hostname: 'wc-kea-ident',
      });
      const lease = await c.obtain();
      expect(lease.address).toBe(`${net}.57`);
      const taken = client('02:00:00:00:21:02', { requestedAddress: `${net}.57` });
      const other = await taken.client.obtain();
      expect(other.address).not.toBe(`${net}.57`);
      const leases = await kea.readLeases();
      expect(leases.find((l) => l.ip === `${net}.57`)).toMatchObject({
        mac,
        clientId: 'ff:ab:cd:01',
        hostname: 'wc-kea-ident',
      });
      expect(leases.find((l) => l.ip === other.address)).toMatchObject({ mac: '02:00:00:00:21:02' });
    } finally {
      await kea.stop();
    }
  });

  it('INIT-REBOOT against kea (not authoritative): silence for an unknown address, NAK for an address another client holds, ACK for its own', async () => {
    const kea = await startKea(lab, { pool: `${net}.50 - ${net}.60`, leaseTime: 600 });
    try {
      const holder = client('02:00:00:00:21:04');
      const held = await holder.client.obtain();
      const { client: c, events } = client('02:00:00:00:21:05');
      // Another subnet, and a free address of this one kea has no lease for: kea says nothing (RFC 2131 §4.3.2).
      await expect(c.reboot('198.19.254.9')).rejects.toThrow(NoResponseError);
      await expect(c.reboot(`${net}.59`)).rejects.toThrow(NoResponseError);
      const own = await c.obtain();
      await expect(c.reboot(held.address)).rejects.toThrow(NakError);
      expect(c.state).toBe('INIT');
      expect(events.filter((e) => e.type === 'nak')).toEqual([
        expect.objectContaining({ serverId: lab.peerAddress }),
      ]);
      const rebooted = await c.reboot(own.address);
      expect(rebooted).toMatchObject({ address: own.address, serverId: lab.peerAddress, leaseTime: 600 });
      const leases = await kea.readLeases();
      expect(leases.find((l) => l.ip === held.address)?.mac).toBe('02:00:00:00:21:04');
      expect(leases.find((l) => l.ip === own.address)?.mac).toBe('02:00:00:00:21:05');
      expect(leases.some((l) => l.ip === `${net}.59`)).toBe(false);
    } finally {
      await kea.stop();
    }
  });

  it('keeps a 6 s lease through T1 renewals, then rebinds to a second server once the first is gone', async () => {
    const first = await startKea(lab, {
      pool: `${net}.50 - ${net}.60`,
      leaseTime: 6,
      renewTimer: 2,
      rebindTimer: 4,
    });
    const mac = '02:00:00:00:21:03';
    const { client: c, events } = client(mac);
    let bound: Promise<void> | undefined;
    try {
      const lease = await c.obtain();
      expect(lease).toMatchObject({
        serverId: lab.peerAddress,
        leaseTime: 6,
        renewalTime: 2,
        rebindingTime: 4,
      });
      bound = c.runBound();
      const renewed = await nextLease(events, 'renewed', 0, 10_000);
      expect(renewed).toMatchObject({ address: lease.address, serverId: lab.peerAddress });
      await first.stop();
      // The second server answers from another address of the same segment; it has never seen this client.
      const secondId = `${net}.3`;
      await lab.exec(['ip', 'addr', 'flush', 'dev', lab.peerIface]);
      await lab.exec(['ip', 'addr', 'add', `${secondId}/24`, 'dev', lab.peerIface]);
      const second = await startKea(lab, { pool: `${net}.50 - ${net}.60`, leaseTime: 20 });
      try {
        const from = events.length;
        const rebound = await nextLease(events, 'rebound', from, 15_000);
        expect(rebound).toMatchObject({ address: lease.address, serverId: secondId, leaseTime: 20 });
        expect(await second.readLeases()).toContainEqual(expect.objectContaining({ ip: lease.address, mac }));
        // From now on the client renews with the server that rebound it.
        const next = await nextLease(events, 'renewed', events.length, 15_000);
        expect(next).toMatchObject({ address: lease.address, serverId: secondId });
        expect(events.filter((e) => e.type === 'lease' && e.kind === 'lost')).toEqual([]);
      } finally {
        await second.stop();
      }
    } finally {
      await c.stop();
      await bound;
      await first.stop();
    }
  }, 45_000);

  it('loses the lease when the only server left at T2 refuses it (authoritative dnsmasq, other range), then leases there', async () => {
    const first = await startKea(lab, {
      pool: `${net}.50 - ${net}.60`,
      leaseTime: 6,
      renewTimer: 2,
      rebindTimer: 4,
    });
    const { client: c, events } = client('02:00:00:00:21:06');
    let bound: Promise<void> | undefined;
    try {
      const lease = await c.obtain();
      await first.stop();
      const refuserId = `${net}.4`;
      await lab.exec(['ip', 'addr', 'flush', 'dev', lab.peerIface]);
      await lab.exec(['ip', 'addr', 'add', `${refuserId}/24`, 'dev', lab.peerIface]);
      const refuser = await startDnsmasq(lab, {
        rangeStart: `${net}.70`,
        rangeEnd: `${net}.80`,
        leaseTime: 120,
      });
      try {
        bound = c.runBound();
        await expect(bound).rejects.toThrow(NakError);
        expect(c.state).toBe('INIT');
        expect(events.find((e) => e.type === 'nak')).toMatchObject({ serverId: refuserId });
        expect(events.filter((e) => e.type === 'lease' && e.kind === 'lost')).toEqual([
          expect.objectContaining({ lease: expect.objectContaining({ address: lease.address }) }),
        ]);
        const fresh = await c.obtain();
        expect(fresh.serverId).toBe(refuserId);
        expect(await refuser.readLeases()).toEqual([
          expect.objectContaining({ ip: fresh.address, mac: '02:00:00:00:21:06' }),
        ]);
      } finally {
        await refuser.stop();
      }
    } finally {
      await c.stop();
      await bound?.catch(() => undefined);
      await first.stop();
    }
  }, 30_000);
});
