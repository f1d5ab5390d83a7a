/**
 * Live link throughput on a lab veth (needs root): how fast LiveLink injects frames, next to tcpreplay
 * pushing the same frames onto the same veth, and what fraction of tcpreplay's top-speed stream a
 * LiveLink on the other end receives.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openLiveLink } from '../packages/capture/src/link/live-link.js';
import { createLab, type Lab, runCommand } from '../packages/lab/src/index.js';

const BENCH_ETHERTYPE = 0x88b5;
const FRAME_LENGTH = 60;
/**
 * libpcap in immediate mode gives every frame a ring slot sized for cap's fixed 65535-byte snaplen when
 * the interface offloads (a veth does), so the ring holds about bufferSize / 64 KiB frames.
 */
const MIB = 1024 * 1024;
const INJECT_ROUNDS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? 0;
}
/**
 * Session 1's ring (about 1,000 slots): on this shared 2-core machine any pause of the reader longer
 * than ~8 ms at tcpreplay's rate fills it, for tcpdump as for LiveLink (both figures are reported).
 */
const SMALL_RING = 64 * MIB;
/** About 4,000 slots (the kernel pins twice this: one 128 KiB block per 64 KiB slot). */
const LARGE_RING = 256 * MIB;

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

/** Frames/s LiveLink injects: frame by frame (`await send`, as most callers do) and through sendMany. */
async function injectPps(lab: Lab, count: number, mode: 'send' | 'sendMany'): Promise<number> {
  const link = await openLiveLink({ iface: lab.hostIface });
  try {
    const distinct = Array.from({ length: 1024 }, (_, i) => benchFrame(lab.hostMac, i));
    const frames = Array.from({ length: count }, (_, i) => distinct[i & 1023]);
    const start = process.hrtime.bigint();
    if (mode === 'sendMany') await link.sendMany(frames);
    else for (let i = 0; i < count; i++) await link.send(frames[i]);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (link.stats.sent !== count) throw new Error(`LiveLink sent ${link.stats.sent} of ${count} frames`);
    return count / seconds;
  } finally {
    await link.close();
  }
}

/**
 * Replays the bench file from the peer namespace at top speed towards a LiveLink on hostIface. With
 * `consume`, a consumer iterates the frames (each is stamped, copied and queued); without, frames are
 * only counted. Returns tcpreplay's rate and the frames the link received (and the consumer saw).
 */
async function capture(
  lab: Lab,
  pcap: string,
  consume: boolean,
  bufferSize: number,
): Promise<{ replayPps: number; received: number; delivered: number }> {
  const link = await openLiveLink({
    iface: lab.hostIface,
    filter: `ether proto 0x${BENCH_ETHERTYPE.toString(16)}`,
    bufferSize,
  });
  let delivered = 0;
  const consumer = consume
    ? (async () => {
        for await (const _frame of link.frames({ queueCapacity: 1 << 20 })) delivered++;
      })()
    : Promise.resolve();
  let replayPps: number;
  try {
    replayPps = await runTcpreplay(lab, pcap, 'peer');
    await waitUntilQuiet(() => link.stats.received, 300, 30_000);
  } finally {
    await link.close();
    // close() ends the iterator after the frames already queued: the count below is complete.
    await consumer;
  }
  const received = link.stats.received;
  return { replayPps, received, delivered: consume ? delivered : received };
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

    // Warm-up: both send paths JIT-compiled before either is timed.
    await injectPps(lab, 10_000, 'send');
    await injectPps(lab, 10_000, 'sendMany');
    // Rounds of LiveLink then tcpreplay back to back: the machine's load shifts within seconds, so the
    // ratio is the median of per-round ratios.
    const injects: number[] = [];
    const injectsEach: number[] = [];
    const replays: number[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < INJECT_ROUNDS; round++) {
      injects.push(await injectPps(lab, count, 'sendMany'));
      injectsEach.push(await injectPps(lab, count, 'send'));
      // tcpreplay from the root namespace onto the same veth end LiveLink injected on.
      replays.push(await runTcpreplay(lab, pcap, 'root'));
      ratios.push(injects[round] / replays[round]);
    }
    const counted = await capture(lab, pcap, false, LARGE_RING);
    const consumed = await capture(lab, pcap, true, LARGE_RING);
    const countedSmall = await capture(lab, pcap, false, SMALL_RING);
    const tcpdumpSmall = await tcpdumpCapture(lab, pcap, SMALL_RING);
    return {
      frames: count,
      inject_pps: Math.round(median(injects)),
      inject_send_each_pps: Math.round(median(injectsEach)),
      tcpreplay_pps: Math.round(median(replays)),
      inject_vs_tcpreplay: Math.round(median(ratios) * 100) / 100,
      tcpreplay_capture_pps: Math.round(counted.replayPps),
      capture_received: counted.received,
      capture_fraction: counted.received / count,
      tcpreplay_capture_consumed_pps: Math.round(consumed.replayPps),
      capture_consumed_fraction: consumed.delivered / count,
      capture_fraction_64mib: countedSmall.received / count,
      tcpdump_capture_fraction_64mib: tcpdumpSmall / count,
    };
  } finally {
    await lab.close();
  }
}

/** Frames tcpdump (same libpcap, same ring size) captures on hostIface of a top-speed replay from the peer. */
async function tcpdumpCapture(lab: Lab, pcap: string, bufferSize: number): Promise<number> {
  const tcpdump = spawn(
    'tcpdump',
    [
      '-i',
      lab.hostIface,
      '-B',
      String(bufferSize / 1024),
      '--immediate-mode',
      '-w',
      '/dev/null',
      `ether proto 0x${BENCH_ETHERTYPE.toString(16)}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  tcpdump.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<void>((resolve) => tcpdump.on('exit', () => resolve()));
  try {
    const deadline = Date.now() + 10_000;
    while (!/listening on/.test(stderr) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await runTcpreplay(lab, pcap, 'peer');
    await new Promise((r) => setTimeout(r, 500));
  } finally {
    tcpdump.kill('SIGINT');
    await exited;
  }
  const match = /(\d+) packets? captured/.exec(stderr);
  if (!match) throw new Error(`tcpdump printed no count:\n${stderr}`);
  return Number(match[1]);
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
