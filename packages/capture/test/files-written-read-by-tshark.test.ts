import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { Frame, PcapngWriteOptions, PcapWriteOptions } from '@wirecraft/capture';
import { CaptureBytesReader, formatTimestamp, PcapngWriter, PcapWriter } from '@wirecraft/capture';

const fixtures = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
const tshark = spawnSync('tshark', ['-v'], { encoding: 'utf8' });
const hasTshark = tshark.status === 0;
if (!hasTshark) {
  console.log(
    `files-written-read-by-tshark: skipped, tshark is not installed (${tshark.error?.message ?? tshark.stderr})`,
  );
}
const describeWithTshark = hasTshark ? describe : describe.skip;
const scratch = mkdtempSync(join(tmpdir(), 'wirecraft-tshark-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function fixtureFrames(name: string): Frame[] {
  return [...new CaptureBytesReader(readFileSync(`${fixtures}${name}`))];
}

/** Nanosecond timestamps that stress the 64-bit tick split (past 2^53 ns) and every digit. */
function nanosecondFrames(): Frame[] {
  return fixtureFrames('zeek_dhcp_flood.pcap').map((frame, i) => ({
    ...frame,
    timestamp: { seconds: 4_000_000_000 - i * 9973, nanoseconds: (i * 123_456_789) % 1e9, precision: 9 },
  }));
}

interface TsharkPacket {
  time: string;
  length: number;
  capturedLength: number;
  interfaceId: string;
  hex: string;
}

/** Each packet as tshark sees it: `-T json -x` gives the raw bytes as frame_raw hex. */
function tsharkPackets(path: string): TsharkPacket[] {
  const columns = spawnSync(
    'tshark',
    [
      '-r',
      path,
      '-t',
      'e',
      '-T',
      'fields',
      '-E',
      'separator=/t',
      ...['_ws.col.Time', 'frame.len', 'frame.cap_len', 'frame.interface_id'].flatMap((f) => ['-e', f]),
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const raw = spawnSync('tshark', ['-r', path, '-T', 'json', '-x', '-j', 'frame'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (columns.status !== 0 || raw.status !== 0)
    throw new Error(`tshark -r ${path} failed: ${columns.stderr}${raw.stderr}`);
  const packets = JSON.parse(raw.stdout) as { _source: { layers: { frame_raw: [string, ...unknown[]] } } }[];
  const rows = columns.stdout.split('\n').filter((line) => line.length > 0);
  expect(rows).toHaveLength(packets.length);
  return rows.map((line, i) => {
    const [time = '', length = '', capturedLength = '', interfaceId = ''] = line.split('\t');
    return {
      time,
      length: Number(length),
      capturedLength: Number(capturedLength),
      interfaceId,
      hex: packets[i]?._source.layers.frame_raw[0] ?? '',
    };
  });
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

async function write(
  path: string,
  frames: Frame[],
  make: (path: string) => PcapWriter | PcapngWriter,
): Promise<void> {
  const writer = make(path);
  await writer.writeAll(frames);
  await writer.close();
}

/** The timestamp a file written at this precision holds: microsecond files drop sub-microsecond digits. */
function written(frame: Frame, precision: 6 | 9): string {
  const nanoseconds =
    precision === 6 ? Math.floor(frame.timestamp.nanoseconds / 1000) * 1000 : frame.timestamp.nanoseconds;
  return formatTimestamp({ seconds: frame.timestamp.seconds, nanoseconds, precision });
}

describeWithTshark('files we write are read back identically by tshark', () => {
  const pcapCases: [string, Frame[], PcapWriteOptions, 6 | 9][] = [
    ['pcap, microseconds, DHCP flood', fixtureFrames('zeek_dhcp_flood.pcap'), { linktype: 1 }, 6],
    ['pcap, nanoseconds', nanosecondFrames(), { linktype: 1, precision: 'nano' }, 9],
    ['pcap, Linux SLL', fixtureFrames('pcapplusplus_sll.pcap'), { linktype: 113 }, 6],
  ];

  it.each(pcapCases)('%s', async (label, frames, options, precision) => {
    const path = join(scratch, `${label.replace(/\W+/g, '-')}.pcap`);
    await write(path, frames, (p) => new PcapWriter(p, options));
    const packets = tsharkPackets(path);
    expect(packets).toEqual(
      frames.map((frame) => ({
        time: written(frame, precision),
        length: frame.originalLength,
        capturedLength: frame.data.length,
        interfaceId: '',
        hex: hex(frame.data),
      })),
    );
  });

  const pcapngCases: [string, Frame[], PcapngWriteOptions, 6 | 9][] = [
    ['pcapng, microseconds, two link types (test006)', fixtureFrames('pcapngtest_le_test006.pcapng'), {}, 6],
    ['pcapng, nanoseconds, if_tsresol=9', nanosecondFrames(), { precision: 'nano' }, 9],
    [
      'pcapng, nanoseconds, test008 truncated frames',
      fixtureFrames('pcapngtest_le_test008.pcapng'),
      { precision: 'nano' },
      9,
    ],
  ];

  it.each(pcapngCases)('%s', async (label, frames, options, precision) => {
    const path = join(scratch, `${label.replace(/\W+/g, '-')}.pcapng`);
    await write(path, frames, (p) => new PcapngWriter(p, options));
    const ids = new Map<string, number>();
    const packets = tsharkPackets(path);
    expect(packets).toEqual(
      frames.map((frame) => {
        const key = `${frame.interfaceId ?? 0}/${frame.linktype}`;
        if (!ids.has(key)) ids.set(key, ids.size);
        return {
          time: written(frame, precision),
          length: frame.originalLength,
          capturedLength: frame.data.length,
          interfaceId: String(ids.get(key)),
          hex: hex(frame.data),
        };
      }),
    );
  });
});
