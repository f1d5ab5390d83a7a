import fc from 'fast-check';

/**
 * Random classic pcap and pcapng files, written field by field (not with the writer under test), each with
 * what every packet record holds in file order, so a reader can be checked against what was written.
 */
export interface RandomCaptureFile {
  name: string;
  bytes: Uint8Array;
  packets: WrittenPacket[];
}

/** A packet record as written: its linktype and raw time (absent for an SPB, which has none). */
export interface WrittenPacket {
  linktype: number;
  time?: { ticks: bigint; unitsPerSecond: bigint; offsetSeconds: bigint };
}

const LINKTYPES = [0, 1, 101, 113, 276] as const;

interface ClassicRecord {
  seconds: number;
  fraction: number;
  captured: number;
  cut: number;
}

interface ClassicSpec {
  little: boolean;
  nano: boolean;
  linktype: number;
  snaplen: number;
  records: ClassicRecord[];
}

export interface InterfaceSpec {
  linktype: number;
  /** 0 means no limit. */
  snaplen: number;
  /** The if_tsresol byte: 10^-n below 0x80, 2^-n with the high bit set; absent means 10^-6. */
  tsresol?: number;
  tsoffset?: bigint;
  name?: string;
}

export type BlockSpec =
  | {
      kind: 'epb';
      iface: number;
      seconds: number;
      fraction: bigint;
      captured: number;
      cut: number;
      comment?: string;
      flags?: number;
    }
  | { kind: 'spb'; originalLength: number }
  | { kind: 'isb'; iface: number; received: bigint; dropped: bigint }
  | { kind: 'nrb'; address: number; name: string }
  | { kind: 'custom'; copyable: boolean; bytes: number };

export interface SectionSpec {
  little: boolean;
  interfaces: InterfaceSpec[];
  blocks: BlockSpec[];
}

/** Appends fields in one byte order; the order can change between pcapng sections. */
class ByteWriter {
  readonly bytes: number[] = [];
  little = true;

  u8(value: number): this {
    this.bytes.push(value & 0xff);
    return this;
  }

  u16(value: number): this {
    const b = [value & 0xff, (value >>> 8) & 0xff];
    this.bytes.push(...(this.little ? b : b.reverse()));
    return this;
  }

