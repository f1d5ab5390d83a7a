import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import type { Frame } from '@wirecraft/capture';
import {
  CaptureBytesReader,
  CaptureFileReader,
  PcapFormatError,
  PcapTruncatedError,
} from '@wirecraft/capture';
import { Readable } from 'node:stream';

const fixtures = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

function readUpTo(bytes: Uint8Array): { frames: Frame[]; error: unknown } {
  const frames: Frame[] = [];
  try {
    for (const frame of new CaptureBytesReader(bytes)) frames.push(frame);
  } catch (error) {
    return { frames, error };
  }
  return { frames, error: undefined };
}

/**
 * Byte offsets where each complete item (file header, record, block) ends, found by walking the length
 * fields directly (not with the reader under test), so the boundaries are the file's own.
 */
function itemEnds(bytes: Uint8Array, format: string): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ends: number[] = [];
  if (format === 'pcap') {
    const magic = view.getUint32(0, true);
    const little = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
    let at = 24;
    ends.push(at);
    while (at < bytes.length) {
      at += 16 + view.getUint32(at + 8, little);
      ends.push(at);
    }
    return ends;
  }
  let little = true;
  let at = 0;
  while (at < bytes.length) {
    if (view.getUint32(at, true) === 0x0a0d0d0a) little = view.getUint32(at + 8, true) === 0x1a2b3c4d;
    at += view.getUint32(at + 4, little);
    ends.push(at);
  }
  return ends;
}

describe.each([
  ['arkime_wireshark-dhcp.pcap', 'pcap'],
  ['pcapngtest_le_test202.pcapng', 'pcapng'],
  ['pcapngtest_be_test001.pcapng', 'pcapng'],
])('%s cut at every byte offset', (name, format) => {
  const bytes = new Uint8Array(readFileSync(`${fixtures}${name}`));
  const all = [...new CaptureBytesReader(bytes)];

  it('raises a typed error except exactly at item boundaries, after delivering every complete frame', () => {
    const ends = new Set(itemEnds(bytes, format));
    expect(ends.has(bytes.length)).toBe(true);
    let framesSoFar = 0;
    let lastEnd = 0;
    for (let cut = 1; cut < bytes.length; cut++) {
      const { frames, error } = readUpTo(bytes.subarray(0, cut));
      if (ends.has(cut)) {
        expect(error).toBeUndefined();
        framesSoFar = frames.length;
        lastEnd = cut;
        continue;
      }
      expect(error).toBeInstanceOf(PcapTruncatedError);
      const truncated = error as PcapTruncatedError;
      // The error points at the start of the cut item and says how much of it is there.
      expect(truncated.offset).toBe(lastEnd);
      expect(truncated.available).toBe(cut - lastEnd);
      expect(truncated.needed).toBeGreaterThan(truncated.available);
      expect(truncated.message).toMatch(
        new RegExp(
          `^truncated .* at byte ${lastEnd}: (header says|needs) \\d+ bytes, ${cut - lastEnd} remain$`,
        ),
      );
      expect(frames).toEqual(all.slice(0, framesSoFar));
    }
  });

  it('the streaming reader agrees at every cut (2-byte stream chunks)', async () => {
    for (let cut = 0; cut < bytes.length; cut += 7) {
      const expected = readUpTo(bytes.subarray(0, cut));
      const frames: Frame[] = [];
      let error: unknown;
      try {
        const chunks: Buffer[] = [];
        for (let at = 0; at < cut; at += 2)
          chunks.push(Buffer.from(bytes.subarray(at, Math.min(cut, at + 2))));
        for await (const frame of new CaptureFileReader(Readable.from(chunks))) frames.push(frame);
      } catch (caught) {
        error = caught;
      }
      expect(frames).toEqual(expected.frames);
      expect(error === undefined).toBe(expected.error === undefined);
      if (error !== undefined) {
        expect(error).toBeInstanceOf(PcapFormatError);
        expect((error as Error).message).toBe((expected.error as Error).message);
      }
    }
  });
});
