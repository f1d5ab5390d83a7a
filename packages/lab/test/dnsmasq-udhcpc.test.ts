import { afterAll, beforeAll, expect, it } from '@jest/globals';
import {
  createLab,
  describeLab,
  type DnsmasqPeer,
  type Lab,
  PeerStartError,
  runUdhcpc,
  startDnsmasq,
  startUdhcpc,
} from '@wirecraft/lab';
import { labLeftovers } from './lab-leftovers.js';

function inSubnet(lab: Lab, host: number): string {
  return lab.peerAddress.replace(/\.1$/, `.${host}`);
}

describeLab('dnsmasq in a lab, udhcpc on the other end', () => {
  let lab: Lab;
  let dnsmasq: DnsmasqPeer;

  beforeAll(async () => {
    lab = await createLab({ name: 'dnsmasq', clientNs: true });
    dnsmasq = await startDnsmasq(lab, {
      rangeStart: inSubnet(lab, 10),
      rangeEnd: inSubnet(lab, 50),
      leaseTime: 600,
      router: lab.peerAddress,
      dns: ['198.18.0.53', '198.18.0.54'],
      domain: 'lab.test',
    });
  });

  afterAll(async () => {
    await lab?.close();
  });

  it('listens on port 67 of the peer interface only', async () => {
    const sockets = await lab.exec(['ss', '-lunp']);
    expect(sockets.stdout).toMatch(new RegExp(`%${lab.peerIface}:67\\b.*dnsmasq`));
  });

  it('hands a one-shot udhcpc a lease with the configured options, recorded in its lease file', async () => {
    const run = await runUdhcpc(lab, { hostname: 'oneshot' });
    expect(run.code).toBe(0);
    expect(run.lease).toMatchObject({
      event: 'bound',
      interface: lab.hostIface,
      subnet: '255.255.255.0',
      router: [lab.peerAddress],
      dns: ['198.18.0.53', '198.18.0.54'],
      domain: 'lab.test',
      lease: 600,
      serverid: lab.peerAddress,
    });
    const leases = await dnsmasq.readLeases();
    expect(leases).toContainEqual(
      expect.objectContaining({ ip: run.lease?.ip, mac: lab.hostMac, hostname: 'oneshot' }),
    );
    // The report script configures nothing: the client interface still has no IPv4 address.
    const addresses = await lab.exec(['ip', '-o', '-4', 'address', 'show', 'dev', lab.hostIface], {
      ns: 'client',
    });
    expect(addresses.stdout).toBe('');
  });

  it('renews the same address on SIGUSR1 and reports the release on SIGUSR2', async () => {
    const client = startUdhcpc(lab, { hostname: 'longrun', extraArgs: ['-x', '61:776331'] });
    const bound = await client.waitForEvent('bound', 15_000);
    expect(bound.ip).toMatch(/^198\.1[89]\./);
    const renewed = await client.renew();
    expect(renewed.event).toBe('renew');
    expect(renewed.ip).toBe(bound.ip);
    expect(client.process.stderr).toMatch(/renew/);
    const released = await client.release();
    expect(released.event).toBe('deconfig');
    await client.stop();
    const leases = await dnsmasq.readLeases();
    expect(leases).toContainEqual(expect.objectContaining({ ip: bound.ip, clientId: '77:63:31' }));
  });
});

describeLab('a peer that cannot start', () => {
  it('fails with PeerStartError carrying its stderr, and the lab still closes cleanly', async () => {
    const lab = await createLab({ name: 'dnsmasq-broken' });
    const footprint = { id: lab.id, namespaces: [lab.peerNs], rootIface: lab.hostIface, tmpDir: lab.tmpDir };
    try {
      const start = startDnsmasq(lab, {
        rangeStart: inSubnet(lab, 10),
        rangeEnd: inSubnet(lab, 20),
        extraArgs: ['--no-such-dnsmasq-flag'],
      });
      await expect(start).rejects.toThrow(PeerStartError);
      await expect(start).rejects.toThrow(/bad command line options/);
    } finally {
      await lab.close();
    }
    expect(labLeftovers(footprint)).toEqual([]);
  });

  it('rejects a lease time dnsmasq would refuse, naming the field', async () => {
    const lab = await createLab();
    try {
      await expect(
        startDnsmasq(lab, { rangeStart: inSubnet(lab, 10), rangeEnd: inSubnet(lab, 20), leaseTime: 30 }),
      ).rejects.toThrow(/leaseTime=30/);
    } finally {
      await lab.close();
    }
  });
});
