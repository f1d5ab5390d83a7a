import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { Frame } from '../frame.js';
import { CaptureBytesReader, readCaptureBytes } from './capture-bytes-reader.js';
import { CaptureFileReader } from './capture-file-reader.js';
import { encodePcap, encodePcapng } from './capture-writer.js';

const scratch = mkdtempSync(join(tmpdir(), 'wirecraft-views-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const frames: Frame[] = Array.from({ length: 120 }, (_, i) => ({
  data: new Uint8Array(42 + ((i * 31) % 300)).map((_, b) => (i + b * 3) & 0xff),
  timestamp: { seconds: 1_700_000_000 + i, nanoseconds: i * 1000, precision: 6 },
  originalLength: 42 + ((i * 31) % 300),
  linktype: 1,
  interfaceId: 0,
}));
const captures = [
  ['pcap', encodePcap(frames, { linktype: 1 })],
  ['pcapng', encodePcapng(frames)],
] as const;

describe("frameData: 'view'", () => {
  it.each(captures)(
    'in-memory %s frames are views of the input with the copied frames’ bytes',
    (_, bytes) => {
      const viewed = [...new CaptureBytesReader(bytes, { frameData: 'view' })];
      expect(viewed).toEqual(readCaptureBytes(bytes));
      for (const frame of viewed) {
        expect(frame.data.buffer).toBe(bytes.buffer);
        // A plain Uint8Array even for a Buffer input, as with copies.
        expect(Object.getPrototypeOf(frame.data)).toBe(Uint8Array.prototype);
      }
    },
  );

  it.each(captures)('default %s frames own their bytes', (_, bytes) => {
    for (const frame of readCaptureBytes(bytes)) expect(frame.data.buffer).not.toBe(bytes.buffer);
  });

  it.each(captures)('default %s copies survive changes to the input and to one another', (_, bytes) => {
    const input = bytes.slice();
    const copies = readCaptureBytes(input);
    input.fill(0xee);
    copies[0]?.data.fill(0xdd, 0, copies[0].data.length);
    expect(copies.slice(1).map((frame) => frame.data)).toEqual(frames.slice(1).map((frame) => frame.data));
    // Copies share slabs; each starts 8-byte aligned so wider typed arrays can wrap it.
    for (const frame of copies) expect(frame.data.byteOffset % 8).toBe(0);
  });

  it('views of a Buffer input stay plain Uint8Arrays', () => {
    const buffer = Buffer.from(captures[0][1]);
    const [first] = new CaptureBytesReader(buffer, { frameData: 'view' });
    expect(Object.getPrototypeOf(first?.data)).toBe(Uint8Array.prototype);
    expect(first?.data).toEqual(frames[0]?.data);
  });

  it.each(captures)('streamed %s batches view one read buffer and match the copies', async (name, bytes) => {
    const path = join(scratch, `views.${name}`);
    writeFileSync(path, bytes);
    const expected = readCaptureBytes(bytes);
    const reader = new CaptureFileReader(path, { frameData: 'view', chunkBytes: 2048 });
    let at = 0;
    for await (const batch of reader.batches()) {
      expect(new Set(batch.map((frame) => frame.data.buffer)).size).toBe(1);
      // Checked before the next batch is asked for: that is how long the views are valid.
      for (const frame of batch) expect(frame).toEqual(expected[at++]);
    }
    expect(at).toBe(expected.length);
  });

  it('streamed frames read one at a time are views too, valid until the next call', async () => {
    const bytes = captures[1][1];
    const path = join(scratch, 'one-by-one.pcapng');
    writeFileSync(path, bytes);
    const expected = readCaptureBytes(bytes);
    const buffers = new Set<ArrayBufferLike>();
    let at = 0;
    for await (const frame of new CaptureFileReader(path, { frameData: 'view', chunkBytes: 4096 })) {
      buffers.add(frame.data.buffer);
      expect(frame).toEqual(expected[at++]);
    }
    expect(at).toBe(expected.length);
    // Every frame came out of the single reader buffer (it never had to grow for these records).
    expect(buffers.size).toBe(1);
  });
});
