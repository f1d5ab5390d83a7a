import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createLab, describeLab, type Lab } from '@wirecraft/lab';
import { LinkClosedError, SendFailedError } from '../src/errors.js';
import { readCaptureFile } from '../src/file/capture-file-reader.js';
import { openLiveLink } from '../src/link/live-link.js';
import { sniff } from '../src/sniff.js';
import { collect, sendFromPeer } from './peer-frames.js';

const TEST_ETHERTYPE = 0x88b5;
const FILTER = `ether proto 0x${TEST_ETHERTYPE.toString(16)}`;

/** A broadcast frame whose bytes after the header all derive from `sequence`, so any mix-up shows. */
function numberedFrame(srcMac: string, sequence: number, length: number): Uint8Array {
  const frame = new Uint8Array(length);
  frame.fill(0xff, 0, 6);
  frame.set(
    srcMac.split(':').map((h) => Number.parseInt(h, 16)),
    6,
  );
  frame[12] = TEST_ETHERTYPE >> 8;
  frame[13] = TEST_ETHERTYPE & 0xff;
  new DataView(frame.buffer).setUint32(14, sequence);
  for (let i = 18; i < length; i++) frame[i] = (sequence * 7 + i) & 0xff;
  return frame;
}

const hex = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

describeLab('LiveLink batch send and unconsumed receive on a real veth', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await createLab({ name: 'batch-send' });
  });
  afterAll(async () => {
    await lab?.close();
  });

  it('sendMany delivers every frame in order, byte for byte, across several event-loop slices', async () => {
    // More frames than one slice (1024), lengths from 60 to 1514, and views at odd offsets of a larger
    // buffer: the copy into the link's send buffer must take exactly each frame's bytes.
    const count = 2500;
    const frames = Array.from({ length: count }, (_, i) => {
      const frame = numberedFrame(lab.hostMac, i, 60 + ((i * 97) % 1455));
      if (i % 3 !== 0) return frame;
      const backing = new Uint8Array(frame.length + 11);
      backing.set(frame, 5);
      return backing.subarray(5, 5 + frame.length);
    });
    const file = join(lab.tmpDir, 'send-many.pcap');
    // -B 131072 (KiB): libpcap gives every frame a 64 KiB slot on a veth; room for the whole burst.
    const tcpdump = lab.spawn([
      'tcpdump',
      '-i',
      lab.peerIface,
      '-B',
      '131072',
      '--immediate-mode',
      '-c',
      String(count),
      '-w',
      file,
      FILTER,
    ]);
    await tcpdump.waitForOutput(/listening on/, 10_000, 'stderr');
    const link = await openLiveLink({ iface: lab.hostIface });
    try {
      expect(await link.sendMany(frames)).toBe(count);
      expect(link.stats.sent).toBe(count);
      expect(await tcpdump.exited).toBe(0);
    } finally {
      await link.close();
    }
    const captured = await collect(readCaptureFile(file));
    expect(captured.map((f) => hex(f.data))).toEqual(frames.map(hex));
  });

  it('send copies the frame: a frame changed right after send() is sent as it was', async () => {
    const link = await openLiveLink({ iface: lab.hostIface, filter: FILTER });
    const observer = await openLiveLink({ iface: lab.hostIface, filter: FILTER });
    try {
      const seen = sniff({ link: observer, count: 2, timeout: 10_000 });
      const frame = numberedFrame(lab.hostMac, 1, 100);
      const first = hex(frame);
      const sent = link.send(frame);
      frame.set(numberedFrame(lab.hostMac, 2, 100));
      await sent;
      await link.send(frame);
      expect((await collect(seen)).map((f) => hex(f.data))).toEqual([first, hex(frame)]);
    } finally {
      await link.close();
      await observer.close();
    }
  });

  it('sendMany stops at a frame the interface refuses, with the frames before it sent and counted', async () => {
    const link = await openLiveLink({ iface: lab.hostIface });
    try {
      const frames = [numberedFrame(lab.hostMac, 1, 60), numberedFrame(lab.hostMac, 2, 60)];
      const tooLong = numberedFrame(lab.hostMac, 3, 20_000);
      const failure = link.sendMany([...frames, tooLong, numberedFrame(lab.hostMac, 4, 60)]);
      await expect(failure).rejects.toThrow(SendFailedError);
      await expect(failure).rejects.toThrow(/20000/);
      expect(link.stats.sent).toBe(2);
    } finally {
      await link.close();
    }
  });

  it('sendMany rejects with LinkClosedError once the link is closed, between slices too', async () => {
    const link = await openLiveLink({ iface: lab.hostIface });
    const frames = Array.from({ length: 3000 }, (_, i) => numberedFrame(lab.hostMac, i, 60));
    const sending = link.sendMany(frames);
    // sendMany yields after its first slice; close lands there, before the second.
    await link.close();
    await expect(sending).rejects.toThrow(LinkClosedError);
    expect(link.stats.sent).toBe(1024);
    await expect(link.sendMany(frames)).rejects.toThrow(LinkClosedError);
  });

  it('counts frames nobody consumes, and a consumer that subscribes later gets the later frames intact', async () => {
    const link = await openLiveLink({ iface: lab.hostIface, filter: FILTER });
    try {
      await sendFromPeer(
        lab,
        [1, 2, 3].map((i) => numberedFrame(lab.peerMac, i, 80)),
      );
      for (let tries = 0; link.stats.received < 3 && tries < 100; tries++)
        await new Promise((r) => setTimeout(r, 50));
      expect(link.stats.received).toBe(3);
      const later = [4, 5].map((i) => numberedFrame(lab.peerMac, i, 90 + i));
      const seen = sniff({ link, count: 2, timeout: 10_000 });
      await sendFromPeer(lab, later);
      const frames = await collect(seen);
      expect(frames.map((f) => hex(f.data))).toEqual(later.map(hex));
      expect(frames.map((f) => f.originalLength)).toEqual([94, 95]);
      expect(link.stats.received).toBe(5);
    } finally {
      await link.close();
    }
  });
});