  u32(value: number): this {
    const b = [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
    this.bytes.push(...(this.little ? b : b.reverse()));
    return this;
  }

  u64(value: bigint): this {
    const v = BigInt.asUintN(64, value);
    const high = Number(v >> 32n);
    const low = Number(v & 0xffffffffn);
    return this.little ? this.u32(low).u32(high) : this.u32(high).u32(low);
  }

  fill(count: number, seed: number): this {
    for (let i = 0; i < count; i++) this.bytes.push((seed + i * 7) & 0xff);
    return this;
  }

  pad(): this {
    while (this.bytes.length % 4 !== 0) this.bytes.push(0);
    return this;
  }

  /** A pcapng block: the body is written by `body`, then padded, and both length fields are set. */
  block(type: number, body: (w: this) => void): this {
    const start = this.bytes.length;
    this.u32(type).u32(0);
    body(this);
    this.pad();
    const length = this.bytes.length - start + 4;
    this.u32(length);
    const lengthField = new ByteWriter();
    lengthField.little = this.little;
    lengthField.u32(length);
    this.bytes.splice(start + 4, 4, ...lengthField.bytes);
    return this;
  }

  option(code: number, value: (w: this) => void): this {
    const start = this.bytes.length;
    this.u16(code).u16(0);
    value(this);
    const length = this.bytes.length - start - 4;
    const lengthField = new ByteWriter();
    lengthField.little = this.little;
    lengthField.u16(length);
    this.bytes.splice(start + 2, 2, ...lengthField.bytes);
    return this.pad();
  }

  text(value: string): this {
    this.bytes.push(...new TextEncoder().encode(value));
    return this;
  }
}

function classicBytes(spec: ClassicSpec): Uint8Array {
  const w = new ByteWriter();
  w.little = spec.little;
  w.u32(spec.nano ? 0xa1b23c4d : 0xa1b2c3d4)
    .u16(2)
    .u16(4)
    .u32(0)
    .u32(0)
    .u32(spec.snaplen)
    .u32(spec.linktype);
  spec.records.forEach((record, i) => {
    w.u32(record.seconds)
      .u32(record.fraction)
      .u32(record.captured)
      .u32(record.captured + record.cut);
    w.fill(record.captured, i);
  });
  return Uint8Array.from(w.bytes);
}

/** Ticks per second of an if_tsresol byte. */
function unitsPerSecond(tsresol: number | undefined): bigint {
  if (tsresol === undefined) return 1_000_000n;
  return tsresol & 0x80 ? 1n << BigInt(tsresol & 0x7f) : 10n ** BigInt(tsresol);
}

/** A pcapng file of these sections, and what each packet record in it holds. */
export function pcapngBytes(sections: SectionSpec[]): { bytes: Uint8Array; packets: WrittenPacket[] } {
  const w = new ByteWriter();
  const packets: WrittenPacket[] = [];
  sections.forEach((section, s) => {
    w.little = section.little;
    w.block(0x0a0d0d0a, (b) => {
      b.u32(0x1a2b3c4d).u16(1).u16(0).u32(0xffffffff).u32(0xffffffff);
      b.option(4, (o) => o.text(`random-capture-files section ${s}`)).u32(0);
    });
    for (const iface of section.interfaces) {
      w.block(1, (b) => {
        b.u16(iface.linktype).u16(0).u32(iface.snaplen);
        const { name, tsresol, tsoffset } = iface;
        if (name === undefined && tsresol === undefined && tsoffset === undefined) return;
        if (name !== undefined) b.option(2, (o) => o.text(name));
        if (tsresol !== undefined) b.option(9, (o) => o.u8(tsresol));
        if (tsoffset !== undefined) b.option(14, (o) => o.u64(tsoffset));
        b.u32(0);
      });
    }
    section.blocks.forEach((block, i) => {
      switch (block.kind) {
        case 'epb': {
          const iface = section.interfaces[block.iface];
          const units = unitsPerSecond(iface.tsresol);
          // Keep ticks within 64 bits for the finest resolutions.
          const maxSeconds = (1n << 64n) / units - 1n;
          const ticks = (BigInt(block.seconds) % maxSeconds) * units + (block.fraction % units);
          const captured = iface.snaplen === 0 ? block.captured : Math.min(block.captured, iface.snaplen);
          w.block(6, (b) => {
            // EPB timestamps are high word first in either byte order (not a u64 field).
            b.u32(block.iface)
              .u32(Number(ticks >> 32n))
              .u32(Number(ticks & 0xffffffffn));
            b.u32(captured)
              .u32(captured + block.cut)
              .fill(captured, i)
              .pad();
            const { comment, flags } = block;
            if (comment === undefined && flags === undefined) return;
            if (comment !== undefined) b.option(1, (o) => o.text(comment));
            if (flags !== undefined) b.option(2, (o) => o.u32(flags));
            b.u32(0);
          });
          packets.push({
            linktype: iface.linktype,
            time: { ticks, unitsPerSecond: units, offsetSeconds: iface.tsoffset ?? 0n },
          });
          break;
        }
        case 'spb': {
          const snaplen = section.interfaces[0].snaplen;
          const captured = snaplen === 0 ? block.originalLength : Math.min(block.originalLength, snaplen);
          w.block(3, (b) => b.u32(block.originalLength).fill(captured, i));
          packets.push({ linktype: section.interfaces[0].linktype });
          break;
        }
        case 'isb':
          w.block(5, (b) => {
            b.u32(block.iface).u32(0).u32(0);
            b.option(4, (o) => o.u64(block.received))
              .option(5, (o) => o.u64(block.dropped))
              .u32(0);
          });
          break;
        case 'nrb':
          w.block(4, (b) => {
            b.u16(1)
              .u16(4 + block.name.length + 1)
              .u32(block.address)
              .text(block.name)
              .u8(0)
              .pad();
            b.u32(0);
          });
          break;
        case 'custom':
          w.block(block.copyable ? 0x00000bad : 0x40000bad, (b) => b.u32(32473).fill(block.bytes, i));
          break;
      }
    });
  });
  return { bytes: Uint8Array.from(w.bytes), packets };
}

const length = fc.nat({ max: 150 });
/** Mostly whole records, sometimes cut by a snap length (captured < on the wire). */
const cut = fc.oneof(
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 1500 }) },
);

