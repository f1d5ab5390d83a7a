import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { LiveLink } from '@wirecraft/capture';
import { createLab, describeLab, type Lab, runDhclient, runUdhcpc, startUdhcpc } from '@wirecraft/lab';
import { type DhcpServer, readLeaseFile } from '../src/index.js';
import { hostInSubnet, openLabServer, closeLabServer, leaseAt } from './server-support/lab-server.js';

describeLab('our DHCP server on a live interface, real clients in a namespace', () => {
  let lab: Lab;
  let link: LiveLink;
  let server: DhcpServer;

  beforeAll(async () => {
    ({ lab, link, server } = await openLabServer('wc-server', { leaseTime: 900 }));
    await server.start();
  });

  afterAll(() => closeLabServer({ server, link, lab }));

  const leaseOf = (ip: string | undefined) => leaseAt(server, ip);

  it('gives udhcpc a lease with the configured router, DNS, domain and lease time', async () => {
    const run = await runUdhcpc(lab, { hostname: 'busybox' });
    expect(run.code).toBe(0);
    expect(run.lease).toMatchObject({
      event: 'bound',
      subnet: '255.255.255.0',
      router: [lab.hostAddress],
      dns: ['198.18.0.53', '198.18.0.54'],
      domain: 'lab.test',
      lease: 900,
      serverid: lab.hostAddress,
    });
    expect(leaseOf(run.lease?.ip)).toMatchObject({ state: 'bound', mac: lab.peerMac, hostname: 'busybox' });
  });

  it('renews a udhcpc lease on SIGUSR1 and frees it on SIGUSR2 (release)', async () => {
    const client = startUdhcpc(lab, { extraArgs: ['-x', '0x3d:01beefbeef0001'] });
    try {
      const bound = await client.waitForEvent('bound', 15_000);
      const before = leaseOf(bound.ip)!.expiresAt;
      await new Promise((resolve) => setTimeout(resolve, 20));
      const renewed = await client.renew();
      expect(renewed.ip).toBe(bound.ip);
      expect(leaseOf(bound.ip)!.expiresAt).toBeGreaterThan(before);
      // udhcpc unicasts RELEASE from the leased address through its kernel stack, as a configured client would.
      await lab.exec(['ip', 'addr', 'add', `${bound.ip}/24`, 'dev', lab.peerIface]);
      await client.release();
      const deadline = Date.now() + 5_000;
      while (leaseOf(bound.ip)?.state === 'bound' && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(leaseOf(bound.ip)?.state).toBe('released');
    } finally {
      await client.stop();
    }
  });

  it('gives dhclient a lease with the same options', async () => {
    const run = await runDhclient(lab, { hostname: 'isc' });
    expect(run.lease).toMatchObject({
      subnetMask: '255.255.255.0',
      routers: [lab.hostAddress],
      dns: ['198.18.0.53', '198.18.0.54'],
      domain: 'lab.test',
      leaseTime: 900,
      serverId: lab.hostAddress,
    });
    expect(leaseOf(run.lease.ip)?.state).toBe('bound');
  });
});

describeLab('our DHCP server killed with SIGKILL and restarted', () => {
  let lab: Lab;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    lab = await createLab({ name: 'wc-kill9' });
    await lab.addHostAddress();
  });

  afterAll(async () => {
    child?.kill('SIGKILL');
    await lab?.close();
  });

  async function startServer(leaseFile: string): Promise<ChildProcess> {
    const script = join(import.meta.dirname, 'server-support', 'serve-on-interface.ts');
    const range = `${hostInSubnet(lab, 100)}-${hostInSubnet(lab, 102)}`;
    const proc = spawn(
      process.execPath,
      [
        '--conditions=@wirecraft/source',
        '--import',
        'tsx',
        script,
        lab.hostIface,
        lab.hostAddress,
        lab.subnet,
        range,
        leaseFile,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 20_000);
      proc.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('ready\n')) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.stderr!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      proc.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
    });
    return proc;
  }

  it('keeps every acknowledged lease and gives a new client another address', async () => {
    const leaseFile = join(lab.tmpDir, 'server.leases');
    child = await startServer(leaseFile);
    const first = await runUdhcpc(lab, { extraArgs: ['-x', '0x3d:01aaaa00000001'] });
    const second = await runUdhcpc(lab, { extraArgs: ['-x', '0x3d:01aaaa00000002'] });
    const held = [first.lease?.ip, second.lease?.ip];
    expect(held.every((ip) => ip !== undefined)).toBe(true);
    expect(new Set(held).size).toBe(2);
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));

    const onDisk = await readLeaseFile(leaseFile);
    expect(
      onDisk
        .filter((l) => l.state === 'bound')
        .map((l) => l.address)
        .sort(),
    ).toEqual([...held].sort());

    child = await startServer(leaseFile);
    const third = await runUdhcpc(lab, { extraArgs: ['-x', '0x3d:01aaaa00000003'] });
    expect(third.lease?.ip).toBeDefined();
    expect(held).not.toContain(third.lease?.ip);
    // A returning client gets its own address back.
    const again = await runUdhcpc(lab, { extraArgs: ['-x', '0x3d:01aaaa00000001'] });
    expect(again.lease?.ip).toBe(first.lease?.ip);
    child.kill('SIGTERM');
    await new Promise((resolve) => child!.once('exit', resolve));
    child = undefined;
  });
});
