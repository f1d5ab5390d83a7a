/**
 * Capture benchmark group: reading + full dissection of a 100k-frame DHCP pcap (DISCOVER/OFFER/REQUEST/ACK
 * built by our packet builder, valid checksums) against tshark's DHCP decode and scapy's rdpcap, in the same
 * run; plus veth injection/capture figures from bench/capture-live.ts when that module is present.
 * Progress goes to stderr; the returned figures are what `pnpm bench --json capture` prints.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CaptureBytesReader,
  CaptureFileReader,
  encodePcap,
  type Frame,
} from '../packages/capture/src/index.js';
import {
  BOOTP,
  DHCP,
  type DhcpOptionList,
  Ether,
  IP,
  type Packet,
  packet,
  build,
  dissect,
  UDP,
} from '../packages/packet/src/index.js';
import { handDissect, handDissectAgrees, touchHandDissected } from './hand-dissect.js';

const FRAMES = 100_000;
/** scapy reads about 4,400 frames/s here: a 10k-frame prefix of the same file keeps its run near 2 s. */
const SCAPY_FRAMES = 10_000;
const RUNS = 5;
const TOOL_RUNS = 3;
const SCAPY_PYTHON = '/usr/bin/python3';
const SERVER = '198.18.0.1';

function progress(message: string): void {
  process.stderr.write(`bench: capture: ${message}\n`);
}

function macOf(client: number): string {
  const hex = (n: number) => (n & 0xff).toString(16).padStart(2, '0');
  return `02:00:${hex(client >>> 24)}:${hex(client >>> 16)}:${hex(client >>> 8)}:${hex(client)}`;
}

function addressOf(client: number): string {
  return `198.18.${1 + ((client >>> 8) & 0x7f)}.${1 + (client & 0xfd)}`;
}

/** One client's DORA exchange, as a server and a client on a lab segment would send it. */
function doraPackets(client: number): Packet[] {
  const mac = macOf(client);
  const offered = addressOf(client);
  const xid = (0x5eed0000 + client * 2654435761) >>> 0;
  const hostname = `host-${client}`;
  const request = (type: 'discover' | 'request') =>
    packet(
      Ether({ src: mac, dst: 'ff:ff:ff:ff:ff:ff' }),
      IP({ src: '0.0.0.0', dst: '255.255.255.255' }),
      UDP(),
      BOOTP({ chaddr: mac, xid, flags: 0x8000 }),
      DHCP({
        options: [
          ['message-type', type],
          ['client_id', mac],
          ...(type === 'request'
            ? ([
                ['requested_addr', offered],
                ['server_id', SERVER],
              ] as const)
            : []),
          ['max_dhcp_size', 1500],
          ['hostname', hostname],
          ['param_req_list', [1, 3, 6, 15, 51, 54, 58, 59]],
          'end',
        ],
      }),
    );
  const reply = (type: 'offer' | 'ack') =>
    packet(
      Ether({ src: '02:00:c6:12:00:01', dst: 'ff:ff:ff:ff:ff:ff' }),
      IP({ src: SERVER, dst: '255.255.255.255' }),
      UDP(),
      BOOTP({ op: 2, chaddr: mac, xid, flags: 0x8000, yiaddr: offered, siaddr: SERVER }),
      DHCP({
        options: {
          'message-type': type,
          server_id: SERVER,
          lease_time: 3600,
          renewal_time: 1800,
          rebinding_time: 3150,
          subnet_mask: '255.254.0.0',
          router: [SERVER],
          name_server: [SERVER, '198.18.0.2'],
          domain: 'lab.example',
        },
      }),
    );
  return [request('discover'), reply('offer'), request('request'), reply('ack')];
}

function buildFrames(count: number): Frame[] {
  const frames: Frame[] = [];
  for (let client = 0; frames.length < count; client++) {
    for (const p of doraPackets(client)) {
      if (frames.length === count) break;
      const i = frames.length;
      const data = build(p);
      frames.push({
        data,
        timestamp: {
          seconds: 1_700_000_000 + Math.floor(i / 1000),
          nanoseconds: (i % 1000) * 1_000_000,
          precision: 6,
        },
        originalLength: data.length,
        linktype: 1,
      });
    }
  }
  return frames;
}

function touchOptions(list: DhcpOptionList): number {
  let n = list.codes.length;
  const values = list.values;
  for (let i = 0; i < values.length; i++) if (values[i] !== null) n++;
  if (list.file) n += touchOptions(list.file);
  if (list.sname) n += touchOptions(list.sname);
  return n;
}

/**
 * Reads every decoded value, so no dissection work can be skipped or left lazy. No `instanceof` per value:
 * against a class of ours it costs ~17 ns a value in V8, more than dissecting the value; the option list is
 * reached through the DHCP layer instead.
 */
function touch(p: Packet): number {
  let n = p.problems.length;
  const layers = p.layers;
  for (let l = 0; l < layers.length; l++) {
    const layer = layers[l];
    const values = layer.values;
    for (let i = 0; i < values.length; i++) if (values[i] !== undefined) n++;
    if (layer.def === DHCP.def) n += touchOptions(values[0] as DhcpOptionList);
  }
  return n;
}

