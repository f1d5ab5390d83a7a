import { afterAll, beforeAll, expect, it } from '@jest/globals';
import {
  createLab,
  describeLab,
  type KeaPeer,
  type Lab,
  runDhclient,
  startDhclient,
  startKea,
} from '@wirecraft/lab';

function inSubnet(lab: Lab, host: number): string {
  return lab.peerAddress.replace(/\.1$/, `.${host}`);
}

describeLab('kea-dhcp4 in a lab, dhclient on the other end', () => {
  let lab: Lab;
  let kea: KeaPeer;

  beforeAll(async () => {
    lab = await createLab({ name: 'kea', clientNs: true });
    kea = await startKea(lab, {
      pool: `${inSubnet(lab, 100)} - ${inSubnet(lab, 120)}`,
      leaseTime: 900,
      renewTimer: 300,
      rebindTimer: 600,
      router: lab.peerAddress,
      dns: '198.18.0.53',
    });
  });

  afterAll(async () => {
    await lab?.close();
  });

  it('keeps every kea file in the lab directory', () => {
    for (const file of [kea.configFile, kea.leaseFile, kea.controlSocket]) {
      expect(file.startsWith(`${lab.tmpDir}/`)).toBe(true);
    }
  });

  it('leases an address from the pool that dhclient reports and kea records', async () => {
    const run = await runDhclient(lab, { hostname: 'keaclient' });
    expect(run.lease).toMatchObject({
      reason: 'BOUND',
      interface: lab.hostIface,
      subnetMask: '255.255.255.0',
      routers: [lab.peerAddress],
      dns: ['198.18.0.53'],
      leaseTime: 900,
      serverId: lab.peerAddress,
    });
    const host = Number(run.lease.ip?.split('.')[3]);
    expect(host).toBeGreaterThanOrEqual(100);
    expect(host).toBeLessThanOrEqual(120);
    expect(run.leases.at(-1)?.fixedAddress).toBe(run.lease.ip);
    expect(run.leases.at(-1)?.options['dhcp-renewal-time']).toBe('300');
    const leases = await kea.readLeases();
    expect(leases).toContainEqual(
      expect.objectContaining({
        ip: run.lease.ip,
        mac: lab.hostMac,
        validLifetime: 900,
        hostname: 'keaclient',
      }),
    );
  });

  it('frees the lease in kea when dhclient -r releases it from a configured client end', async () => {
    const client = startDhclient(lab);
    const bound = await client.waitForEvent(['BOUND', 'REBOOT'], 15_000);
    expect((await kea.readLeases()).map((lease) => lease.ip)).toContain(bound.ip);
    // dhclient unicasts RELEASE through a kernel socket: the client end needs an address to send from.
    await lab.addHostAddress();
    const release = await client.release();
    expect(release.events.map((event) => event.reason)).toContain('RELEASE');
    expect(release.stderr).toContain(`DHCPRELEASE of ${bound.ip}`);
    const deadline = Date.now() + 5_000;
    while ((await kea.readLeases()).some((lease) => lease.ip === bound.ip) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await kea.readLeases()).map((lease) => lease.ip)).not.toContain(bound.ip);
  });
});
