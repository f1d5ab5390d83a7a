import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createLab,
  describeLab,
  type Lab,
  LabClosedError,
  LabOptionError,
  PeerStartError,
  runCommand,
} from '@wirecraft/lab';
import { isPidRunning } from '../src/process-identity.js';
import { labLeftovers } from './lab-leftovers.js';

const opened: Lab[] = [];
async function openLab(options?: Parameters<typeof createLab>[0]): Promise<Lab> {
  const lab = await createLab(options);
  opened.push(lab);
  return lab;
}

afterAll(async () => {
  await Promise.all(opened.map((lab) => lab.close()));
});

function footprint(lab: Lab, pids: number[] = []) {
  return {
    id: lab.id,
    namespaces: lab.clientNs === undefined ? [lab.peerNs] : [lab.peerNs, lab.clientNs],
    rootIface: lab.hostIface,
    tmpDir: lab.tmpDir,
    pids,
  };
}

describeLab('a root-side lab', () => {
  it('leaves the host end in the root namespace, up, with no IPv4 address and IPv6 off', async () => {
    const lab = await openLab({ name: 'root-side' });
    expect(readFileSync(`/sys/class/net/${lab.hostIface}/operstate`, 'utf8').trim()).toBe('up');
    expect(readFileSync(`/sys/class/net/${lab.hostIface}/address`, 'utf8').trim()).toBe(lab.hostMac);
    expect(readFileSync(`/proc/sys/net/ipv6/conf/${lab.hostIface}/disable_ipv6`, 'utf8').trim()).toBe('1');
    const rootAddresses = await runCommand(['ip', '-o', 'address', 'show', 'dev', lab.hostIface]);
    expect(rootAddresses.stdout).toBe('');
    await lab.close();
  });

  it('gives the peer end its address, its MAC and IPv6 off, inside peerNs', async () => {
    const lab = await openLab();
    const addresses = await lab.exec(['ip', '-o', '-4', 'address', 'show', 'dev', lab.peerIface]);
    expect(addresses.stdout).toContain(`inet ${lab.peerAddress}/24`);
    const link = await lab.exec(['cat', `/sys/class/net/${lab.peerIface}/address`]);
    expect(link.stdout.trim()).toBe(lab.peerMac);
    const ipv6 = await lab.exec(['cat', `/proc/sys/net/ipv6/conf/${lab.peerIface}/disable_ipv6`]);
    expect(ipv6.stdout.trim()).toBe('1');
    expect(lab.subnet).toBe(`${lab.peerAddress.replace(/\.1$/, '.0')}/24`);
    await lab.close();
  });

  it('reaches the peer from the root namespace once addHostAddress() ran', async () => {
    const lab = await openLab();
    await lab.addHostAddress();
    await lab.addHostAddress();
    const addresses = await runCommand(['ip', '-o', '-4', 'address', 'show', 'dev', lab.hostIface]);
    expect(addresses.stdout).toContain(`inet ${lab.hostAddress}/24`);
    const ping = await runCommand([
      'busybox',
      'ping',
      '-c',
      '1',
      '-W',
      '2',
      '-I',
      lab.hostIface,
      lab.peerAddress,
    ]);
    expect(ping.code).toBe(0);
    await lab.close();
  });
});

