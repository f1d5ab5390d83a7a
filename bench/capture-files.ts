/**
 * Raw capture-file read speed (records/s, no dissection): our streaming reader, frame by frame with copies
 * (the default) and in batches of views, against npm pcap-parser 0.2.1 on the same 100k-record classic pcap
 * of DHCP-sized frames.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CaptureBytesReader,
  CaptureFileReader,
  type Frame,
  PcapWriter,
} from '../packages/capture/src/index.js';
import { parse } from 'pcap-parser';

const RECORDS = 100_000;
const RUNS = 5;
const DORA = fileURLToPath(new URL('../fixtures/arkime_wireshark-dhcp.pcap', import.meta.url));

/** A DORA exchange repeated with advancing microsecond timestamps: DHCP-like sizes (314/342 bytes). */
async function writeDhcpPcap(path: string): Promise<void> {
  const dora = [...new CaptureBytesReader(await readFile(DORA))];
  const writer = new PcapWriter(path, { linktype: 1 });
  for (let i = 0; i < RECORDS; i++) {
    const template = dora[i % dora.length] as Frame;
    await writer.write({
      ...template,
      timestamp: {
        seconds: 1_700_000_000 + Math.floor(i / 1000),
        nanoseconds: (i % 1000) * 1_000_000,
        precision: 6,
      },
    });
  }
  await writer.close();
}

async function countOurs(path: string): Promise<number> {
  let count = 0;
  for await (const _frame of new CaptureFileReader(path)) count++;
  return count;
}

/** The fast path: one promise per read chunk, frames viewing the read buffer (frameData: 'view'). */
async function countOursBatched(path: string): Promise<number> {
  let count = 0;
  for await (const batch of new CaptureFileReader(path, { frameData: 'view' }).batches())
    count += batch.length;
  return count;
}

function countPcapParser(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let count = 0;
    const parser = parse(path);
    parser.on('packet', () => {
      count++;
    });
    parser.on('error', reject);
    parser.on('end', () => resolve(count));
  });
}

async function medianRate(count: (path: string) => Promise<number>, path: string): Promise<number> {
  const rates: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = process.hrtime.bigint();
    const records = await count(path);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (records !== RECORDS) throw new Error(`bench read ${records} records, expected ${RECORDS}`);
    rates.push(records / seconds);
  }
  rates.sort((a, b) => a - b);
  return Math.round(rates[Math.floor(RUNS / 2)] ?? 0);
}

export async function benchCaptureFiles(): Promise<Record<string, number>> {
  const dir = await mkdtemp(join(tmpdir(), 'wirecraft-bench-files-'));
  try {
    const path = join(dir, 'dhcp-100k.pcap');
    await writeDhcpPcap(path);
    // Warm both up once so the JIT and the page cache treat them alike.
    await countOurs(path);
    await countOursBatched(path);
    await countPcapParser(path);
    const pcap_read_fps = await medianRate(countOurs, path);
    const pcap_read_batch_view_fps = await medianRate(countOursBatched, path);
    const pcap_parser_fps = await medianRate(countPcapParser, path);
    return { pcap_read_fps, pcap_read_batch_view_fps, pcap_parser_fps };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
