import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { Frame } from '../frame.js';
import { readCaptureBytes } from './capture-bytes-reader.js';
import { PcapTruncatedError } from './capture-file-errors.js';
import { CaptureFileReader } from './capture-file-reader.js';
import { encodePcap, encodePcapng } from './capture-writer.js';

const scratch = mkdtempSync(join(tmpdir(), 'wirecraft-batches-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const frames: Frame[] = Array.from({ length: 300 }, (_, i) => ({
  data: new Uint8Array(60 + ((i * 53) % 500)).map((_, b) => (i * 7 + b) & 0xff),
  timestamp: { seconds: 1_700_000_000 + i, nanoseconds: i * 1000, precision: 6 },
  originalLength: 60 + ((i * 53) % 500),
  linktype: 1,
  interfaceId: 0,
}));
const pcap = encodePcap(frames, { linktype: 1 });
const pcapng = encodePcapng(frames);

function chunked(bytes: Uint8Array, size: number): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(Buffer.from(bytes.subarray(at, at + size)));
  return Readable.from(chunks);
}

function fileOf(name: string, bytes: Uint8Array): string {
  const path = join(scratch, name);
  writeFileSync(path, bytes);
  return path;
}

/** Every batch, with each frame's bytes copied at once (as a consumer of views must). */
async function collectBatches(reader: CaptureFileReader): Promise<{ batches: Frame[][]; error: unknown }> {
  const batches: Frame[][] = [];
  try {
    for await (const batch of reader.batches()) {
      batches.push(batch.map((frame) => ({ ...frame, data: frame.data.slice() })));
    }
  } catch (error) {
    return { batches, error };
  }
  return { batches, error: undefined };
}

describe('batched streaming reads', () => {
  it.each([
    ['pcap', pcap],
    ['pcapng', pcapng],
  ])('gives the %s frames of the in-memory reader, several per batch', async (name, bytes) => {
    const path = fileOf(`batches.${name}`, bytes);
    const { batches, error } = await collectBatches(new CaptureFileReader(path, { chunkBytes: 8192 }));
    expect(error).toBeUndefined();
    expect(batches.flat()).toEqual(readCaptureBytes(bytes));
    expect(batches.every((batch) => batch.length > 0)).toBe(true);
    // One batch per read of the 8 KiB buffer, not one per frame.
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.length).toBeLessThanOrEqual(Math.ceil(bytes.length / 4096));
  });

  it.each([1, 13, 1000])('handles %i-byte stream chunks and a buffer smaller than a record', async (size) => {
    const reader = new CaptureFileReader(chunked(pcapng, size), { chunkBytes: 64 });
    const { batches, error } = await collectBatches(reader);
    expect(error).toBeUndefined();
    expect(batches.flat()).toEqual(readCaptureBytes(pcapng));
  });

  it('hands out the frame read ahead by readInfo() in the first batch', async () => {
    const reader = new CaptureFileReader(fileOf('info.pcap', pcap));
    expect((await reader.readInfo()).format).toBe('pcap');
    const first = await reader.nextBatch();
    expect(first?.[0]).toEqual(readCaptureBytes(pcap)[0]);
    const rest: Frame[] = [];
    for (let batch = await reader.nextBatch(); batch !== undefined; batch = await reader.nextBatch())
      rest.push(...batch);
    expect([...(first ?? []), ...rest]).toEqual(readCaptureBytes(pcap));
    expect(await reader.nextBatch()).toBeUndefined();
  });

  it('continues frame by frame after a batch', async () => {
    const reader = new CaptureFileReader(fileOf('mixed.pcapng', pcapng), { chunkBytes: 4096 });
    const batch = (await reader.nextBatch()) ?? [];
    const rest: Frame[] = [];
    for await (const frame of reader) rest.push(frame);
    expect(batch.length).toBeGreaterThan(0);
    expect([...batch, ...rest]).toEqual(readCaptureBytes(pcapng));
  });

  it('returns every complete record of a truncated file in batches, then throws as next() does', async () => {
    const path = fileOf('cut.pcap', pcap.subarray(0, pcap.length - 5));
    const { batches, error } = await collectBatches(new CaptureFileReader(path, { chunkBytes: 1024 }));
    expect(batches.flat()).toEqual(readCaptureBytes(pcap).slice(0, frames.length - 1));
    expect(error).toBeInstanceOf(PcapTruncatedError);
    const lastAt = pcap.length - 16 - (frames.at(-1)?.data.length ?? 0);
    expect(error).toMatchObject({ offset: lastAt });
  });

  it('throws the fault once, then reports the end', async () => {
    const reader = new CaptureFileReader(fileOf('cut-once.pcap', pcap.subarray(0, pcap.length - 5)));
    const batch = await reader.nextBatch();
    expect(batch).toHaveLength(frames.length - 1);
    await expect(reader.nextBatch()).rejects.toBeInstanceOf(PcapTruncatedError);
    expect(await reader.nextBatch()).toBeUndefined();
  });

  it('destroys the source stream when the consumer leaves the batch loop', async () => {
    const stream = chunked(pcapng, 100);
    for await (const batch of new CaptureFileReader(stream).batches()) {
      expect(batch.length).toBeGreaterThan(0);
      break;
    }
    expect(stream.destroyed).toBe(true);
  });
});
