import { describe, expect, it } from '@jest/globals';
import { readCaptureBytes, CaptureBytesReader } from './capture-bytes-reader.js';
import { PcapFormatError, PcapTruncatedError } from './capture-file-errors.js';

interface RecordSpec {
  seconds: number;
  fraction: number;
  data: number[];
  originalLength?: number;
}

/** A classic pcap built field by field, in either byte order, so the reader is checked against the spec. */
function classicPcap(
  magic: number,
  little: boolean,
  linktypeField: number,
  snaplen: number,
  records: RecordSpec[],
): Uint8Array {
  const size = 24 + records.reduce((sum, r) => sum + 16 + r.data.length, 0);
  const view = new DataView(new ArrayBuffer(size));
  view.setUint32(0, magic, little);
  view.setUint16(4, 2, little);
  view.setUint16(6, 4, little);
  view.setUint32(16, snaplen, little);
  view.setUint32(20, linktypeField, little);
  let at = 24;
  for (const r of records) {
    view.setUint32(at, r.seconds, little);
    view.setUint32(at + 4, r.fraction, little);
    view.setUint32(at + 8, r.data.length, little);
    view.setUint32(at + 12, r.originalLength ?? r.data.length, little);
    new Uint8Array(view.buffer).set(r.data, at + 16);
    at += 16 + r.data.length;
  }
  return new Uint8Array(view.buffer);
}

const records: RecordSpec[] = [
  { seconds: 1_102_274_184, fraction: 317_453, data: [1, 2, 3, 4] },
  { seconds: 1_102_274_185, fraction: 5, data: [9, 8, 7], originalLength: 1500 },
];

describe('classic pcap reading', () => {
  it.each([
    ['little-endian microsecond', 0xa1b2c3d4, true],
    ['big-endian microsecond', 0xa1b2c3d4, false],
  ])('%s', (_name, magic, little) => {
    const reader = new CaptureBytesReader(classicPcap(magic, little, 1, 65535, records));
    const frames = [...reader];
    expect(frames).toEqual([
      {
        data: Uint8Array.of(1, 2, 3, 4),
        timestamp: { seconds: 1_102_274_184, nanoseconds: 317_453_000, precision: 6 },
        originalLength: 4,
        linktype: 1,
      },
      {
        data: Uint8Array.of(9, 8, 7),
        timestamp: { seconds: 1_102_274_185, nanoseconds: 5000, precision: 6 },
        originalLength: 1500,
        linktype: 1,
      },
    ]);
    expect(reader.info?.format).toBe('pcap');
    expect(reader.info?.sections).toEqual([
      { byteOrder: little ? 'little' : 'big', versionMajor: 2, versionMinor: 4 },
    ]);
    expect(reader.info?.interfaces[0]).toMatchObject({ linktype: 1, snaplen: 65535 });
  });

  it.each([
    ['little-endian nanosecond', true],
    ['big-endian nanosecond', false],
  ])('%s keeps all nine digits', (_name, little) => {
    const frames = readCaptureBytes(
      classicPcap(0xa1b23c4d, little, 101, 65535, [{ seconds: 7, fraction: 123_456_789, data: [0x45] }]),
    );
    expect(frames[0]?.timestamp).toEqual({ seconds: 7, nanoseconds: 123_456_789, precision: 9 });
    expect(frames[0]?.linktype).toBe(101);
  });

  it('masks the FCS flag bits off the linktype field and reports the FCS length', () => {
    const reader = new CaptureBytesReader(classicPcap(0xa1b2c3d4, true, 0x2400_0001, 65535, records));
    expect([...reader].map((f) => f.linktype)).toEqual([1, 1]);
    expect(reader.info?.interfaces[0]?.fcsLength).toBe(4);
  });

  it('reads records longer than the header snaplen', () => {
    const frames = readCaptureBytes(classicPcap(0xa1b2c3d4, true, 1, 2, records));
    expect(frames.map((f) => f.data.length)).toEqual([4, 3]);
  });

  it('carries a microsecond field of a second or more into the seconds', () => {
    const frames = readCaptureBytes(
      classicPcap(0xa1b2c3d4, true, 1, 65535, [{ seconds: 10, fraction: 2_000_001, data: [] }]),
    );
    expect(frames[0]?.timestamp).toEqual({ seconds: 12, nanoseconds: 1000, precision: 6 });
  });

  it('gives frames their own bytes, not views of the input', () => {
    const bytes = classicPcap(0xa1b2c3d4, true, 1, 65535, records);
    const frames = readCaptureBytes(Buffer.from(bytes.buffer));
    bytes.fill(0);
    expect([...(frames[0]?.data ?? [])]).toEqual([1, 2, 3, 4]);
  });

  it('rejects an unknown magic, naming it', () => {
    const bytes = classicPcap(0xa1b2cd34, true, 1, 65535, records);
    expect(() => readCaptureBytes(bytes)).toThrow(/magic 0xa1b2cd34 .* neither pcap .* nor pcapng/);
  });

  it('rejects an empty input and a cut file header', () => {
    expect(() => readCaptureBytes(new Uint8Array(0))).toThrow(/empty: no pcap or pcapng header/);
    const bytes = classicPcap(0xa1b2c3d4, true, 1, 65535, []);
    expect(() => readCaptureBytes(bytes.subarray(0, 10))).toThrow(
      'truncated pcap file header at byte 0: needs 24 bytes, 10 remain',
    );
  });

  it('delivers every complete record, then reports the cut one with offset and lengths', () => {
    const bytes = classicPcap(0xa1b2c3d4, true, 1, 65535, records);
    const cut = bytes.subarray(0, bytes.length - 1);
    const seen: number[] = [];
    let error: unknown;
    try {
      for (const frame of new CaptureBytesReader(cut)) seen.push(frame.data.length);
    } catch (caught) {
      error = caught;
    }
    expect(seen).toEqual([4]);
    expect(error).toBeInstanceOf(PcapTruncatedError);
    expect(error).toMatchObject({ offset: 44, needed: 19, available: 18 });
    expect((error as Error).message).toBe('truncated record at byte 44: header says 19 bytes, 18 remain');
  });

  it('refuses a captured length over the limit instead of buffering it', () => {
    const bytes = classicPcap(0xa1b2c3d4, true, 1, 65535, records);
    new DataView(bytes.buffer).setUint32(24 + 8, 0xffff_fff0, true);
    expect(() => readCaptureBytes(bytes)).toThrow(PcapFormatError);
    expect(() => readCaptureBytes(bytes)).toThrow(
      /record at byte 24: captured length 4294967280 exceeds the 16777216-byte limit/,
    );
  });
});
