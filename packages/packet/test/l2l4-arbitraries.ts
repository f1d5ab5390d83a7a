/** fast-check arbitraries for valid L2-L4 packets, shared by the property and tshark tests. */
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
  formatIpv4,
  packet,
} from '../src/index.js';

export const mac = fc.uint8Array({ minLength: 6, maxLength: 6 }).map((b) => canonicalMac(b)!);
export const ipv4 = fc.integer({ min: 0, max: 0xffffffff }).map(formatIpv4);
export const u8 = fc.integer({ min: 0, max: 0xff });
export const u16 = fc.integer({ min: 0, max: 0xffff });
const payload = fc.uint8Array({ minLength: 1, maxLength: 64 });

// Well-formed options: NOPs and Router Alerts, padded with End of Option List to a multiple of 4.
const ipOptions = fc.array(fc.constantFrom([1], [0x94, 4, 0, 0]), { maxLength: 6 }).map((parts) => {
  const bytes = parts.flat();
  while (bytes.length % 4 !== 0) bytes.push(0);
  return Uint8Array.from(bytes);
});

export const ipLayer = fc
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
export const udpLayer = fc
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

export const framed: fc.Arbitrary<{ linktype: number; packet: Packet }> = fc.oneof(
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
