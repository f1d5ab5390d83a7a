import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { LiveLink } from '@wirecraft/capture';
import { type DnsmasqPeer, describeLab, type Lab, startDnsmasq } from '@wirecraft/lab';
import { NakError } from '../src/index.js';
import { openClientLab, recordedClients } from './client-support/client-lab.js';

describeLab('our client against dnsmasq: INIT-REBOOT, requested address, identity options', () => {
  let lab: Lab;
  let link: LiveLink;
  let dnsmasq: DnsmasqPeer;
  let net: string;
  const clients = recordedClients(() => link);
  const client = clients.make;

  beforeAll(async () => {
    ({ lab, link, net } = await openClientLab('wc-cli-dnsmasq'));
    try {
      dnsmasq = await startDnsmasq(lab, {
        rangeStart: `${net}.50`,
        rangeEnd: `${net}.60`,
        router: lab.peerAddress,
        extraArgs: [
          // Option 60 selects a tag; the tag adds a domain only clients of that vendor class receive.
          '--dhcp-vendorclass=set:wcvendor,wirecraft-vc',
          '--dhcp-option=tag:wcvendor,option:domain-name,vendor.test',
          '--dhcp-option=option:dns-server,198.18.0.53',
        ],
      });
    } catch (error) {
      await link.close();
      await lab.close();
      throw error;
    }
  }, 30_000);

  afterAll(async () => {
    await clients.stopAll();
    await dnsmasq?.stop();
    await link?.close();
    await lab?.close();
  });

  it('INIT-REBOOT into an address of another subnet: NAK, back to INIT, then a new lease dnsmasq records', async () => {
    const mac = '02:00:00:00:20:01';
    const { client: c, events } = client(mac);
    await expect(c.reboot('198.19.254.77')).rejects.toThrow(NakError);
    expect(c.state).toBe('INIT');
    expect(events.find((e) => e.type === 'nak')).toMatchObject({ serverId: lab.peerAddress });
    const lease = await c.obtain();
    expect(lease.address.startsWith(`${net}.`)).toBe(true);
    const leases = await dnsmasq.readLeases();
    expect(leases).toContainEqual(expect.objectContaining({ ip: lease.address, mac }));
    expect(leases.some((l) => l.ip === '198.19.254.77')).toBe(false);
  });

  it('INIT-REBOOT into a free in-range address dnsmasq has no lease for: authoritative dnsmasq ACKs it', async () => {
    const mac = '02:00:00:00:20:02';
    const { client: c } = client(mac);
    const lease = await c.reboot(`${net}.55`);
    expect(lease.address).toBe(`${net}.55`);
    expect(lease.serverId).toBe(lab.peerAddress);
    expect(c.state).toBe('BOUND');
    expect(await dnsmasq.readLeases()).toContainEqual(expect.objectContaining({ ip: `${net}.55`, mac }));
  });

  it('INIT-REBOOT into an address another client holds: NAK, then obtain() gets a different one', async () => {
    const { client: c } = client('02:00:00:00:20:03');
    await expect(c.reboot(`${net}.55`)).rejects.toThrow(NakError);
    const lease = await c.obtain();
    expect(lease.address).not.toBe(`${net}.55`);
    const leases = await dnsmasq.readLeases();
    expect(leases.find((l) => l.ip === `${net}.55`)?.mac).toBe('02:00:00:00:20:02');
  });

  it('option 50 in DISCOVER: a free address is offered and bound; a taken one is not', async () => {
    const free = client('02:00:00:00:20:04', { requestedAddress: `${net}.58` });
    expect((await free.client.obtain()).address).toBe(`${net}.58`);
    const taken = client('02:00:00:00:20:05', { requestedAddress: `${net}.58` });
    const other = await taken.client.obtain();
    expect(other.address).not.toBe(`${net}.58`);
    const leases = await dnsmasq.readLeases();
    expect(leases.find((l) => l.ip === `${net}.58`)?.mac).toBe('02:00:00:00:20:04');
    expect(leases.find((l) => l.ip === other.address)?.mac).toBe('02:00:00:00:20:05');
  });

  it('client id, hostname and vendor class reach the lease file and select options; the PRL limits the reply', async () => {
    const mac = '02:00:00:00:20:06';
    const { client: c } = client(mac, {
      clientId: Uint8Array.of(0xff, 0x00, 0x11, 0x22, 0x33),
      hostname: 'wc-ident',
      vendorClass: 'wirecraft-vc',
      paramReqList: [1, 6, 15, 51, 54],
    });
    const lease = await c.obtain();
    expect(lease.domainName).toBe('vendor.test');
    expect(lease.dnsServers).toEqual(['198.18.0.53']);
    // The router (3) was not asked for: dnsmasq leaves it out.
    expect(lease.routers).toEqual([]);
    expect(await dnsmasq.readLeases()).toContainEqual(
      expect.objectContaining({ ip: lease.address, mac, hostname: 'wc-ident', clientId: 'ff:00:11:22:33' }),
    );
  });

  it('DECLINE (broadcast flag off): dnsmasq logs it and drops the lease; the client then leases again', async () => {
    const mac = '02:00:00:00:20:07';
    const { client: c } = client(mac, { broadcast: false });
    const first = await c.obtain();
    expect((await dnsmasq.readLeases()).some((l) => l.ip === first.address)).toBe(true);
    await c.decline();
    const stillLeased = async () => (await dnsmasq.readLeases()).some((l) => l.ip === first.address);
    for (let i = 0; i < 50 && (await stillLeased()); i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await stillLeased()).toBe(false);
    expect(dnsmasq.process.stderr).toContain(`DHCPDECLINE(${lab.peerIface}) ${first.address} ${mac}`);
    // dnsmasq keeps no quarantine for dynamic addresses (it only shifts its hash), so the next address may be
    // the same one: what matters here is that the DECLINE was taken and a new DORA succeeds.
    const second = await c.obtain();
    expect(await dnsmasq.readLeases()).toContainEqual(expect.objectContaining({ ip: second.address, mac }));
  });
});