/** Every frame must dissect to Ether/IP/UDP/BOOTP/DHCP with no problem (checksums valid). */
function checkFrames(frames: Frame[]): void {
  const types = new Map<string, number>();
  for (const frame of frames) {
    const p = dissect(frame.data);
    const names = p.layerNames().join('/');
    if (names !== 'Ether/IP/UDP/BOOTP/DHCP' || p.problems.length > 0)
      throw new Error(`bench frame dissects as ${names} with ${p.problems.length} problem(s)`);
    if (!handDissectAgrees(frame.data))
      throw new Error('the hand-written reference dissects a bench frame differently from dissect()');
    const type = String(p.layer(DHCP).messageType);
    types.set(type, (types.get(type) ?? 0) + 1);
  }
  progress(`frames check: ${[...types].map(([t, n]) => `${n} ${t}`).join(', ')}`);
}

type Measured = { frames: number; sum: number };

async function readFrames(path: string): Promise<Measured> {
  let frames = 0;
  for await (const _frame of new CaptureFileReader(path)) frames++;
  return { frames, sum: frames };
}

async function readBatchedViews(path: string): Promise<Measured> {
  let frames = 0;
  let sum = 0;
  for await (const batch of new CaptureFileReader(path, { frameData: 'view' }).batches()) {
    frames += batch.length;
    for (let i = 0; i < batch.length; i++) sum += batch[i].data.length;
  }
  return { frames, sum };
}

async function readDissectFrames(path: string): Promise<Measured> {
  let frames = 0;
  let sum = 0;
  for await (const frame of new CaptureFileReader(path)) {
    frames++;
    sum += touch(dissect(frame.data, { linktype: frame.linktype }));
  }
  return { frames, sum };
}

/** Reads the file in batches of views and hands each frame to `dissectAndTouch`; sums what it returns. */
async function readBatched(
  path: string,
  dissectAndTouch: (data: Uint8Array, linktype: number) => number,
): Promise<Measured> {
  let frames = 0;
  let sum = 0;
  for await (const batch of new CaptureFileReader(path, { frameData: 'view' }).batches()) {
    frames += batch.length;
    for (let i = 0; i < batch.length; i++) sum += dissectAndTouch(batch[i].data, batch[i].linktype);
  }
  return { frames, sum };
}

const readDissectBatched = (path: string) =>
  readBatched(path, (data, linktype) => touch(dissect(data, { linktype })));

/** The same read, with the hand-written reference dissector (bench/hand-dissect.ts) instead of dissect(). */
const readHandDissectBatched = (path: string) =>
  readBatched(path, (data) => {
    const d = handDissect(data);
    if (d === undefined) throw new Error('the hand-written reference rejected a bench frame');
    return touchHandDissected(d);
  });

function dissectInMemory(frames: Frame[]): Measured {
  let sum = 0;
  for (let i = 0; i < frames.length; i++) sum += touch(dissect(frames[i].data));
  return { frames: frames.length, sum };
}

function readBytesViews(bytes: Uint8Array): Measured {
  let frames = 0;
  let sum = 0;
  for (const frame of new CaptureBytesReader(bytes, { frameData: 'view' })) {
    frames++;
    sum += frame.data.length;
  }
  return { frames, sum };
}

async function medianRate(
  label: string,
  expected: number,
  run: () => Measured | Promise<Measured>,
): Promise<number> {
  const rates: number[] = [];
  let sum: number | undefined;
  for (let r = 0; r < RUNS; r++) {
    const started = process.hrtime.bigint();
    const result = await run();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (result.frames !== expected)
      throw new Error(`${label}: ${result.frames} frames, expected ${expected}`);
    // The same file gives the same checksum of touched values every run, or something was skipped.
    if (sum !== undefined && result.sum !== sum)
      throw new Error(`${label}: value count changed between runs`);
    sum = result.sum;
    rates.push(result.frames / seconds);
  }
  rates.sort((a, b) => a - b);
  const median = Math.round(rates[Math.floor(RUNS / 2)] ?? 0);
  progress(
    `${label}: ${median.toLocaleString('en-US')} frames/s (runs ${rates.map((r) => Math.round(r)).join(', ')})`,
  );
  return median;
}

