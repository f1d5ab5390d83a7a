import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { LiveLink } from '@wirecraft/capture';
import { describeLab, type Lab, runCommand, runUdhcpc, type UdhcpcRun } from '@wirecraft/lab';
import type { DhcpMessageSummary, DhcpServer } from '../src/index.js';
import { hostInSubnet, openLabServer, closeLabServer, leaseAt } from './server-support/lab-server.js';

describeLab('our DHCP server and what busybox udhcpc asks for (-r, -x, -O, -B, -a)', () => {
  let lab: Lab;
  let link: LiveLink;
  let server: DhcpServer;
  const sent: DhcpMessageSummary[] = [];

  beforeAll(async () => {
    ({ lab, link, server } = await openLabServer(
      'wc-udhcpc-asks',
      { leaseTime: 900 },
      { options: { NTP_server: ['198.18.0.123'] } },
    ));
    server.on((event) => {
      if (event.type === 'sent') sent.push(event.summary);
    });
    await server.start();
  });

  afterAll(() => closeLabServer({ server, link, lab }));

  const leaseOf = (ip: string | undefined) => leaseAt(server, ip);
  /** udhcpc sends the MAC as client id unless -C, so each run gets an id of its own to be a distinct client. */
  const udhcpc = (id: number, ...args: string[]): Promise<UdhcpcRun> =>
    runUdhcpc(lab, { extraArgs: ['-x', `0x3d:01c0ffee0000${id.toString(16).padStart(2, '0')}`, ...args] });
  /** `ip addr add|del ADDRESS/32` on the host end (root namespace side of this lab's own veth). */
  const hostEndAddress = async (verb: 'add' | 'del', address: string) => {
    const result = await runCommand(['ip', 'addr', verb, `${address}/32`, 'dev', lab.hostIface]);
    if (result.code !== 0) throw new Error(`ip addr ${verb} ${address}: ${result.stderr}`);
  };
  const keyOf = (id: number) => `id:01c0ffee0000${id.toString(16).padStart(2, '0')}`;

  it('-r with a free address: offered and bound to that address', async () => {
    const run = await udhcpc(1, '-r', hostInSubnet(lab, 120));
    expect(run.lease?.ip).toBe(hostInSubnet(lab, 120));
    expect(leaseOf(hostInSubnet(lab, 120))).toMatchObject({ state: 'bound', clientKey: keyOf(1) });
  });

  it('-r with an address another client holds: a different address, the holder keeps its lease', async () => {
    const run = await udhcpc(2, '-r', hostInSubnet(lab, 120));
    expect(run.lease?.ip).toBeDefined();
    expect(run.lease?.ip).not.toBe(hostInSubnet(lab, 120));
    expect(leaseOf(run.lease?.ip)).toMatchObject({ state: 'bound', clientKey: keyOf(2) });
    expect(leaseOf(hostInSubnet(lab, 120))).toMatchObject({ state: 'bound', clientKey: keyOf(1) });
  });

  it('-r outside the range, or outside the subnet: an address from the pool instead', async () => {
    for (const [id, asked] of [
      [3, hostInSubnet(lab, 20)],
      [4, '198.19.254.20'],
    ] as const) {
      const run = await udhcpc(id, '-r', asked);
      const last = Number(run.lease?.ip?.split('.')[3]);
      expect(last).toBeGreaterThanOrEqual(100);
      expect(last).toBeLessThanOrEqual(150);
      expect(leaseOf(run.lease?.ip)).toMatchObject({ state: 'bound', clientKey: keyOf(id) });
      expect(leaseOf(asked)).toBeUndefined();
    }
  });

  it('-x hostname and -x 61: the lease is kept under that client id with that name', async () => {
    const run = await udhcpc(5, '-x', 'hostname:wc-named');
    expect(leaseOf(run.lease?.ip)).toMatchObject({
      state: 'bound',
      clientKey: keyOf(5),
      hostname: 'wc-named',
      mac: lab.peerMac,
    });
  });

  it('-o -O ntpsrv: only what was asked for (NTP) besides the mask and lease timers, no router or DNS', async () => {
    const run = await udhcpc(6, '-o', '-O', 'ntpsrv');
    expect(run.lease).toMatchObject({
      ntpsrv: ['198.18.0.123'],
      router: [],
      dns: [],
      subnet: '255.255.255.0',
    });
    // udhcpc asks for NTP by default (1,3,6,12,15,28,42): -o -O router -O dns is a PRL without it.
    const other = await udhcpc(7, '-o', '-O', 'router', '-O', 'dns');
    expect(other.lease).toMatchObject({
      ntpsrv: [],
      router: [lab.hostAddress],
      dns: ['198.18.0.53', '198.18.0.54'],
    });
  });

  it('-B: OFFER and ACK are broadcast; without it they are unicast to yiaddr at chaddr', async () => {
    const from = sent.length;
    const broadcastRun = await udhcpc(8, '-B');
    expect(broadcastRun.lease?.ip).toBeDefined();
    const repliesTo = (ip: string | undefined) =>
      sent
        .slice(from)
        .filter((m) => m.yiaddr === ip && (m.messageType === 'OFFER' || m.messageType === 'ACK'));
    expect(repliesTo(broadcastRun.lease?.ip).map((m) => [m.messageType, m.dstIp, m.dstMac])).toEqual([
      ['OFFER', '255.255.255.255', 'ff:ff:ff:ff:ff:ff'],
      ['ACK', '255.255.255.255', 'ff:ff:ff:ff:ff:ff'],
    ]);
    const unicastRun = await udhcpc(9);
    const ip = unicastRun.lease?.ip;
    expect(repliesTo(ip).map((m) => [m.messageType, m.dstIp, m.dstMac])).toEqual([
      ['OFFER', ip, lab.peerMac],
      ['ACK', ip, lab.peerMac],
    ]);
  });

  it('-a: udhcpc finds the offered address in use (ARP), declines it; the server quarantines it and offers another', async () => {
    const taken = hostInSubnet(lab, 140);
    // Something else on the segment already uses the address: the host end answers ARP for it.
    await hostEndAddress('add', taken);
    try {
      const run = await udhcpc(10, '-a', '-A', '1', '-r', taken);
      expect(run.lease?.ip).toBeDefined();
      expect(run.lease?.ip).not.toBe(taken);
      expect(leaseOf(taken)).toMatchObject({ state: 'declined', clientKey: keyOf(10) });
      expect(leaseOf(taken)!.expiresAt).toBeGreaterThan(Date.now() + 500_000);
      expect(leaseOf(run.lease?.ip)).toMatchObject({ state: 'bound', clientKey: keyOf(10) });
    } finally {
      await hostEndAddress('del', taken);
    }
  });

  it('two udhcpc at once on one segment: two distinct addresses, each bound to its own client', async () => {
    const runs = await Promise.all([udhcpc(11), udhcpc(12), udhcpc(13)]);
    const ips = runs.map((run) => run.lease?.ip);
    expect(new Set(ips).size).toBe(3);
    ips.forEach((ip, i) => {
      expect(leaseOf(ip)).toMatchObject({ state: 'bound', clientKey: keyOf(11 + i) });
    });
  });
});
