import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  ARP,
  Dot1AD,
  Dot1Q,
  Ether,
  IP,
  type Layer,
  Loopback,
  type Packet,
  Raw,
  SLL,
  SLL2,
  UDP,
  canonicalMac,
  dissect,
  formatIpv4,
  packet,
  toHex,
} from '../src/index.js';

const RUNS = 500;

const mac = fc.uint8Array({ minLength: 6, maxLength: 6 }).map((b) => canonicalMac(b)!);
const ipv4 = fc.integer({ min: 0, max: 0xffffffff }).map(formatIpv4);
const u8 = fc.integer({ min: 0, max: 0xff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const payload = fc.uint8Array({ minLength: 1, maxLength: 64 });

// Well-formed options: NOPs and Router Alerts, padded with End of Option List to a multiple of 4.
const ipOptions = fc.array(fc.constantFrom([1], [0x94, 4, 0, 0]), { maxLength: 6 }).map((parts) => {
  const bytes = parts.flat();
  while (bytes.length % 4 !== 0) bytes.push(0);
  return Uint8Array.from(bytes);
});

const ipLayer = fc
  .record({
    tos: u8,
    id: u16,
    flags: fc.integer({ min: 0, max: 7 }),
    ttl: u8,
    src: ipv4,
    dst: ipv4,
    options: ipOptions,
  })
  .map((f) => IP(f));

// Ports no binding claims, so the payload stays Raw (BOOTP/DHCP have their own properties).
const udpLayer = fc
  .record({ sport: u16, dport: u16 })
  .map((f) => UDP(f))
  .filter((layer) => !UDP.def.bindings.some((b) => b.match(layer)));

const arpLayer = fc
  .record({
    hwtype: u16,
    ptype: u16,
    op: u16,
    hwsrc: mac,
    psrc: ipv4,
    hwdst: mac,
    pdst: ipv4,
  })
  .map((f) => ARP(f));

const tag = fc.record({
  prio: fc.integer({ min: 0, max: 7 }),
  dei: fc.integer({ min: 0, max: 1 }),
  vlan: fc.integer({ min: 0, max: 4095 }),
});

const network: fc.Arbitrary<Layer[]> = fc.oneof(
  fc.tuple(ipLayer, udpLayer, payload).map(([ip, udp, load]) => [ip, udp, Raw({ load })]),
  fc.tuple(ipLayer, udpLayer).map(([ip, udp]) => [ip, udp]),
  fc
    .tuple(
      ipLayer.filter((ip) => ip.flags === 0 || true),
      payload,
    )
    .map(([ip, load]) => {
      ip.proto = 253; // RFC 3692 experimental: nothing is bound to it
      return [ip, Raw({ load })];
    }),
  arpLayer.map((arp) => [arp]),
);

const framed: fc.Arbitrary<{ linktype: number; packet: Packet }> = fc.oneof(
  fc
    .tuple(mac, mac, fc.option(tag, { nil: undefined, freq: 2 }), fc.array(tag, { maxLength: 2 }), network)
    .map(([dst, src, outer, inner, rest]) => ({
      linktype: 1,
      packet: packet(
        Ether({ dst, src }),
        ...(outer ? [Dot1AD(outer)] : []),
        ...inner.map((t) => Dot1Q(t)),
        ...rest,
      ),
    })),
  fc.tuple(u16, fc.uint8Array({ minLength: 8, maxLength: 8 }), network).map(([pkttype, src, rest]) => ({
    linktype: 113,
    packet: packet(SLL({ pkttype: pkttype % 5, src, lladdrlen: 6 }), ...rest),
  })),
  fc
    .tuple(fc.integer({ min: 0, max: 0x7fffffff }), network)
    .map(([ifindex, rest]) => ({ linktype: 276, packet: packet(SLL2({ ifindex }), ...rest) })),
  fc
    .tuple(ipLayer, udpLayer, payload)
    .map(([ip, udp, load]) => ({ linktype: 0, packet: packet(Loopback(), ip, udp, Raw({ load })) })),
  fc
    .tuple(ipLayer, udpLayer, payload)
    .map(([ip, udp, load]) => ({ linktype: 101, packet: packet(ip, udp, Raw({ load })) })),
);

/** Every field the composed packet set explicitly comes back with the same value. */
function sameExplicitFields(composed: Packet, dissected: Packet): void {
  expect(dissected.layerNames()).toEqual(composed.layerNames());
  composed.layers.forEach((layer, i) => {
    layer.values.forEach((value, f) => {
      if (value !== undefined)
        expect([layer.def.fields[f].name, dissected.layers[i].values[f]]).toEqual([
          layer.def.fields[f].name,
          value,
        ]);
    });
  });
}

const LINKTYPES = [0, 1, 101, 113, 276] as const;

describe('L2-L4 properties', () => {
  it('dissect(build(p)) gives back p, with no problems, for valid Ether/Dot1Q/Dot1AD/SLL/NULL/IP/UDP/ARP packets', () => {
    fc.assert(
      fc.property(framed, ({ linktype, packet: p }) => {
        const bytes = p.build();
        const d = dissect(bytes, { linktype });
        expect(d.problems).toEqual([]);
        sameExplicitFields(p, d);
        expect(toHex(d.build())).toBe(toHex(bytes));
      }),
      { numRuns: RUNS },
    );
  });

  it('build(dissect(b)) is b, and dissect never throws, for random bytes under every linktype', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LINKTYPES), fc.uint8Array({ maxLength: 160 }), (linktype, bytes) => {
        const d = dissect(bytes, { linktype });
        expect(toHex(d.build())).toBe(toHex(bytes));
      }),
      { numRuns: RUNS * 4 },
    );
  });

  it('random bytes behind real Ether/IP/UDP headers, bound ports included, rebuild identically', () => {
    fc.assert(
      fc.property(
        ipLayer,
        fc.constantFrom(67, 68, 53, 1234),
        fc.constantFrom(67, 68, 53, 5678),
        fc.uint8Array({ maxLength: 400 }),
        (ip, sport, dport, body) => {
          const bytes = packet(Ether(), ip, UDP({ sport, dport }), Raw({ load: body })).build();
          const d = dissect(bytes);
          expect(toHex(d.build())).toBe(toHex(bytes));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('mutations of real frames (byte flips, cuts, extensions) dissect without throwing and rebuild identically', () => {
    const mutation = fc.record({
      flips: fc.array(fc.tuple(fc.nat(), u8), { maxLength: 4 }),
      cut: fc.option(fc.nat(), { nil: undefined }),
      extra: fc.uint8Array({ maxLength: 8 }),
    });
    fc.assert(
      fc.property(framed, mutation, ({ linktype, packet: p }, { flips, cut, extra }) => {
        const built = p.build();
        let bytes = new Uint8Array(built.length + extra.length);
        bytes.set(built);
        bytes.set(extra, built.length);
        for (const [at, value] of flips) if (bytes.length > 0) bytes[at % bytes.length] = value;
        if (cut !== undefined) bytes = bytes.slice(0, cut % (bytes.length + 1));
        const d = dissect(bytes, { linktype });
        expect(toHex(d.build())).toBe(toHex(bytes));
        for (const problem of d.problems) {
          expect(problem.offset).toBeGreaterThanOrEqual(0);
          expect(problem.offset).toBeLessThanOrEqual(bytes.length);
        }
      }),
      { numRuns: RUNS * 2 },
    );
  });
});
