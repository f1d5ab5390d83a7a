/**
 * Seeded random and adversarial frames for the tshark differential sweep: L2 stacks (Ethernet, 802.3+LLC,
 * 802.1Q/802.1ad tags), ARP with any sizes, IPv4 with options, fragments and wrong checksums or lengths,
 * UDP to and from the DHCP ports, BOOTP with every flag and DHCP with every typed option (random values
 * from each codec), malformed option areas (bad lengths, cut TLVs, option 121 prefixes over 32, overload
 * into file and sname, RFC 3396 long options, a bad cookie), on linktypes 1, 113, 276, 101, 0 and one we
 * do not know; then the same frames cut at every layer boundary and with bytes flipped.
 */
import {
  ARP,
  Dot1AD,
  Dot1Q,
  Dot3,
  Ether,
  IP,
  LLC,
  type Layer,
  Loopback,
  OPTIONS_BY_CODE,
  packet,
  Raw,
  SLL,
  SLL2,
  UDP,
} from '../src/index.js';

/** mulberry32: a small seeded generator, so a failing frame is reproduced from its seed and index. */
export class SeededRandom {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.int(256);
    return out;
  }
  ipv4(): string {
    return Array.from({ length: 4 }, () => this.int(256)).join('.');
  }
  mac(): string {
    return Array.from(this.bytes(6), (b) => b.toString(16).padStart(2, '0')).join(':');
  }
}

export interface SweepFrame {
  linktype: number;
  bytes: Uint8Array;
  /** How the frame was made, for the report of a disagreement. */
  origin: string;
}

/** The linktype tshark knows but we do not decode (LINKTYPE_USER0): both must keep the bytes opaque. */
export const UNKNOWN_LINKTYPE = 147;

const DHCP_PORTS = [67, 68] as const;
const MAGIC = [99, 130, 83, 99];

/** One option instance as TLV bytes; data over 255 bytes becomes consecutive instances (RFC 3396). */
function tlv(code: number, data: Uint8Array): number[] {
  if (data.length === 0) return [code, 0];
  const out: number[] = [];
  for (let o = 0; o < data.length; o += 255) {
    const piece = data.subarray(o, Math.min(data.length, o + 255));
    out.push(code, piece.length, ...piece);
  }
  return out;
}

/** A random value of a typed option, encoded by its own codec. */
function typedOptionData(rng: SeededRandom, code: number): Uint8Array {
  const def = OPTIONS_BY_CODE[code];
  if (!def || code === 0 || code === 255) return rng.bytes(rng.int(12));
  const value = def.codec.random();
  const out = new Uint8Array(def.codec.length(value));
  def.codec.write(out, 0, value);
  return out;
}

const TYPED_CODES = OPTIONS_BY_CODE.flatMap((def, code) => (def && code !== 0 && code !== 255 ? [code] : []));

/** A well-formed option: a typed one (random value), a message type, or an unassigned code with bytes. */
function goodOption(rng: SeededRandom): number[] {
  const roll = rng.int(10);
  if (roll === 0) return [53, 1, 1 + rng.int(18)];
  if (roll === 1) return tlv(224 + rng.int(30), rng.bytes(rng.int(20)));
  const code = rng.pick(TYPED_CODES);
  return tlv(code, typedOptionData(rng, code));
}

/** A malformed piece of an option area. */
function badOption(rng: SeededRandom): number[] {
  switch (rng.int(8)) {
    case 0: // typed option with a random (often wrong) length
      return [rng.pick(TYPED_CODES), rng.int(8), ...rng.bytes(rng.int(8))];
    case 1: // option 121 with a prefix length over 32 or a cut descriptor
      return tlv(121, Uint8Array.from([33 + rng.int(224), ...rng.bytes(rng.int(9))]));
    case 2: // a message type out of range or too long
      return [53, 1 + rng.int(2), rng.int(256), rng.int(256)].slice(0, 2 + rng.int(3));
    case 3: // a long option split in two (RFC 3396), another option between the pieces
      return [...tlv(43, rng.bytes(200)), 53, 1, 5, ...tlv(43, rng.bytes(100))];
    case 4: // 300 bytes of a typed option: two instances joined
      return tlv(rng.pick([6, 119, 121, 3, 77, 124, 125]), rng.bytes(300));
    case 5: // overload in the middle of the list
      return [52, 1, rng.int(5)];
    case 6: // a client identifier with odd contents
      return tlv(61, rng.bytes(rng.int(3)));
    default: // raw bytes
      return Array.from(rng.bytes(1 + rng.int(6)));
  }
}

function optionArea(rng: SeededRandom, room: number | undefined, malformed: boolean): number[] {
  const out: number[] = [];
  const count = rng.int(room === undefined ? 14 : 4);
  for (let i = 0; i < count; i++) {
    out.push(...(malformed && rng.chance(0.3) ? badOption(rng) : goodOption(rng)));
    if (rng.chance(0.05)) out.push(0, 0);
  }
  if (!rng.chance(malformed ? 0.2 : 0.02)) out.push(255);
  if (room !== undefined) return out.slice(0, room);
  return out;
}

