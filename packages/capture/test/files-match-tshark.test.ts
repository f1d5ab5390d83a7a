import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { CaptureBytesReader, CaptureFileReader, formatTimestamp } from '@wirecraft/capture';
import type { Frame } from '@wirecraft/capture';
import { pcapngBytes } from './random-capture-files.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
const files = readdirSync(fixtures)
  .filter((name) => /\.pcap(ng)?$/.test(name))
  .sort();
const tshark = spawnSync('tshark', ['-v'], { encoding: 'utf8' });
const hasTshark = tshark.status === 0;
if (!hasTshark)
  console.log(
    `files-match-tshark: skipped, tshark is not installed (${tshark.error?.message ?? tshark.stderr})`,
  );
const describeWithTshark = hasTshark ? describe : describe.skip;

interface TsharkRow {
  /** `-t e` column time: the epoch time printed with the file's own precision; empty when the record has none. */
  time: string;
  length: number;
  capturedLength: number;
  encapsulation: string;
}

function tsharkRows(path: string): TsharkRow[] {
  const fields = ['_ws.col.Time', 'frame.len', 'frame.cap_len', 'frame.encap_type'].flatMap((f) => ['-e', f]);
  const run = spawnSync('tshark', ['-r', path, '-t', 'e', '-T', 'fields', ...fields, '-E', 'separator=/t'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`tshark -r ${path} failed: ${run.stderr}`);
  return run.stdout
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => {
      const [time = '', length = '', capturedLength = '', encapsulation = ''] = line.split('\t');
      return { time, length: Number(length), capturedLength: Number(capturedLength), encapsulation };
    });
}

/** Our frame in tshark's terms. SPB frames carry no timestamp, and tshark prints an empty time for them. */
function asRow(frame: Frame, hasTimestamp: boolean): Omit<TsharkRow, 'encapsulation'> {
  return {
    time: hasTimestamp ? formatTimestamp(frame.timestamp) : '',
    length: frame.originalLength,
    capturedLength: frame.data.length,
  };
}

describeWithTshark('every fixture reads as tshark 4.0 reads it', () => {
  it.each(files)('%s', async (name) => {
    const path = `${fixtures}${name}`;
    const reader = new CaptureBytesReader(readFileSync(path));
    const frames = [...reader];
    const info = reader.info;
    if (info === undefined) throw new Error(`${name}: no header decoded`);
    const rows = tsharkRows(path);
    // tshark 4.0 lists pcapng custom blocks as records with no encapsulation (and no interface). They are
    // not packets: we skip them, count them, and check that the count is exactly what tshark added.
    const packetRows = rows.filter((row) => row.encapsulation !== '');
    expect(rows.length - packetRows.length).toBe(info.customBlocks);
    const ours = frames.map((frame) =>
      asRow(frame, frame.timestamp.precision > 0 || frame.timestamp.seconds > 0),
    );
    expect(ours).toEqual(packetRows.map(({ encapsulation: _, ...row }) => row));
    // The streaming reader must agree with the in-memory one, even through a tiny buffer.
    const streamed: Frame[] = [];
    for await (const frame of new CaptureFileReader(path, { chunkBytes: 64 })) streamed.push(frame);
    expect(streamed).toEqual(frames);
  });

  it('keeps nanosecond precision from pcapng if_tsresol=9 (test008), digit for digit with tshark', () => {
    const path = `${fixtures}pcapngtest_le_test008.pcapng`;
    const frames = [...new CaptureBytesReader(readFileSync(path))];
    expect(frames.map((f) => formatTimestamp(f.timestamp))).toEqual([
      '1340954.905298858',
      '1340954.905299858',
      '1340954.905300858',
      '1340954.905301858',
    ]);
    expect(frames.map((f) => f.timestamp.precision)).toEqual([9, 9, 9, 9]);
    expect(tsharkRows(path).map((row) => row.time)).toEqual(frames.map((f) => formatTimestamp(f.timestamp)));
  });

  it('gives binary if_tsresol (2^-n) times to the nanosecond, digit for digit with frame.time_epoch', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wirecraft-tsresol-'));
    try {
      for (const tsresol of [0x81, 0x84, 0x8a, 0x94, 0x9e]) {
        const path = join(dir, `tsresol-${tsresol}.pcapng`);
        const units = 1n << BigInt(tsresol & 0x7f);
        const { bytes } = pcapngBytes([
          {
            little: true,
            interfaces: [{ linktype: 1, snaplen: 65535, tsresol }],
            blocks: [
              {
                kind: 'epb',
                iface: 0,
                seconds: 1_234_567,
                fraction: (units * 3n) / 7n,
                captured: 60,
                cut: 0,
              },
            ],
          },
        ]);
        writeFileSync(path, bytes);
        const frames = [...new CaptureBytesReader(readFileSync(path))];
        const run = spawnSync('tshark', ['-r', path, '-T', 'fields', '-e', 'frame.time_epoch'], {
          encoding: 'utf8',
        });
        expect(frames.map((f) => formatTimestamp(f.timestamp))).toEqual([run.stdout.trim()]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('masks the FCS bits of tcpdump_bootp_asan.pcap (linktype field 0x04000001) to Ethernet', () => {
    const frames = [...new CaptureBytesReader(readFileSync(`${fixtures}tcpdump_bootp_asan.pcap`))];
    expect(frames.map((f) => [f.linktype, f.data.length, f.originalLength])).toEqual([[1, 90, 65570]]);
  });
});
