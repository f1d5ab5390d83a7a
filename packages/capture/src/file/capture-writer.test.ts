import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { Frame } from '../frame.js';
import { CaptureBytesReader, readCaptureBytes } from './capture-bytes-reader.js';
import { CaptureWriteError } from './capture-file-errors.js';
import { encodePcap, encodePcapng, PcapngWriter, PcapWriter } from './capture-writer.js';

const scratch = mkdtempSync(join(tmpdir(), 'wirecraft-writer-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function frameArbitrary(linktypes: number[], withInterface: boolean): fc.Arbitrary<Frame> {
  return fc
    .record({
      data: fc.uint8Array({ maxLength: 300 }),
      extra: fc.nat({ max: 100_000 }),
      seconds: fc.integer({ min: 0, max: 0xffff_ffff }),
      nanoseconds: fc.integer({ min: 0, max: 999_999_999 }),
      linktype: fc.constantFrom(...linktypes),
      interfaceId: fc.nat({ max: 3 }),
    })
    .map(({ data, extra, seconds, nanoseconds, linktype, interfaceId }) => ({
      data,
      timestamp: { seconds, nanoseconds, precision: 9 },
      originalLength: data.length + extra,
      linktype,
      ...(withInterface ? { interfaceId } : {}),
    }));
}

/** What a reader must give back for a frame written with the given timestamp precision. */
function expected(frame: Frame, nano: boolean, interfaceId?: number): Frame {
  const nanoseconds = nano
    ? frame.timestamp.nanoseconds
    : Math.floor(frame.timestamp.nanoseconds / 1000) * 1000;
  return {
    data: frame.data,
    timestamp: { seconds: frame.timestamp.seconds, nanoseconds, precision: nano ? 9 : 6 },
    originalLength: frame.originalLength,
    linktype: frame.linktype,
    ...(interfaceId === undefined ? {} : { interfaceId }),
  };
}

describe('writer -> reader round trips', () => {
  it.each([
    ['micro', false],
    ['nano', true],
  ] as const)('classic pcap (%s): arbitrary frames come back identical', (precision, nano) => {
    fc.assert(
      fc.property(fc.array(frameArbitrary([1], false), { maxLength: 20 }), (frames) => {
        const bytes = encodePcap(frames, { linktype: 1, precision });
        expect(readCaptureBytes(bytes)).toEqual(frames.map((f) => expected(f, nano)));
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ['micro', false],
    ['nano', true],
  ] as const)(
    'pcapng (%s): arbitrary frames come back identical, interfaces numbered by first use',
    (precision, nano) => {
      fc.assert(
        fc.property(fc.array(frameArbitrary([1, 0, 101, 113], true), { maxLength: 20 }), (frames) => {
          const bytes = encodePcapng(frames, { precision });
          const ids = new Map<string, number>();
          const wanted = frames.map((f) => {
            const key = `${f.interfaceId}/${f.linktype}`;
            if (!ids.has(key)) ids.set(key, ids.size);
            return expected(f, nano, ids.get(key));
          });
          const reader = new CaptureBytesReader(bytes);
          expect([...reader]).toEqual(wanted);
          expect(reader.info?.interfaces).toHaveLength(ids.size);
        }),
        { numRuns: 200 },
      );
    },
  );

  it('cuts frames longer than the snaplen and keeps their original length', () => {
    const frame: Frame = {
      data: Uint8Array.of(1, 2, 3, 4, 5),
      timestamp: { seconds: 1, nanoseconds: 0, precision: 6 },
      originalLength: 5,
      linktype: 1,
    };
    for (const bytes of [
      encodePcap([frame], { linktype: 1, snaplen: 3 }),
      encodePcapng([frame], { snaplen: 3 }),
    ]) {
      const [read] = readCaptureBytes(bytes);
      expect(read?.data).toEqual(Uint8Array.of(1, 2, 3));
      expect(read?.originalLength).toBe(5);
    }
  });

  it('writes SHB application, IDB name and if_tsresol=9 for nanosecond pcapng', () => {
    const frame: Frame = {
      data: Uint8Array.of(1),
      timestamp: { seconds: 1, nanoseconds: 1, precision: 9 },
      originalLength: 1,
      linktype: 1,
      interfaceId: 2,
    };
    const reader = new CaptureBytesReader(
      encodePcapng([frame], { precision: 'nano', interfaceNames: { 2: 'veth-a' } }),
    );
    [...reader];
    expect(reader.info?.sections[0]?.application).toBe('wirecraft');
    expect(reader.info?.interfaces[0]).toMatchObject({ name: 'veth-a', linktype: 1 });
    expect(reader.info?.interfaces[0]?.resolution.tsresol).toBe(9);
  });
});

describe('streaming writers', () => {
  const frames: Frame[] = Array.from({ length: 3000 }, (_, i) => ({
    data: new Uint8Array(100 + (i % 50)).fill(i & 0xff),
    timestamp: { seconds: 1_700_000_000 + i, nanoseconds: i * 7, precision: 9 },
    originalLength: 100 + (i % 50),
    linktype: 1,
  }));

  it('writes to a path, batching, and close() flushes everything', async () => {
    const path = join(scratch, 'stream.pcap');
    const writer = new PcapWriter(path, { linktype: 1, precision: 'nano' });
    await writer.writeAll(frames);
    await writer.close();
    // Buffer.compare: jest's toEqual walks big buffers element by element, slowly.
    expect(Buffer.compare(readFileSync(path), encodePcap(frames, { linktype: 1, precision: 'nano' }))).toBe(
      0,
    );
  });

  it('writes to a Writable with backpressure and ends it on close()', async () => {
    const stream = new PassThrough({ highWaterMark: 1024 });
    const chunks: Buffer[] = [];
    const drained = (async () => {
      for await (const chunk of stream) chunks.push(chunk as Buffer);
    })();
    const writer = new PcapngWriter(stream);
    for (const frame of frames) await writer.write(frame);
    await writer.close();
    await drained;
    expect(Buffer.compare(Buffer.concat(chunks), encodePcapng(frames))).toBe(0);
  });

  it('refuses writes after close()', async () => {
    const writer = new PcapWriter(join(scratch, 'closed.pcap'), { linktype: 1 });
    await writer.close();
    await expect(writer.write(frames[0] as Frame)).rejects.toThrow(
      'writer: closed; open a new writer to write more frames',
    );
  });
});

describe('writer input checks', () => {
  const base: Frame = {
    data: Uint8Array.of(1),
    timestamp: { seconds: 1, nanoseconds: 0, precision: 6 },
    originalLength: 1,
    linktype: 1,
  };

  it('names the field and value it cannot write', () => {
    expect(() => encodePcap([{ ...base, linktype: 113 }], { linktype: 1 })).toThrow(
      /frame.linktype: this pcap file is linktype 1 .*\(write pcapng for mixed links\) \(got 113\)/,
    );
    expect(() =>
      encodePcap([{ ...base, timestamp: { seconds: 2 ** 32, nanoseconds: 0, precision: 6 } }], {
        linktype: 1,
      }),
    ).toThrow(CaptureWriteError);
    expect(() =>
      encodePcapng([{ ...base, timestamp: { seconds: 1, nanoseconds: 1e9, precision: 9 } }]),
    ).toThrow('frame.timestamp.nanoseconds: must be an integer in 0..999999999 (got 1000000000)');
    expect(() => encodePcap([], { linktype: 1, snaplen: 0 })).toThrow(
      'snaplen: must be an integer in 1..4294967295 (got 0)',
    );
  });
});