/** A BOOTP message (236 bytes) with an optional cookie and options, built by hand to allow any content. */
export function bootpMessage(rng: SeededRandom): Uint8Array {
  const head = new Uint8Array(236);
  const view = new DataView(head.buffer);
  head[0] = rng.chance(0.9) ? 1 + rng.int(2) : rng.int(256);
  head[1] = rng.chance(0.8) ? 1 : rng.int(256);
  head[2] = rng.chance(0.8) ? 6 : rng.int(256);
  head[3] = rng.int(4);
  view.setUint32(4, rng.int(0x100000000));
  view.setUint16(8, rng.int(0x10000));
  view.setUint16(10, rng.pick([0, 0x8000, rng.int(0x10000)]));
  head.set(rng.bytes(16), 12);
  head.set(rng.bytes(16), 28);
  if (rng.chance(0.5)) head.fill(0, 28 + 6, 44);
  const malformed = rng.chance(0.4);
  const overload = rng.chance(0.2) ? 1 + rng.int(3) : 0;
  if (overload & 1) head.set(optionArea(rng, 128, malformed), 108);
  else if (rng.chance(0.2))
    head.set(
      Array.from('boot/file.bin', (c) => c.charCodeAt(0)),
      108,
    );
  if (overload & 2) head.set(optionArea(rng, 64, malformed), 44);
  else if (rng.chance(0.2))
    head.set(
      Array.from('tftp.example', (c) => c.charCodeAt(0)),
      44,
    );
  const tail: number[] = [];
  if (rng.chance(0.05)) {
    tail.push(...rng.bytes(rng.int(5))); // no cookie, a short one, or a wrong one
  } else {
    tail.push(...(rng.chance(0.05) ? [99, 130, 83, 98] : MAGIC));
    const main = optionArea(rng, undefined, malformed);
    if (overload) main.splice(rng.int(Math.min(3, main.length)), 0, 52, 1, overload);
    tail.push(...main);
    if (rng.chance(0.3)) tail.push(...new Array<number>(rng.int(60)).fill(0));
  }
  const out = new Uint8Array(236 + tail.length);
  out.set(head);
  out.set(tail, 236);
  return out;
}

const IP_OPTION_CHOICES: readonly number[][] = [
  [1],
  [0x94, 4, 0, 0],
  [0x07, 7, 4, 0, 0, 0, 0], // record route, one empty slot
  [0x44, 12, 5, 0x01, 0, 0, 0, 0, 0, 0, 0, 0], // timestamp with addresses
  [0x86, 6, 0, 0, 0, 0], // commercial security
  [0],
];

function ipOptions(rng: SeededRandom): Uint8Array {
  if (!rng.chance(0.3)) return new Uint8Array(0);
  const bytes: number[] = [];
  const count = 1 + rng.int(3);
  for (let i = 0; i < count; i++) bytes.push(...rng.pick(IP_OPTION_CHOICES));
  if (rng.chance(0.15)) bytes.push(rng.int(256), rng.int(6)); // a broken option
  while (bytes.length % 4 !== 0) bytes.push(0);
  return Uint8Array.from(bytes.slice(0, 40));
}

/** IP/UDP/payload, or IP/other, or ARP: what goes after the link layer (and its ethertype). */
function network(rng: SeededRandom): Layer[] {
  const roll = rng.int(10);
  if (roll === 0) {
    const odd = rng.chance(0.3);
    return [
      ARP({
        hwtype: rng.chance(0.8) ? 1 : rng.int(0x10000),
        ptype: rng.chance(0.8) ? 0x0800 : rng.int(0x10000),
        op: rng.chance(0.7) ? 1 + rng.int(2) : rng.int(0x10000),
        hwsrc: rng.mac(),
        psrc: rng.ipv4(),
        hwdst: rng.mac(),
        pdst: rng.ipv4(),
        ...(odd ? { hwlen: rng.int(20), plen: rng.int(20) } : {}),
      }),
    ];
  }
  const fragment = rng.chance(0.1);
  const ip = IP({
    tos: rng.int(256),
    id: rng.int(0x10000),
    flags: fragment ? rng.pick([1, 3, 0]) : rng.pick([0, 2]),
    frag: fragment ? rng.int(0x2000) : 0,
    ttl: rng.int(256),
    src: rng.ipv4(),
    dst: rng.ipv4(),
    options: ipOptions(rng),
    ...(rng.chance(0.1) ? { chksum: rng.int(0x10000) } : {}),
    ...(rng.chance(0.05) ? { len: rng.int(0x10000) } : {}),
  });
  if (roll === 1) {
    ip.proto = rng.pick([1, 6, 253]);
    return [ip, Raw({ load: rng.bytes(1 + rng.int(40)) })];
  }
  const dhcp = roll >= 4;
  const [sport, dport] = dhcp
    ? rng.chance(0.5)
      ? [68, 67]
      : rng.chance(0.7)
        ? [67, 68]
        : [rng.pick(DHCP_PORTS), 1024 + rng.int(60000)]
    : [1024 + rng.int(60000), rng.pick([53, 123, 5000 + rng.int(50000)])];
  const udp = UDP({
    sport,
    dport,
    ...(rng.chance(0.1) ? { chksum: rng.int(0x10000) } : {}),
    ...(rng.chance(0.05) ? { chksum: 0 } : {}),
    ...(rng.chance(0.05) ? { len: rng.int(0x10000) } : {}),
  });
  const load = dhcp ? bootpMessage(rng) : rng.bytes(rng.int(48));
  return load.length > 0 ? [ip, udp, Raw({ load })] : [ip, udp];
}

