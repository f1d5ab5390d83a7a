import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createLab, describeLab, type Lab } from '@wirecraft/lab';
import { timestampDiffMs } from '../src/clock.js';
import {
  InterfaceDownError,
  InvalidFilterError,
  LinkClosedError,
  NoSuchInterfaceError,
  SendFailedError,
} from '../src/errors.js';
import { type LiveLink, openLiveLink } from '../src/link/live-link.js';
import { sniff } from '../src/sniff.js';
import { collect, sendFromPeer } from './peer-frames.js';

const TEST_ETHERTYPE = 0x88b5;
const OTHER_ETHERTYPE = 0x88b6;

function macBytes(mac: string): number[] {
  return mac.split(':').map((h) => Number.parseInt(h, 16));
}

/** A broadcast frame with a local-experimental ethertype and a recognisable payload. */
function testFrame(srcMac: string, ethertype: number, tag: number, length = 60): Uint8Array {
  const frame = new Uint8Array(length);
  frame.fill(0xff, 0, 6);
  frame.set(macBytes(srcMac), 6);
  frame[12] = ethertype >> 8;
  frame[13] = ethertype & 0xff;
  frame.set([0x57, 0x43, tag], 14);
  return frame;
}

/** The frames of `tcpdump -xx` output as hex strings (header lines start a frame, 0xNNNN: lines carry bytes). */
function tcpdumpFrames(output: string): string[] {
  const frames: string[] = [];
  for (const line of output.split('\n')) {
    const bytes = /^\s+0x[0-9a-f]{4}:\s+(.*)$/.exec(line);
    if (bytes) frames[frames.length - 1] += bytes[1].replace(/\s+/g, '');
    else if (line.trim() !== '') frames.push('');
  }
  return frames;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeLab('LiveLink on a real veth (root namespace end of a lab)', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await createLab({ name: 'links' });
  });
  afterAll(async () => {
    await lab?.close();
  });

  it('sends frames that a peer (tcpdump in the peer namespace) receives byte for byte', async () => {
    const tcpdump = lab.spawn([
      'tcpdump',
      '-i',
      lab.peerIface,
      '-nn',
      '-xx',
      '-l',
      '--immediate-mode',
      '-c',
      '3',
      `ether proto 0x${TEST_ETHERTYPE.toString(16)}`,
    ]);
    await tcpdump.waitForOutput(/listening on/, 10_000, 'stderr');
    const link = await openLiveLink({ iface: lab.hostIface });
    try {
      expect(link.linktype).toBe(1);
      for (let tag = 1; tag <= 3; tag++) await link.send(testFrame(lab.hostMac, TEST_ETHERTYPE, tag));
      expect(await tcpdump.exited).toBe(0);
      expect(link.stats.sent).toBe(3);
    } finally {
      await link.close();
    }
    const sent = [1, 2, 3].map((tag) =>
      Buffer.from(testFrame(lab.hostMac, TEST_ETHERTYPE, tag)).toString('hex'),
    );
    expect(tcpdumpFrames(tcpdump.stdout)).toEqual(sent);
  });

  it('receives frames sent by the peer, with the BPF filter applied in the kernel', async () => {
    const link = await openLiveLink({
      iface: lab.hostIface,
      filter: `ether proto 0x${TEST_ETHERTYPE.toString(16)}`,
    });
    try {
      const received = sniff({ link, count: 3, timeout: 10_000 });
      const before = Date.now();
      await sendFromPeer(lab, [
        testFrame(lab.peerMac, OTHER_ETHERTYPE, 9),
        testFrame(lab.peerMac, TEST_ETHERTYPE, 1),
        testFrame(lab.peerMac, OTHER_ETHERTYPE, 9),
        testFrame(lab.peerMac, TEST_ETHERTYPE, 2, 200),
        testFrame(lab.peerMac, TEST_ETHERTYPE, 3),
      ]);
      const frames = await collect(received);
      expect(frames.map((f) => f.data[16])).toEqual([1, 2, 3]);
      expect(frames.map((f) => f.data.length)).toEqual([60, 200, 60]);
      expect(frames.map((f) => f.originalLength)).toEqual([60, 200, 60]);
      for (const f of frames) {
        expect(f.linktype).toBe(1);
        expect(f.timestamp.precision).toBe(9);
        // Stamped by our clock on receipt: not before the sends started, and in order.
        expect(f.timestamp.seconds * 1000 + f.timestamp.nanoseconds / 1e6).toBeGreaterThanOrEqual(before - 1);
      }
      expect(timestampDiffMs(frames[2].timestamp, frames[0].timestamp)).toBeGreaterThanOrEqual(0);
      // The filter ran in the kernel: the two other-ethertype frames never reached us.
      expect(link.stats.received).toBe(3);
      expect(link.stats.dropped).toBeUndefined();
    } finally {
      await link.close();
    }
  });

  it('does not see its own sent frames on a veth, while a second handle does', async () => {
    const filter = `ether proto 0x${TEST_ETHERTYPE.toString(16)}`;
    const sender = await openLiveLink({ iface: lab.hostIface, filter });
    const observer = await openLiveLink({ iface: lab.hostIface, filter });
    try {
      const atSender = sniff({ link: sender, timeout: 300 });
      const atObserver = sniff({ link: observer, count: 2, timeout: 10_000 });
      await sender.send(testFrame(lab.hostMac, TEST_ETHERTYPE, 1));
      await sender.send(testFrame(lab.hostMac, TEST_ETHERTYPE, 2));
      expect((await collect(atObserver)).map((f) => f.data[16])).toEqual([1, 2]);
      expect(await collect(atSender)).toEqual([]);
    } finally {
      await sender.close();
      await observer.close();
    }
  });

  it('emulates a snaplen by truncating data and keeping originalLength', async () => {
    const link = await openLiveLink({
      iface: lab.hostIface,
      filter: `ether proto 0x${TEST_ETHERTYPE.toString(16)}`,
      snaplen: 16,
    });
    try {
      const received = sniff({ link, count: 1, timeout: 10_000 });
      await sendFromPeer(lab, [testFrame(lab.peerMac, TEST_ETHERTYPE, 1, 300)]);
      const [frame] = await collect(received);
      expect(frame.data.length).toBe(16);
      expect(frame.originalLength).toBe(300);
      expect(frame.data[14]).toBe(0x57);
    } finally {
      await link.close();
    }
  });

  it('sniff({ iface, bpf }) opens its own link and closes it when done', async () => {
    const received = sniff({
      iface: lab.hostIface,
      bpf: `ether proto 0x${TEST_ETHERTYPE.toString(16)}`,
      count: 2,
    });
    // The first next() waits for the open; start it, give the open a moment, then send.
    const first = received.next();
    await wait(200);
    await sendFromPeer(lab, [
      testFrame(lab.peerMac, TEST_ETHERTYPE, 5),
      testFrame(lab.peerMac, TEST_ETHERTYPE, 6),
    ]);
    const one = await first;
    const rest = await collect(received);
    expect([one.value?.data[16], ...rest.map((f) => f.data[16])]).toEqual([5, 6]);
  });

  it('rejects send after close with LinkClosedError instead of crashing (cap segfaults there)', async () => {
    const link: LiveLink = await openLiveLink({ iface: lab.hostIface });
    await link.close();
    await link.close();
    expect(link.closed).toBe(true);
    await expect(link.send(testFrame(lab.hostMac, TEST_ETHERTYPE, 1))).rejects.toThrow(LinkClosedError);
  });

  it('reports a frame larger than the MTU as SendFailedError', async () => {
    const link = await openLiveLink({ iface: lab.hostIface });
    try {
      await expect(link.send(testFrame(lab.hostMac, TEST_ETHERTYPE, 1, 20_000))).rejects.toThrow(
        SendFailedError,
      );
    } finally {
      await link.close();
    }
  });

  it('names a missing interface and lists the existing ones', async () => {
    const error = await openLiveLink({ iface: 'wcnosuch9' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoSuchInterfaceError);
    expect((error as Error).message).toMatch(/^wcnosuch9: no such interface; existing: .*\blo\b/);
    expect((error as Error).message).toContain(lab.hostIface);
  });

  it('rejects a bad BPF filter with libpcap message and the filter', async () => {
    const error = await openLiveLink({ iface: lab.hostIface, filter: 'udp port and (' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidFilterError);
    expect((error as Error).message).toContain('"udp port and ("');
    expect((error as Error).message).toMatch(/syntax error|parse/);
  });

  it('refuses an interface that is down', async () => {
    execFileSync('ip', ['link', 'set', lab.hostIface, 'down']);
    try {
      const error = await openLiveLink({ iface: lab.hostIface }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InterfaceDownError);
      expect((error as Error).message).toBe(
        `${lab.hostIface}: interface is down (bring it up with: ip link set ${lab.hostIface} up)`,
      );
    } finally {
      execFileSync('ip', ['link', 'set', lab.hostIface, 'up']);
    }
  });

  it('reports missing CAP_NET_RAW as PermissionError with the fix (child process without the capability)', () => {
    const probe = fileURLToPath(new URL('./fixtures/open-live-link.ts', import.meta.url));
    const result = spawnSync(
      'setpriv',
      [
        '--bounding-set',
        '-net_raw,-net_admin',
        process.execPath,
        '--conditions=@wirecraft/source',
        '--import',
        'tsx',
        probe,
        lab.hostIface,
      ],
      { encoding: 'utf8', timeout: 20_000 },
    );
    expect(result.stdout.trim()).toBe(
      `PermissionError capturing on ${lab.hostIface} needs root or CAP_NET_RAW (try sudo, or setcap cap_net_raw+ep $(which node))`,
    );
  });
});