/** tshark decoding every frame as DHCP and printing each one's message type (a full DHCP decode). */
function tsharkRate(path: string, expected: number): number {
  const rates: number[] = [];
  for (let r = 0; r < TOOL_RUNS; r++) {
    const started = process.hrtime.bigint();
    const run = spawnSync(
      'tshark',
      ['-n', '-r', path, '-Y', 'dhcp', '-T', 'fields', '-e', 'dhcp.option.dhcp', '-e', 'dhcp.option.type'],
      { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (run.status !== 0) throw new Error(`tshark failed: ${run.stderr}`);
    const lines = run.stdout.split('\n').filter((line) => line.length > 0).length;
    if (lines !== expected) throw new Error(`tshark decoded ${lines} DHCP frames, expected ${expected}`);
    rates.push(expected / seconds);
  }
  rates.sort((a, b) => a - b);
  return Math.round(rates[Math.floor(TOOL_RUNS / 2)] ?? 0);
}

/** scapy 2.5 rdpcap (which dissects every layer and option), timed inside Python so imports do not count. */
function scapyRate(path: string, expected: number): number {
  const script = [
    'import sys, time',
    'from scapy.all import rdpcap, DHCP',
    't = time.perf_counter()',
    'packets = rdpcap(sys.argv[1])',
    'n = sum(len(p[DHCP].options) for p in packets)',
    'print(len(packets), time.perf_counter() - t, n)',
  ].join('\n');
  const run = spawnSync(SCAPY_PYTHON, ['-c', script, path], { encoding: 'utf8', timeout: 300_000 });
  if (run.status !== 0) throw new Error(`scapy failed: ${run.stderr || run.error?.message}`);
  const [count, seconds] = run.stdout.trim().split(' ').map(Number);
  if (count !== expected) throw new Error(`scapy read ${count} frames, expected ${expected}`);
  return Math.round(count / seconds);
}

type LiveBench = () => Promise<Record<string, number>>;

/** bench/capture-live.ts is written by another helper; its figures join ours when it is there. */
async function liveFigures(): Promise<Record<string, number>> {
  const module = './capture-live.ts';
  if (!existsSync(fileURLToPath(new URL(module, import.meta.url)))) {
    progress('bench/capture-live.ts not present: inject_pps and capture_fraction left out');
    return {};
  }
  const loaded: { benchCaptureLive?: unknown } = await import(module.replace(/\.ts$/, '.js'));
  if (typeof loaded.benchCaptureLive !== 'function') {
    progress('bench/capture-live.ts exports no benchCaptureLive(): live figures left out');
    return {};
  }
  return (loaded.benchCaptureLive as LiveBench)();
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : 0);

export async function benchCapture(): Promise<Record<string, number>> {
  const dir = await mkdtemp(join(tmpdir(), 'wirecraft-bench-capture-'));
  try {
    progress(`building ${FRAMES.toLocaleString('en-US')} DHCP frames`);
    const frames = buildFrames(FRAMES);
    checkFrames(frames);
    const file = encodePcap(frames, { linktype: 1 });
    const path = join(dir, 'dhcp-100k.pcap');
    await writeFile(path, file);
    const scapyPath = join(dir, 'dhcp-10k.pcap');
    await writeFile(scapyPath, encodePcap(frames.slice(0, SCAPY_FRAMES), { linktype: 1 }));

    // Warm-up so the JIT and the page cache treat every variant alike.
    await readDissectBatched(path);
    await readDissectFrames(path);
    const pcap_read_fps = await medianRate('read, frame by frame (copies)', FRAMES, () => readFrames(path));
    const pcap_read_batch_view_fps = await medianRate('read, batches of views', FRAMES, () =>
      readBatchedViews(path),
    );
    const bytes_read_view_fps = await medianRate('in-memory read, views', FRAMES, () => readBytesViews(file));
    const dissect_fps = await medianRate('dissect only (frames in memory)', FRAMES, () =>
      dissectInMemory(frames),
    );
    const pcap_read_dissect_fps = await medianRate('read + dissect, batches of views', FRAMES, () =>
      readDissectBatched(path),
    );
    const pcap_read_dissect_frame_fps = await medianRate('read + dissect, frame by frame', FRAMES, () =>
      readDissectFrames(path),
    );
    const hand_written_read_dissect_fps = await medianRate(
      'read + hand-written dissect (reference), batches of views',
      FRAMES,
      () => readHandDissectBatched(path),
    );
    progress('tshark -Y dhcp (100k frames)');
    const tshark_fps = tsharkRate(path, FRAMES);
    progress(`tshark: ${tshark_fps.toLocaleString('en-US')} frames/s`);
    progress(`scapy rdpcap (${SCAPY_FRAMES.toLocaleString('en-US')} frames)`);
    const scapy_rdpcap_fps = scapyRate(scapyPath, SCAPY_FRAMES);
    progress(`scapy: ${scapy_rdpcap_fps.toLocaleString('en-US')} frames/s`);
    const live = await liveFigures();
    return {
      pcap_read_dissect_fps,
      pcap_read_dissect_frame_fps,
      dissect_fps,
      pcap_read_fps,
      pcap_read_batch_view_fps,
      bytes_read_view_fps,
      tshark_fps,
      scapy_rdpcap_fps,
      read_dissect_vs_tshark: ratio(pcap_read_dissect_fps, tshark_fps),
      read_dissect_vs_scapy: ratio(pcap_read_dissect_fps, scapy_rdpcap_fps),
      hand_written_read_dissect_fps,
      read_dissect_vs_hand_written: ratio(pcap_read_dissect_fps, hand_written_read_dissect_fps),
      read_dissect_target_fps: 1_000_000,
      ...live,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