describeLab('closing a lab', () => {
  it('leaves no namespace, interface, directory, marker or process behind', async () => {
    const lab = await openLab({ name: 'close' });
    writeFileSync(join(lab.tmpDir, 'leases'), 'x');
    const tracked = lab.spawn(['sleep', '600']);
    // A grandchild the lab never heard of: close() must find it through the namespace itself.
    const detached = await lab.exec(['sh', '-c', 'sleep 600 >/dev/null 2>&1 & echo $!']);
    const strayPid = Number(detached.stdout.trim());
    expect(isPidRunning(strayPid)).toBe(true);
    const print = footprint(lab, [tracked.pid, strayPid]);
    expect(labLeftovers(print).length).toBeGreaterThan(0);
    await lab.close();
    expect(labLeftovers(print)).toEqual([]);
    expect(await tracked.exited).toBeNull();
  });

  it('is idempotent and refuses further use with a typed error', async () => {
    const lab = await openLab();
    await Promise.all([lab.close(), lab.close()]);
    await lab.close();
    expect(lab.closed).toBe(true);
    expect(() => lab.spawn(['true'])).toThrow(LabClosedError);
    expect(() => lab.exec(['true'])).toThrow(new RegExp(`lab ${lab.id} is closed`));
  });

  it('still cleans up after a peer failed to start', async () => {
    const lab = await openLab({ name: 'failure' });
    const broken = lab.spawn(['sh', '-c', 'echo "bad config line 3" >&2; exit 3']);
    const failure = broken.waitForOutput(/ready/, 5_000);
    await expect(failure).rejects.toThrow(PeerStartError);
    await expect(failure).rejects.toThrow(/bad config line 3/);
    expect(await broken.exited).toBe(3);
    const print = footprint(lab, [broken.pid]);
    await lab.close();
    expect(labLeftovers(print)).toEqual([]);
  });
});

describeLab('labs side by side', () => {
  it('get distinct ids, namespaces, interfaces, subnets and MACs', async () => {
    const labs = await Promise.all([openLab(), openLab(), openLab({ clientNs: true })]);
    for (const key of ['id', 'peerNs', 'hostIface', 'peerIface', 'subnet', 'hostMac', 'tmpDir'] as const) {
      expect(new Set(labs.map((lab) => lab[key])).size).toBe(labs.length);
    }
    const namespaces = (await runCommand(['ip', 'netns', 'list'])).stdout;
    for (const lab of labs) expect(namespaces).toContain(lab.peerNs);
    const prints = labs.map((lab) => footprint(lab));
    await Promise.all(labs.map((lab) => lab.close()));
    for (const print of prints) expect(labLeftovers(print)).toEqual([]);
  });
});

describeLab('a lab with a client namespace', () => {
  it('moves the host end out of the root namespace and lets both sides talk', async () => {
    const lab = await openLab({ name: 'client', clientNs: true });
    expect(lab.clientNs).toBeDefined();
    expect(existsSync(`/sys/class/net/${lab.hostIface}`)).toBe(false);
    const hostLink = await lab.exec(['cat', `/sys/class/net/${lab.hostIface}/address`], { ns: 'client' });
    expect(hostLink.stdout.trim()).toBe(lab.hostMac);
    const ipv6 = await lab.exec(['cat', `/proc/sys/net/ipv6/conf/${lab.hostIface}/disable_ipv6`], {
      ns: 'client',
    });
    expect(ipv6.stdout.trim()).toBe('1');
    await lab.addHostAddress();
    const ping = await lab.exec(['busybox', 'ping', '-c', '1', '-W', '2', lab.peerAddress], { ns: 'client' });
    expect(ping.code).toBe(0);
    const print = footprint(lab);
    await lab.close();
    expect(labLeftovers(print)).toEqual([]);
  });

  it('is refused by name on a lab created without one', async () => {
    const lab = await openLab();
    expect(() => lab.exec(['true'], { ns: 'client' })).toThrow(LabOptionError);
    expect(() => lab.spawn(['true'], { ns: 'client' })).toThrow(/createLab\(\{ clientNs: true \}\)/);
    await lab.close();
  });
});

describe('exec inside a lab', () => {
  it('passes stdin through and reports the exit status', async () => {
    if (process.getuid?.() !== 0) {
      console.warn('skipping: needs root');
      return;
    }
    const lab = await openLab();
    const echoed = await lab.exec(['sh', '-c', 'cat; exit 4'], { input: 'hello' });
    expect(echoed).toEqual({ code: 4, stdout: 'hello', stderr: '' });
    await lab.close();
  });
});
