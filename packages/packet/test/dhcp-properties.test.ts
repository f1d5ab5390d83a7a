/**
 * Properties of the BOOTP/DHCP codec: random valid packets survive build then dissect; every fixture frame,
 * and random mutations of it, rebuild to the same bytes; dissection never throws nor hangs on random bytes
 * after a valid Ether/IP/UDP/BOOTP header.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ipv4Codec, ipv4ListCodec } from '../src/dhcp/codecs/address.js';
import { classlessRoutesCodec } from '../src/dhcp/codecs/classless-routes.js';
import { clientIdCodec } from '../src/dhcp/codecs/client-id.js';
import {
  i32Codec,
  presenceCodec,
  u8Codec,
  u16Codec,
  u16ListCodec,
  u32Codec,
} from '../src/dhcp/codecs/integer.js';
import { messageTypeCodec } from '../src/dhcp/codecs/message-type.js';
import { relayAgentCodec } from '../src/dhcp/codecs/sub-options.js';
import { bytesCodec, textCodec } from '../src/dhcp/codecs/text.js';
import { type DhcpOptionList, EntryKind } from '../src/dhcp/option-list.js';
import { DHCP_OPTION_TABLE } from '../src/dhcp/registry.js';
import {
  BOOTP,
  DHCP,
  DHCP_MAGIC_COOKIE,
  dissect,
  Ether,
  fromJSON,
  IP,
  packet,
  Raw,
  toHex,
  toJSON,
  UDP,
} from '../src/index.js';
import type { JsonValue } from '../src/field/spec.js';
import { dhcpFrames, fixtureFiles, tsharkAvailable } from './dhcp-fixture-frames.js';

const mac = fc
  .uint8Array({ minLength: 6, maxLength: 6 })
  .map((b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(':'));
const text = fc.string({ unit: 'binary', maxLength: 300 });
const route = fc.tuple(fc.integer({ min: 0, max: 32 }), fc.ipV4(), fc.ipV4()).map(([prefix, net, router]) => {
  const octets = Math.ceil(prefix / 8);
  const parts = net.split('.').map((p, i) => (i < octets ? p : '0'));
  return `${parts.join('.')}/${prefix}:${router}`;
});

/** A value arbitrary for each codec we generate; options with other codecs are left out of the sample. */
function valueFor(codec: unknown): fc.Arbitrary<unknown> | undefined {
  if (codec === ipv4Codec) return fc.ipV4();
  if (codec === ipv4ListCodec) return fc.array(fc.ipV4(), { maxLength: 70 });
  if (codec === u8Codec) return fc.integer({ min: 0, max: 255 });
  if (codec === u16Codec) return fc.integer({ min: 0, max: 0xffff });
  if (codec === u32Codec) return fc.integer({ min: 0, max: 0xffffffff });
  if (codec === i32Codec) return fc.integer({ min: -0x80000000, max: 0x7fffffff });
  if (codec === u16ListCodec) return fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 10 });
  if (codec === textCodec) return text;
  if (codec === bytesCodec) return fc.uint8Array({ maxLength: 300 });
  if (codec === presenceCodec) return fc.constant(true);
  if (codec === messageTypeCodec) return fc.integer({ min: 1, max: 255 });
  if (codec === clientIdCodec) return fc.oneof(mac, fc.uint8Array({ minLength: 2, maxLength: 40 }));
  if (codec === classlessRoutesCodec) return fc.array(route, { maxLength: 40 });
  if (codec === relayAgentCodec)
    return fc.array(fc.tuple(fc.integer({ min: 1, max: 254 }), fc.uint8Array({ maxLength: 30 })), {
      maxLength: 5,
    });
  return undefined;
}

const optionPair = fc.oneof(
  ...DHCP_OPTION_TABLE.flatMap((def) => {
    const value = valueFor(def.codec);
    return value && def.code !== 52 ? [value.map((v) => [def.name, v] as const)] : [];
  }),
  fc.tuple(fc.integer({ min: 224, max: 248 }), fc.uint8Array({ maxLength: 20 })),
);

/** Options as values in wire order, without the split layout (a rebuilt long option is split afresh). */
function logical(list: DhcpOptionList): JsonValue[] {
  return list
    .entries()
    .filter((e) => e.kind !== EntryKind.continuation)
    .map((e) => [e.code, (list.toJSON() as JsonValue[])[list.codes.indexOf(e.code)]]);
}

