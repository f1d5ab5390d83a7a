import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { Frame } from '../frame.js';
import { readCaptureBytes } from './capture-bytes-reader.js';
import { CaptureFileOpenError, PcapTruncatedError } from './capture-file-errors.js';
import { CaptureFileReader, readCaptureFile } from './capture-file-reader.js';
import { encodePcap, encodePcapng } from './capture-writer.js';

const scratch = mkdtempSync(join(tmpdir(), 'wirecraft-reader-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const frames: Frame[] = Array.from({ length: 200 }, (_, i) => ({
  data: new Uint8Array(40 + ((i * 37) % 400)).fill(i & 0xff),
  timestamp: { seconds: 1_700_000_000 + i, nanoseconds: i * 1001, precision: 9 },
  originalLength: 40 + ((i * 37) % 400),
  linktype: 1,
  interfaceId: 0,
}));
const pcapng = encodePcapng(frames, { precision: 'nano' });

async function collect(source: AsyncIterable<Frame>): Promise<{ frames: Frame[]; error: unknown }> {
  const seen: Frame[] = [];
  try {
    for await (const frame of source) seen.push(frame);
  } catch (error) {
    return { frames: seen, error };
  }
  return { frames: seen, error: undefined };
}

function chunked(bytes: Uint8Array, size: number): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(Buffer.from(bytes.subarray(at, at + size)));
  return Readable.from(chunks);
}

describe('streaming reader', () => {
  it.each([1, 7, 64, 100_000])(
    'gives the same frames as the in-memory reader with %i-byte stream chunks',
    async (size) => {
      const { frames: read, error } = await collect(readCaptureFile(chunked(pcapng, size)));
      expect(error).toBeUndefined();
      expect(read).toEqual(readCaptureBytes(pcapng));
    },
  );

  it('reads a file with a read buffer smaller than one record (the buffer grows)', async () => {
    const path = join(scratch, 'small-buffer.pcapng');
    writeFileSync(path, pcapng);
    const { frames: read } = await collect(new CaptureFileReader(path, { chunkBytes: 16 }));
    expect(read).toEqual(readCaptureBytes(pcapng));
  });

  it('exposes the header and interfaces through readInfo() without losing the first frame', async () => {
    const reader = new CaptureFileReader(chunked(pcapng, 5));
    const info = await reader.readInfo();
    expect(info.format).toBe('pcapng');
    expect(info.interfaces.map((i) => i.resolution.tsresol)).toEqual([9]);
    const { frames: read } = await collect(reader);
    expect(read).toHaveLength(frames.length);
    expect(read[0]?.data).toEqual(frames[0]?.data);
  });

  it('delivers every complete record of a truncated file, then throws with the file offset', async () => {
    const pcap = encodePcap(frames.slice(0, 3), { linktype: 1 });
    const path = join(scratch, 'cut.pcap');
    writeFileSync(path, pcap.subarray(0, pcap.length - 5));
    const { frames: read, error } = await collect(readCaptureFile(path, { chunkBytes: 32 }));
    expect(read).toHaveLength(2);
    expect(error).toBeInstanceOf(PcapTruncatedError);
    const thirdAt = 24 + 2 * 16 + (frames[0]?.data.length ?? 0) + (frames[1]?.data.length ?? 0);
    expect(error).toMatchObject({ offset: thirdAt, available: 16 + (frames[2]?.data.length ?? 0) - 5 });
  });

  it('destroys the source stream when the consumer stops early', async () => {
    const stream = chunked(pcapng, 100);
    for await (const frame of readCaptureFile(stream)) {
      expect(frame.linktype).toBe(1);
      break;
    }
    expect(stream.destroyed).toBe(true);
  });

  it('rejects a stream of text chunks with a hint', async () => {
    const { error } = await collect(readCaptureFile(Readable.from(['not bytes'])));
    expect(String(error)).toMatch(/produced a string chunk; expected bytes/);
  });
});

describe('readCaptureFile on a path that cannot be read', () => {
  it('raises CaptureFileOpenError naming the path and the reason, for a missing file and a directory', async () => {
    const missing = join(tmpdir(), `wirecraft-missing-${process.pid}.pcap`);
    const read = async (path: string) => {
      for await (const _ of readCaptureFile(path)) {
        // no frame is expected
      }
    };
    await expect(read(missing)).rejects.toThrow(new CaptureFileOpenError(missing, 'ENOENT'));
    await expect(read(missing)).rejects.toThrow(`${missing}: no such file`);
    await expect(read(tmpdir())).rejects.toThrow(`${tmpdir()}: is a directory, not a capture file`);
  });
});
