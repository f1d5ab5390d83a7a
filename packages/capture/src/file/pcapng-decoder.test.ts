import { describe, expect, it } from '@jest/globals';
import { CaptureBytesReader, readCaptureBytes } from './capture-bytes-reader.js';
import { PcapFormatError } from './capture-file-errors.js';

type Option = [code: number, value: Uint8Array];

/** Builds pcapng blocks field by field in a chosen byte order, independent of the writer under test. */
class Blocks {
  private readonly parts: Uint8Array[] = [];
  constructor(private little = true) {}

  block(type: number, body: Uint8Array, options: Option[] = []): this {
    const optionBytes = options.length === 0 ? 0 : options.reduce((s, [, v]) => s + 4 + pad(v.length), 0) + 4;
    const length = 12 + pad(body.length) + optionBytes;
    const bytes = new Uint8Array(length);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, type, this.little);
    view.setUint32(4, length, this.little);
    bytes.set(body, 8);
    let at = 8 + pad(body.length);
    for (const [code, value] of options) {
      view.setUint16(at, code, this.little);
      view.setUint16(at + 2, value.length, this.little);
      bytes.set(value, at + 4);
      at += 4 + pad(value.length);
    }
    view.setUint32(length - 4, length, this.little);
    this.parts.push(bytes);
    return this;
  }

  section(little: boolean, options: Option[] = []): this {
    this.little = little;
    return this.block(
      0x0a0d0d0a,
      this.fields([4, 0x1a2b3c4d], [2, 1], [2, 0], [4, 0xffffffff], [4, 0xffffffff]),
      options,
    );
  }

  iface(linktype: number, snaplen: number, options: Option[] = []): this {
    return this.block(1, this.fields([2, linktype], [2, 0], [4, snaplen]), options);
  }

  epb(interfaceId: number, ticks: bigint, data: number[], originalLength = data.length): this {
    const head = this.fields(
      [4, interfaceId],
      [4, Number(ticks >> 32n)],
      [4, Number(ticks & 0xffffffffn)],
      [4, data.length],
      [4, originalLength],
    );
    return this.block(6, concat(head, Uint8Array.from(data)));
  }

  spb(originalLength: number, data: number[]): this {
    return this.block(3, concat(this.fields([4, originalLength]), Uint8Array.from(data)));
  }

  u32(value: number): Uint8Array {
    return this.fields([4, value]);
  }

  fields(...fields: [size: 1 | 2 | 4, value: number][]): Uint8Array {
    const bytes = new Uint8Array(fields.reduce((s, [size]) => s + size, 0));
    const view = new DataView(bytes.buffer);
    let at = 0;
    for (const [size, value] of fields) {
      if (size === 1) view.setUint8(at, value);
      else if (size === 2) view.setUint16(at, value, this.little);
      else view.setUint32(at, value, this.little);
      at += size;
    }
    return bytes;
  }

  bytes(): Uint8Array {
    return concat(...this.parts);
  }
}

