import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { Frame } from '@wirecraft/capture';
import { CaptureBytesReader, CaptureFileReader, formatTimestamp } from '@wirecraft/capture';
import type { WrittenPacket } from './random-capture-files.js';
import { randomCaptureFiles } from './random-capture-files.js';

const SEED = 0x5eed_f11e;
const files = randomCaptureFiles(SEED, 36);

const tshark = spawnSync('tshark', ['-v'], { encoding: 'utf8' });
const hasTshark = tshark.status === 0;
if (!hasTshark)
  console.log(
    `random-files-match-tshark: skipped, tshark is not installed (${tshark.error?.message ?? tshark.stderr})`,
  );
const describeWithTshark = hasTshark ? describe : describe.skip;

const scratch = mkdtempSync(join(tmpdir(), 'wirecraft-random-files-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** tshark's frame.encap_type (a wiretap WTAP_ENCAP_* number) for each LINKTYPE_* the files use. */
const ENCAPSULATION_OF_LINKTYPE: Record<number, string> = {
  0: '15',
  1: '1',
  101: '7',
  113: '25',
  276: '210',
};

interface Row {
  /** frame.time_epoch: always 9 fractional digits in tshark 4.0. */
  time: string;
  length: string;
  capturedLength: string;
  encapsulation: string;
}

function tsharkRows(path: string): Row[] {
  const fields = ['frame.time_epoch', 'frame.len', 'frame.cap_len', 'frame.encap_type'].flatMap((f) => [
    '-e',
    f,
  ]);
  const run = spawnSync('tshark', ['-r', path, '-T', 'fields', ...fields, '-E', 'separator=/t'], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`tshark -r ${path} failed: ${run.stderr}`);
  return run.stdout
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => {
      const [time = '', length = '', capturedLength = '', encapsulation = ''] = line.split('\t');
      return { time, length, capturedLength, encapsulation };
    });
}

/**
 * Our frame in tshark's terms; formatTimestamp keeps the file's own digits, frame.time_epoch pads to 9.
 * SPB frames carry no timestamp (we give 0 with precision 0), and tshark prints an empty time for them.
 */
function asRow(frame: Frame): Row {
  const { timestamp } = frame;
  const [seconds, fraction = ''] = formatTimestamp(timestamp).split('.');
  const hasTimestamp = timestamp.precision > 0 || timestamp.seconds > 0;
  return {
    time: hasTimestamp ? `${seconds}.${fraction.padEnd(9, '0')}` : '',
    length: String(frame.originalLength),
    capturedLength: String(frame.data.length),
    encapsulation: ENCAPSULATION_OF_LINKTYPE[frame.linktype] ?? `linktype ${frame.linktype}`,
  };
}

/** The exact time of a written packet, to the nanosecond (truncated), from the raw ticks. */
function exactTime({ ticks, unitsPerSecond, offsetSeconds }: Required<WrittenPacket>['time']): string {
  const nanoseconds = ((ticks % unitsPerSecond) * 1_000_000_000n) / unitsPerSecond;
  return `${ticks / unitsPerSecond + offsetSeconds}.${String(nanoseconds).padStart(9, '0')}`;
}

/**
 * The time tshark 4.0 prints. wiretap computes nanoseconds as ((ticks % units) * 1e9) / units in 64 bits,
 * which wraps for resolutions finer than 2^64/1e9 ticks per second (binary if_tsresol 2^-35 and finer),
 * so it prints a wrong fraction there. We print the exact one; this models tshark's wrap so the rest of
 * the row is still compared with tshark's.
 */
function tsharkTime(time: Required<WrittenPacket>['time']): string {
  const { ticks, unitsPerSecond, offsetSeconds } = time;
  if (unitsPerSecond * 1_000_000_000n < 1n << 64n) return exactTime(time);
  const nanoseconds = BigInt.asUintN(64, (ticks % unitsPerSecond) * 1_000_000_000n) / unitsPerSecond;
  return `${ticks / unitsPerSecond + offsetSeconds}.${String(nanoseconds).padStart(9, '0')}`;
}

describeWithTshark(`random capture files (seed ${SEED}) read as tshark 4.0 reads them`, () => {
  it.each(files.map((file) => [file.name, file] as const))('%s', async (name, file) => {
    const path = join(scratch, name);
    writeFileSync(path, file.bytes);
    const reader = new CaptureBytesReader(file.bytes);
    const frames = [...reader];
    const info = reader.info;
    if (info === undefined) throw new Error(`${name}: no header decoded`);
    const ours = frames.map(asRow);
    expect(frames.map((frame) => frame.linktype)).toEqual(file.packets.map((packet) => packet.linktype));
    expect(ours.map((row) => row.time)).toEqual(
      file.packets.map((packet) => (packet.time === undefined ? '' : exactTime(packet.time))),
    );

    const rows = tsharkRows(path);
    // tshark 4.0 lists pcapng custom blocks as records with no encapsulation. They are not packets: we skip
    // them, count them, and check that the count is exactly what tshark added.
    const packetRows = rows.filter((row) => row.encapsulation !== '');
    expect(rows.length - packetRows.length).toBe(info.customBlocks);
    const tsharkView = ours.map((row, i) => {
      const time = file.packets[i]?.time;
      return time === undefined ? row : { ...row, time: tsharkTime(time) };
    });
    expect(tsharkView).toEqual(packetRows);

    // The streaming reader must agree with the in-memory one, even through a tiny buffer.
    const streamed: Frame[] = [];
    for await (const frame of new CaptureFileReader(path, { chunkBytes: 64 })) streamed.push(frame);
    expect(streamed).toEqual(frames);
  });
});