function vlanTag(rng: SeededRandom) {
  return { prio: rng.int(8), dei: rng.int(2), vlan: rng.int(4096) };
}

/** A complete frame of a random linktype. */
export function builtFrame(rng: SeededRandom): SweepFrame {
  const roll = rng.int(20);
  const rest = network(rng);
  if (roll < 12) {
    const tags: Layer[] = [];
    if (rng.chance(0.15)) tags.push(Dot1AD(vlanTag(rng)));
    const inner = rng.chance(0.3) ? 1 + rng.int(2) : 0;
    for (let i = 0; i < inner; i++) tags.push(Dot1Q(vlanTag(rng)));
    const p = packet(Ether({ dst: rng.mac(), src: rng.mac() }), ...tags, ...rest);
    return { linktype: 1, bytes: p.build(), origin: 'built Ethernet' };
  }
  if (roll === 12) {
    const load = rng.bytes(rng.int(50));
    const p = packet(
      Dot3({ dst: rng.mac(), src: rng.mac() }),
      LLC({
        dsap: rng.pick([0xaa, 0x42, 0x06, rng.int(256)]),
        ssap: rng.int(256),
        ctrl: rng.pick([3, rng.int(256)]),
      }),
      Raw({ load }),
    );
    return { linktype: 1, bytes: p.build(), origin: 'built 802.3/LLC' };
  }
  if (roll <= 14) {
    const p = packet(
      SLL({
        pkttype: rng.int(5),
        lladdrtype: rng.pick([1, 772, rng.int(0x10000)]),
        src: rng.bytes(8),
        lladdrlen: rng.int(9),
      }),
      ...rest,
    );
    return { linktype: 113, bytes: p.build(), origin: 'built SLL' };
  }
  if (roll <= 16) {
    const p = packet(
      SLL2({
        ifindex: rng.int(0x80000000),
        pkttype: rng.int(5),
        lladdrtype: rng.pick([1, 772]),
        src: rng.bytes(8),
        lladdrlen: rng.int(9),
      }),
      ...rest,
    );
    return { linktype: 276, bytes: p.build(), origin: 'built SLL2' };
  }
  if (roll === 17) {
    const ipOnly = rest[0] === undefined || rest[0].def !== IP.def ? network(rng) : rest;
    if (ipOnly[0].def !== IP.def) return builtFrame(rng);
    return { linktype: 0, bytes: packet(Loopback(), ...ipOnly).build(), origin: 'built NULL' };
  }
  if (roll === 18) {
    if (rest[0].def !== IP.def) return builtFrame(rng);
    return { linktype: 101, bytes: packet(...rest).build(), origin: 'built raw IP' };
  }
  return { linktype: UNKNOWN_LINKTYPE, bytes: rng.bytes(1 + rng.int(80)), origin: 'unknown linktype' };
}

/** Byte offsets where a layer of a frame starts, read off our own dissection by the caller. */
export type LayerStarts = readonly number[];

/** The frame cut to each of `starts` and one byte either side, plus a few bytes flipped. */
export function mutations(rng: SeededRandom, frame: SweepFrame, starts: LayerStarts): SweepFrame[] {
  const out: SweepFrame[] = [];
  const cuts = new Set<number>();
  for (const s of starts)
    for (const d of [-1, 0, 1, 4]) if (s + d > 0 && s + d < frame.bytes.length) cuts.add(s + d);
  for (const cut of cuts) {
    if (rng.chance(0.5))
      out.push({ ...frame, bytes: frame.bytes.slice(0, cut), origin: `${frame.origin}, cut at ${cut}` });
  }
  const flipped = frame.bytes.slice();
  const flips = 1 + rng.int(4);
  const at: number[] = [];
  for (let i = 0; i < flips; i++) {
    const o = rng.int(flipped.length);
    flipped[o] ^= 1 << rng.int(8);
    at.push(o);
  }
  out.push({ ...frame, bytes: flipped, origin: `${frame.origin}, bits flipped at ${at.join(',')}` });
  return out;
}