function pad(n: number): number {
  return (n + 3) & ~3;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('pcapng reading', () => {
  it.each([
    ['little', true],
    ['big', false],
  ])('reads SHB/IDB/EPB in %s-endian byte order', (_order, little) => {
    const blocks = new Blocks(little)
      .section(little, [[4, text('gen')]])
      .iface(1, 0)
      .epb(0, 1_340_954_905_298_858n, [1, 2, 3], 300);
    const reader = new CaptureBytesReader(blocks.bytes());
    expect([...reader]).toEqual([
      {
        data: Uint8Array.of(1, 2, 3),
        timestamp: { seconds: 1_340_954_905, nanoseconds: 298_858_000, precision: 6 },
        originalLength: 300,
        linktype: 1,
        interfaceId: 0,
      },
    ]);
    expect(reader.info?.format).toBe('pcapng');
    expect(reader.info?.sections).toEqual([
      { byteOrder: little ? 'little' : 'big', versionMajor: 1, versionMinor: 0, application: 'gen' },
    ]);
  });

  it('parses IDB options: if_name, if_description, if_tsresol (10^-n and 2^-n), if_tsoffset, if_fcslen', () => {
    const b = new Blocks();
    const offset = new Uint8Array(8);
    new DataView(offset.buffer).setBigInt64(0, 1000n, true);
    const reader = new CaptureBytesReader(
      b
        .section(true, [
          [2, text('x86')],
          [3, text('Linux\0')],
        ])
        .iface(1, 96, [
          [2, text('eth0')],
          [3, text('uplink')],
          [9, Uint8Array.of(9)],
          [13, Uint8Array.of(4)],
        ])
        .iface(0, 0, [
          [9, Uint8Array.of(0x80 | 10)],
          [14, offset],
        ])
        .epb(0, 1_500_000_000_123_456_789n, [0xaa])
        .epb(1, 5n * 1024n + 512n, [0xbb])
        .bytes(),
    );
    const frames = [...reader];
    expect(frames.map((f) => f.timestamp)).toEqual([
      { seconds: 1_500_000_000, nanoseconds: 123_456_789, precision: 9 },
      { seconds: 1005, nanoseconds: 500_000_000, precision: 9 },
    ]);
    expect(frames.map((f) => [f.linktype, f.interfaceId])).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(reader.info?.sections[0]).toMatchObject({ hardware: 'x86', os: 'Linux' });
    expect(reader.info?.interfaces[0]).toMatchObject({
      name: 'eth0',
      description: 'uplink',
      snaplen: 96,
      fcsLength: 4,
    });
    expect(reader.info?.interfaces[0]?.resolution.unitsPerSecond).toBe(1e9);
    expect(reader.info?.interfaces[1]).toMatchObject({ linktype: 0, offsetSeconds: 1000 });
  });

  it('defaults to microseconds without if_tsresol', () => {
    const frames = readCaptureBytes(new Blocks().section(true).iface(1, 0).epb(0, 2_000_001n, [1]).bytes());
    expect(frames[0]?.timestamp).toEqual({ seconds: 2, nanoseconds: 1000, precision: 6 });
  });

  it('reads SPBs: original length from the block, captured length bounded by the IDB snaplen', () => {
    const frames = readCaptureBytes(
      new Blocks().section(true).iface(1, 4).spb(6, [1, 2, 3, 4, 5, 6]).spb(2, [7, 8, 0, 0]).bytes(),
    );
    expect(frames).toEqual([
      {
        data: Uint8Array.of(1, 2, 3, 4),
        timestamp: { seconds: 0, nanoseconds: 0, precision: 0 },
        originalLength: 6,
        linktype: 1,
        interfaceId: 0,
      },
      {
        data: Uint8Array.of(7, 8),
        timestamp: { seconds: 0, nanoseconds: 0, precision: 0 },
        originalLength: 2,
        linktype: 1,
        interfaceId: 0,
      },
    ]);
  });

  it('reads several sections, each with its own byte order and interface ids', () => {
    const b = new Blocks();
    b.section(true).iface(1, 0).epb(0, 1_000_000n, [1]);
    b.section(false).iface(0, 0).iface(101, 0).epb(1, 2_000_000n, [2]).epb(0, 3_000_000n, [3]);
    const reader = new CaptureBytesReader(b.bytes());
    const frames = [...reader];
    expect(frames.map((f) => [f.data[0], f.linktype, f.interfaceId, f.timestamp.seconds])).toEqual([
      [1, 1, 0, 1],
      [2, 101, 2, 2],
      [3, 0, 1, 3],
    ]);
    expect(reader.info?.sections.map((s) => s.byteOrder)).toEqual(['little', 'big']);
    expect(reader.info?.interfaces.map((i) => [i.section, i.idInSection, i.linktype])).toEqual([
      [0, 0, 1],
      [1, 0, 0],
      [1, 1, 101],
    ]);
  });

  it('reads the obsolete Packet Block (type 2)', () => {
    const b = new Blocks().section(true).iface(1, 0);
    const body = concat(
      b.fields([2, 0], [2, 7], [4, 0], [4, 3_000_000], [4, 2], [4, 60]),
      Uint8Array.of(5, 6),
    );
    const frames = readCaptureBytes(b.block(2, body).bytes());
    expect(frames).toEqual([
      {
        data: Uint8Array.of(5, 6),
        timestamp: { seconds: 3, nanoseconds: 0, precision: 6 },
        originalLength: 60,
        linktype: 1,
        interfaceId: 0,
      },
    ]);
  });

  it('records ISB counters and NRB names; skips custom and unknown blocks, counting them', () => {
    const b = new Blocks().section(true).iface(1, 0);
    const recv = new Uint8Array(8);
    new DataView(recv.buffer).setBigUint64(0, 42n, true);
    const nrb = concat(
      b.fields([2, 1], [2, 4 + 9]),
      Uint8Array.of(198, 18, 0, 1),
      text('a.lan\0b\0\0'),
      new Uint8Array(3),
      b.fields([2, 0], [2, 0]),
    );
    b.block(4, nrb)
      .block(5, b.fields([4, 0], [4, 0], [4, 0]), [[4, recv]])
      .block(0x0bad, b.u32(32473))
      .block(0x40000bad, b.u32(32473))
      .block(0x0000000a, b.u32(1))
      .epb(0, 0n, [1]);
    const reader = new CaptureBytesReader(b.bytes());
    expect([...reader]).toHaveLength(1);
    expect(reader.info?.names).toEqual([{ address: '198.18.0.1', names: ['a.lan', 'b'] }]);
    expect(reader.info?.interfaces[0]?.statistics).toEqual({ received: 42 });
    expect(reader.info?.customBlocks).toBe(2);
    expect(reader.info?.unknownBlocks).toBe(1);
  });

  it('rejects a block whose trailer disagrees with its length, after delivering the frames before it', () => {
    const bytes = new Blocks().section(true).iface(1, 0).epb(0, 0n, [1]).epb(0, 0n, [2]).bytes();
    const second = bytes.length - 36;
    new DataView(bytes.buffer).setUint32(bytes.length - 4, 40, true);
    const seen: number[] = [];
    expect(() => {
      for (const f of new CaptureBytesReader(bytes)) seen.push(f.data[0] ?? -1);
    }).toThrow(
      `enhanced packet block at byte ${second}: trailing length 40 does not match the leading length 36`,
    );
    expect(seen).toEqual([1]);
  });

  it('rejects block lengths that cannot advance or are misaligned', () => {
    const bytes = new Blocks().section(true).iface(1, 0).bytes();
    const tooShort = concat(bytes, new Blocks().fields([4, 6], [4, 8], [4, 8]));
    expect(() => readCaptureBytes(tooShort)).toThrow(
      /at byte 48: total length 8 is below the 12-byte minimum/,
    );
    const misaligned = concat(bytes, new Blocks().fields([4, 6], [4, 13], [4, 0], [1, 0], [4, 13]));
    expect(() => readCaptureBytes(misaligned)).toThrow(/total length 13 is not a multiple of 4/);
  });

  it('rejects a packet for an interface the section has not described', () => {
    const bytes = new Blocks().section(true).iface(1, 0).epb(3, 0n, [1]).bytes();
    expect(() => readCaptureBytes(bytes)).toThrow(
      'enhanced packet block at byte 48: interface id 3 is not defined in this section (it has 1 interface)',
    );
  });

  it('rejects a captured length that runs past its block and an option that runs past its block', () => {
    const b = new Blocks().section(true).iface(1, 0).epb(0, 0n, [1, 2, 3, 4]);
    const bytes = b.bytes();
    new DataView(bytes.buffer).setUint32(48 + 20, 9, true);
    expect(() => readCaptureBytes(bytes)).toThrow(
      /captured length 9 runs past the block end \(4 bytes of packet room\)/,
    );
    const badOption = new Blocks()
      .section(true)
      .iface(1, 0, [[2, text('eth0')]])
      .bytes();
    new DataView(badOption.buffer).setUint16(28 + 16 + 2, 200, true);
    expect(() => readCaptureBytes(badOption)).toThrow(PcapFormatError);
    expect(() => readCaptureBytes(badOption)).toThrow(
      /interface description block option 2 at byte 44: length 200 runs past/,
    );
  });

  it('rejects a section header with a bad byte-order magic', () => {
    const bytes = new Blocks().section(true).bytes();
    new DataView(bytes.buffer).setUint32(8, 0x12345678, true);
    expect(() => readCaptureBytes(bytes)).toThrow(/byte-order magic 0x12345678 is neither/);
  });
});
