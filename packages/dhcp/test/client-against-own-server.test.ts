import { afterEach, describe, expect, it } from '@jest/globals';
import { virtualPair } from '@wirecraft/capture';
import { createDhcpClient, createDhcpServer, type DhcpClientEvent, NakError } from '../src/index.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(mac = '02:00:00:00:00:01', leaseTime = 3600) {
  const [clientLink, serverLink] = virtualPair();
  const server = createDhcpServer({
    links: [serverLink],
    serverId: '198.18.0.1',
    serverMac: '02:00:00:00:00:fe',
    pools: [{ range: '198.18.0.100-198.18.0.150', subnet: '198.18.0.0/24', router: '198.18.0.1', leaseTime }],
    timeScale: 0.01,
  });
  await server.start();
  const client = createDhcpClient({ link: clientLink, mac, timeScale: 0.01 });
  const events: DhcpClientEvent[] = [];
  client.on((e) => events.push(e));
  cleanups.push(async () => {
    await client.stop();
    await server.stop();
    await clientLink.close();
    await serverLink.close();
  });
  return { client, server, events, clientLink };
}

describe('our client against our server (virtual link)', () => {
  it('does DORA, renews, rebinds and releases', async () => {
    const { client } = await setup();
    const lease = await client.obtain();
    expect(lease.address).toMatch(/^198\.18\.0\.(1[0-4]\d|150)$/);
    expect(lease.serverId).toBe('198.18.0.1');
    expect(lease.routers).toEqual(['198.18.0.1']);
    expect(lease.leaseTime).toBe(3600);
    const renewed = await client.renew();
    expect(renewed.address).toBe(lease.address);
    const rebound = await client.rebind();
    expect(rebound.address).toBe(lease.address);
    await client.release();
    expect(client.state).toBe('INIT');
    // After a release the server can hand the address out again; the same client gets a lease again.
    const again = await client.obtain();
    expect(again.address).toMatch(/^198\.18\.0\./);
  });

  it('reboots into its own address and is refused an address outside the subnet', async () => {
    const { client } = await setup();
    const lease = await client.obtain();
    const rebooted = await client.reboot(lease.address);
    expect(rebooted.address).toBe(lease.address);
    await expect(client.reboot('10.9.9.9')).rejects.toThrow(NakError);
    expect(client.state).toBe('INIT');
  });

  it('declines, and gets a different address next time', async () => {
    const { client } = await setup();
    const first = await client.obtain();
    await client.decline();
    const second = await client.obtain();
    expect(second.address).not.toBe(first.address);
  });

  it('answers INFORM with configuration and no lease', async () => {
    const { client } = await setup();
    const ack = await client.inform('198.18.0.77');
    expect(ack.yiaddr).toBe('0.0.0.0');
    expect(ack.option('server_id')).toBe('198.18.0.1');
  });

  it('stays bound through T1 renewals with runBound', async () => {
    const { client, events } = await setup('02:00:00:00:00:02', 10);
    await client.obtain();
    const bound = client.runBound();
    await new Promise<void>((resolve) => {
      const off = client.on((e) => {
        if (e.type === 'lease' && e.kind === 'renewed') {
          off();
          resolve();
        }
      });
    });
    await client.stop();
    await bound;
    expect(events.some((e) => e.type === 'lease' && e.kind === 'renewed')).toBe(true);
  });
});