const classicSpec: fc.Arbitrary<ClassicSpec> = fc.boolean().chain((nano) =>
  fc.record({
    little: fc.boolean(),
    nano: fc.constant(nano),
    linktype: fc.constantFrom(...LINKTYPES),
    snaplen: fc.constantFrom(150, 65535, 262144),
    records: fc.array(
      fc.record({
        seconds: fc.nat({ max: 0xffffffff }),
        fraction: fc.nat({ max: nano ? 999_999_999 : 999_999 }),
        captured: length,
        cut,
      }),
      { minLength: 1, maxLength: 8 },
    ),
  }),
);

const interfaceSpec: fc.Arbitrary<InterfaceSpec> = fc.record(
  {
    linktype: fc.constantFrom(...LINKTYPES),
    snaplen: fc.constantFrom(0, 96, 65535),
    tsresol: fc.oneof(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0x80, max: 0x80 + 40 })),
    tsoffset: fc.bigInt({ min: 0n, max: 0x7fffffffn }),
    name: fc.constantFrom('eth0', 'lo', 'wlan0'),
  },
  { requiredKeys: ['linktype', 'snaplen'] },
);

function blockSpec(interfaces: number): fc.Arbitrary<BlockSpec> {
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record(
        {
          kind: fc.constant('epb' as const),
          iface: fc.nat({ max: interfaces - 1 }),
          seconds: fc.nat({ max: 0xffffffff }),
          fraction: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
          captured: length,
          cut,
          comment: fc.string({ maxLength: 20 }),
          flags: fc.nat({ max: 0xffffffff }),
        },
        { requiredKeys: ['kind', 'iface', 'seconds', 'fraction', 'captured', 'cut'] },
      ),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('spb' as const), originalLength: length }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('isb' as const),
        iface: fc.nat({ max: interfaces - 1 }),
        received: fc.bigInt({ min: 0n, max: 1n << 40n }),
        dropped: fc.bigInt({ min: 0n, max: 1n << 20n }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('nrb' as const),
        address: fc.nat({ max: 0xffffffff }),
        name: fc.stringMatching(/^[a-z]{1,12}\.test$/),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('custom' as const),
        copyable: fc.boolean(),
        bytes: fc.nat({ max: 30 }),
      }),
    },
  );
}

const sectionSpec: fc.Arbitrary<SectionSpec> = fc
  .array(interfaceSpec, { minLength: 1, maxLength: 4 })
  .chain((interfaces) =>
    fc.record({
      little: fc.boolean(),
      interfaces: fc.constant(interfaces),
      blocks: fc.array(blockSpec(interfaces.length), { minLength: 1, maxLength: 10 }),
    }),
  );

/** `count` files, half classic pcap and half pcapng, the same for the same seed. */
export function randomCaptureFiles(seed: number, count: number): RandomCaptureFile[] {
  const classic = fc.sample(classicSpec, { seed, numRuns: Math.ceil(count / 2) });
  const pcapng = fc.sample(fc.array(sectionSpec, { minLength: 1, maxLength: 3 }), {
    seed: seed + 1,
    numRuns: Math.floor(count / 2),
  });
  return [
    ...classic.map((spec, i) => ({
      name: `random-${i}-${spec.little ? 'le' : 'be'}-${spec.nano ? 'nano' : 'micro'}.pcap`,
      bytes: classicBytes(spec),
      packets: spec.records.map((record) => {
        const unitsPerSecond = spec.nano ? 1_000_000_000n : 1_000_000n;
        const ticks = BigInt(record.seconds) * unitsPerSecond + BigInt(record.fraction);
        return { linktype: spec.linktype, time: { ticks, unitsPerSecond, offsetSeconds: 0n } };
      }),
    })),
    ...pcapng.map((sections, i) => ({
      name: `random-${i}-${sections.length}-sections.pcapng`,
      ...pcapngBytes(sections),
    })),
  ];
}