describe('random valid DHCP packets', () => {
  it('dissect(build(p)) has the same BOOTP fields and options as p, and so does fromJSON(toJSON(p))', () => {
    fc.assert(
      fc.property(
        fc.record({
          op: fc.constantFrom(1, 2),
          xid: fc.integer({ min: 0, max: 0xffffffff }),
          secs: fc.integer({ min: 0, max: 0xffff }),
          flags: fc.constantFrom(0, 0x8000),
          ciaddr: fc.ipV4(),
          yiaddr: fc.ipV4(),
          giaddr: fc.ipV4(),
          chaddr: mac,
        }),
        fc.uniqueArray(optionPair, { maxLength: 12, selector: (p) => p[0] }),
        (fields, options) => {
          const p = packet(Ether(), IP(), UDP(), BOOTP(fields), DHCP({ options: options as never }));
          const back = dissect(p.build());
          expect(back.problems).toEqual([]);
          const [a, b] = [p.layer(BOOTP), back.layer(BOOTP)];
          for (const name of ['op', 'xid', 'secs', 'flags', 'ciaddr', 'yiaddr', 'giaddr'] as const)
            expect(b[name]).toEqual(a[name]);
          expect(toHex(b.chaddr)).toBe(toHex(a.chaddr));
          expect(logical(back.layer(DHCP).options)).toEqual(logical(p.layer(DHCP).options));
          expect(toHex(back.build())).toBe(toHex(p.build()));
          expect(toHex(fromJSON(JSON.stringify(toJSON(p))).build())).toBe(toHex(p.build()));
        },
      ),
      { numRuns: 1500 },
    );
  });
});

describe('never throws, never hangs', () => {
  const header = (payload: Uint8Array, withCookie: boolean) =>
    packet(
      Ether(),
      IP({ src: '198.18.0.1', dst: '198.18.0.2' }),
      UDP({ sport: 68, dport: 67 }),
      BOOTP({ options: withCookie ? DHCP_MAGIC_COOKIE : new Uint8Array(0) }),
      Raw({ load: payload }),
    ).build();
  it('on random bytes after a valid Ether/IP/UDP/BOOTP header, and rebuilds them', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1200 }), fc.boolean(), (payload, withCookie) => {
        const bytes = header(payload, withCookie);
        const p = dissect(bytes);
        expect(p.problems.filter((x) => x.message.includes('decoder failed'))).toEqual([]);
        expect(toHex(p.build())).toBe(toHex(bytes));
      }),
      { numRuns: 3000 },
    );
  });
});

const describeWithTshark = tsharkAvailable ? describe : describe.skip;
describeWithTshark('fixture frames', () => {
  const frames = fixtureFiles().flatMap((f) => dhcpFrames(f));
  const bytesOf = (i: number) => frames[i].bytes;
  const dissectAs = (i: number, bytes: Uint8Array) =>
    frames[i].linktype !== undefined
      ? dissect(bytes, { linktype: frames[i].linktype })
      : dissect(bytes.subarray(frames[i].ipOffset), { first: IP });

  it('every DHCP frame of every capture rebuilds to the same bytes', () => {
    expect(frames.length).toBeGreaterThan(700);
    frames.forEach((frame, i) => {
      const bytes = frame.linktype !== undefined ? frame.bytes : frame.bytes.subarray(frame.ipOffset);
      expect({
        where: `${frame.file}#${frame.number}`,
        hex: toHex(dissectAs(i, frame.bytes).build()),
      }).toEqual({
        where: `${frame.file}#${frame.number}`,
        hex: toHex(bytes),
      });
    });
  });

  it('every DHCP frame survives toJSON -> JSON text -> fromJSON -> build', () => {
    frames.forEach((frame, i) => {
      const p = dissectAs(i, frame.bytes);
      const again = fromJSON(JSON.stringify(toJSON(p)));
      expect({ where: `${frame.file}#${frame.number}`, hex: toHex(again.build()) }).toEqual({
        where: `${frame.file}#${frame.number}`,
        hex: toHex(p.build()),
      });
    });
  });

  it('random mutations of them (bytes changed, cut, inserted) rebuild to the same bytes', () => {
    const mutation = fc.oneof(
      fc
        .array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 })
        .map((changes) => (b: Uint8Array) => {
          const out = b.slice();
          // Aim at BOOTP/DHCP (the last bytes) more than at the headers.
          for (const [at, value] of changes) out[Math.max(0, out.length - 1 - (at % 320))] = value;
          return out;
        }),
      fc.nat().map((cut) => (b: Uint8Array) => b.slice(0, Math.max(0, b.length - (cut % 200)))),
      fc
        .tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 40 }))
        .map(([at, extra]) => (b: Uint8Array) => {
          const pos = Math.max(0, b.length - (at % 200));
          const out = new Uint8Array(b.length + extra.length);
          out.set(b.subarray(0, pos));
          out.set(extra, pos);
          out.set(b.subarray(pos), pos + extra.length);
          return out;
        }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: frames.length - 1 }), mutation, (i, mutate) => {
        const frame = frames[i];
        const bytes = mutate(frame.linktype !== undefined ? bytesOf(i) : bytesOf(i).subarray(frame.ipOffset));
        const p =
          frame.linktype !== undefined
            ? dissect(bytes, { linktype: frame.linktype })
            : dissect(bytes, { first: IP });
        expect(p.problems.filter((x) => x.message.includes('decoder failed'))).toEqual([]);
        expect(toHex(p.build())).toBe(toHex(bytes));
      }),
      { numRuns: 4000 },
    );
  });
});
