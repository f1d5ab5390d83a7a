/**
 * Live link throughput on a lab veth (needs root): how fast LiveLink injects frames, next to tcpreplay
 * pushing the same frames onto the same veth, and what fraction of tcpreplay's top-speed stream a
 * LiveLink on the other end receives.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLab, type Lab, runCommand } from '../packages/lab/src/index.js';
import { openLiveLink } from '../packages/capture/src/link/live-link.js';

const BENCH_ETHERTYPE = 0x88b5;
const FRAME_LENGTH = 60;

export interface CaptureLiveOptions {
  /** Frames per measurement; default 200,000. */
  frames?: number;
}

function benchFrame(srcMac: string, sequence: number): Uint8Array {
  const frame = new Uint8Array(FRAME_LENGTH);
  frame.fill(0xff, 0, 6);
  frame.set(
    srcMac.split(':').map((h) => Number.parseInt(h, 16)),
    6,
  );
  frame[12] = BENCH_ETHERTYPE >> 8;
  frame[13] = BENCH_ETHERTYPE & 0xff;
  new DataView(frame.buffer).setUint32(14, sequence);
  return frame;
}

/** A classic little-endian microsecond pcap of `count` bench frames (kept here: the bench needs no file API). */
function writeBenchPcap(path: string, srcMac: string, count: number): void {
  const record = 16 + FRAME_LENGTH;
  const bytes = new Uint8Array(24 + count * record);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0xa1b2c3d4, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, 65535, true);
  view.setUint32(20, 1, true);
  for (let i = 0; i < count; i++) {
    const at = 24 + i * record;
    view.setUint32(at, 1_700_000_000, true);
    view.setUint32(at + 4, i % 1_000_000, true);
    view.setUint32(at + 8, FRAME_LENGTH, true);
    view.setUint32(at + 12, FRAME_LENGTH, true);
    bytes.set(benchFrame(srcMac, i), at + 16);
  }
  writeFileSync(path, bytes);
}

/** tcpreplay prints "Rated: ... Bps, ... Mbps, N pps". */
function tcpreplayPps(output: string): number {
  const match = /Rated:.*?([\d.]+) pps/.exec(output);
  if (!match) throw new Error(`tcpreplay printed no rate:\n${output}`);
  return Number(match[1]);
}

async function injectPps(lab: Lab, count: number): Promise<number> {
  const link = await openLiveLink({ iface: lab.hostIface });
  try {
    const frames = Array.from({ length: 1024 }, (_, i) => benchFrame(lab.hostMac, i));
    const start = process.hrtime.bigint();
    for (let i = 0; i < count; i++) await link.send(frames[i & 1023]);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return count / seconds;
  } finally {
    await link.close();
  }
}

async function waitUntilQuiet(read: () => number, quietMs: number, limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  let last = -1;
  while (Date.now() < deadline) {
    const now = read();
    if (now === last) return;
    last = now;
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  }
}

export async function benchCaptureLive(options: CaptureLiveOptions = {}): Promise<Record<string, number>> {
  const count = options.frames ?? 200_000;
  const lab = await createLab({ name: 'bench-live' });
  try {
    const pcap = join(lab.tmpDir, 'bench-frames.pcap');
    writeBenchPcap(pcap, lab.peerMac, count);

    const inject = await injectPps(lab, count);

    // tcpreplay from the root namespace onto the same veth end LiveLink injected on.
    const rootReplay = await runTcpreplay(lab, pcap, 'root');
    // The capture side: tcpreplay in the peer namespace sends towards hostIface, where LiveLink listens.
    const link = await openLiveLink({
      iface: lab.hostIface,
      filter: `ether proto 0x${BENCH_ETHERTYPE.toString(16)}`,
      bufferSize: 64 * 1024 * 1024,
    });
    let captureReplay: number;
    let received: number;
    try {
      captureReplay = await runTcpreplay(lab, pcap, 'peer');
      await waitUntilQuiet(() => link.stats.received, 300, 30_000);
      received = link.stats.received;
    } finally {
      await link.close();
    }
    return {
      frames: count,
      inject_pps: Math.round(inject),
      tcpreplay_pps: Math.round(rootReplay),
      tcpreplay_capture_pps: Math.round(captureReplay),
      capture_received: received,
      capture_fraction: received / count,
    };
  } finally {
    await lab.close();
  }
}

/** tcpreplay at top speed from the root namespace onto hostIface, or from peerNs onto peerIface. */
async function runTcpreplay(lab: Lab, pcap: string, side: 'root' | 'peer'): Promise<number> {
  const args = ['--topspeed', '--preload-pcap', '-q'];
  const result =
    side === 'peer'
      ? await lab.exec(['tcpreplay', ...args, '-i', lab.peerIface, pcap], { timeoutMs: 120_000 })
      : await runCommand(['tcpreplay', ...args, '-i', lab.hostIface, pcap], { timeoutMs: 120_000 });
  if (result.code !== 0) throw new Error(`tcpreplay failed (${result.code}): ${result.stderr}`);
  return tcpreplayPps(result.stdout + result.stderr);
}
