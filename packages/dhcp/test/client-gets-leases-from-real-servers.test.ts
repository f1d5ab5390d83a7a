import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { type LiveLink, openLiveLink } from '@wirecraft/capture';
import { createLab, describeLab, type Lab, startDnsmasq, startKea } from '@wirecraft/lab';
import { createDhcpClient, type DhcpClientEvent } from '../src/index.js';

// ARP too: the client answers who-has for its leased address so the server can unicast the renewal ACK.
const FILTER = 'arp or udp port 67 or udp port 68';

/** A fresh lab and a live link on its host side for the enclosing describe block, closed after it. */
function labWithLink(): { readonly lab: Lab; readonly link: LiveLink } {
  let lab: Lab | undefined;
  let link: LiveLink | undefined;
  beforeAll(async () => {
    lab = await createLab();
    link = await openLiveLink({ iface: lab.hostIface, filter: FILTER });
  }, 30_000);
  afterAll(async () => {
    await link?.close();
    await lab?.close();
  });
  const opened = <T>(thing: T | undefined): T => {
    if (thing === undefined) throw new Error('the lab did not open: see the beforeAll failure');
    return thing;
  };
  return {
    get lab() {
      return opened(lab);
    },
    get link() {
      return opened(link);
    },
  };
}

/** Reads until `done` holds, at most 50 more times 20 ms apart; returns the last read either way. */
async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let i = 0; i < 50 && !done(value); i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    value = await read();
  }
  return value;
}

async function waitForNextSecond(after: number): Promise<void> {
  while (Math.floor(Date.now() / 1000) <= after) await new Promise((resolve) => setTimeout(resolve, 20));
}

describeLab('our client on a veth against dnsmasq', () => {
  const fixture = labWithLink();

  it('obtains, renews (unicast) and releases a lease; dnsmasq lease file follows each step', async () => {
    const { lab, link } = fixture;
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
      // dnsmasq rewrites its lease file after it sends the ACK: poll (bounded) rather than read once.
      const expiryOf = async () =>
        (await dnsmasq.readLeases()).find((l) => l.ip === lease.address)?.expiry?.getTime() ?? 0;
      const renewedExpiry = await pollUntil(expiryOf, (expiry) => expiry > obtainedExpiry);
      expect(renewedExpiry).toBeGreaterThan(obtainedExpiry);
      await client.release();
      // dnsmasq rewrites the file after the release; give it a moment without assuming a duration.
      const after = await pollUntil(
        () => dnsmasq.readLeases(),
        (leases) => !leases.some((l) => l.ip === lease.address),
      );
      expect(after.some((l) => l.ip === lease.address)).toBe(false);
    } finally {
      await client.stop();
      await dnsmasq.stop();
    }
  }, 30_000);
});

/** Every row of kea's memfile journal for `ip`, oldest first (readLeases() keeps only the last one). */
async function keaRows(
  leaseFile: string,
  ip: string,
): Promise<{ validLifetime: number; expire: number; state: number }[]> {
  const [header, ...rows] = (await readFile(leaseFile, 'utf8')).split('\n').filter((line) => line !== '');
  const columns = header.split(',');
  const at = (name: string) => columns.indexOf(name);
  return rows
    .map((row) => row.split(','))
    .filter((cells) => cells[at('address')] === ip)
    .map((cells) => ({
      validLifetime: Number(cells[at('valid_lifetime')]),
      expire: Number(cells[at('expire')]),
      state: Number(cells[at('state')]),
    }));
}

describeLab('our client on a veth against kea-dhcp4', () => {
  const fixture = labWithLink();

  it('obtains, renews and releases a lease; kea memfile journal records each step', async () => {
    const { lab, link } = fixture;
    const net = lab.peerAddress.split('.').slice(0, 3).join('.');
    const kea = await startKea(lab, {
      pool: `${net}.50 - ${net}.60`,
      router: lab.peerAddress,
      leaseTime: 600,
    });
    const mac = '02:00:00:00:10:02';
    const client = createDhcpClient({ link, mac, hostname: 'wirecraft-kea' });
    const events: DhcpClientEvent[] = [];
    client.on((event) => events.push(event));
    try {
      const lease = await client.obtain();
      expect(lease.serverId).toBe(lab.peerAddress);
      expect(lease.leaseTime).toBe(600);
      expect(await kea.readLeases()).toEqual(
        expect.arrayContaining([expect.objectContaining({ ip: lease.address, mac, validLifetime: 600 })]),
      );
      const obtained = await keaRows(kea.leaseFile, lease.address);
      // kea 2.2 writes expire = cltt + valid_lifetime in whole seconds: a renewal within the second of the
      // grant appends a row with the SAME expire. Renew in a later second so the journal shows it moved.
      await waitForNextSecond(Math.max(...obtained.map((row) => row.expire)) - 600);
      const renewed = await client.renew();
      expect(renewed.address).toBe(lease.address);
      // kea's raw socket addresses the renewal ACK to ciaddr and chaddr itself (no ARP on its side).
      const ack = events.findLast((e) => e.type === 'received');
      expect(ack?.type === 'received' && ack.summary).toMatchObject({
        messageType: 'ACK',
        dstIp: lease.address,
        dstMac: mac,
      });
      const afterRenew = await keaRows(kea.leaseFile, lease.address);
      expect(afterRenew.length).toBeGreaterThan(obtained.length);
      expect(afterRenew.at(-1)?.expire).toBeGreaterThan(obtained.at(-1)?.expire ?? Number.POSITIVE_INFINITY);
      await client.release();
      // The journal keeps every row: a release appends one with valid_lifetime 0 (expire = cltt, state
      // still 0), so the address stays in the file; only the last row per address says it is free.
      const afterRelease = await pollUntil(
        () => keaRows(kea.leaseFile, lease.address),
        (rows) => rows.length !== afterRenew.length,
      );
      expect(afterRelease.at(-1)).toMatchObject({ validLifetime: 0 });
      expect((await kea.readLeases()).some((l) => l.ip === lease.address)).toBe(false);
    } finally {
      await client.stop();
      await kea.stop();
    }
  }, 30_000);
});
