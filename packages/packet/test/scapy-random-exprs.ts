/**
 * fast-check arbitraries for random scapy 2.5 one-liners over everything wirecraft claims to build like
 * scapy: Ether (explicit type too), 802.1Q/QinQ, ARP, IPv4 (explicit header fields and option bytes),
 * UDP, BOOTP (every field) and DHCP with random option lists drawn from scapy 2.5's own DHCPOptions table.
 *
 * Deliberate differences are excluded here by rule, each named where it is applied:
 * - BOOTP/DHCP always carries explicit ports: without them we build 68 -> 67 and scapy 67 -> 68.
 * - A header cut short (explicit IP ihl or len), UDP len < 8 and ARP hwtype != 1: see ipLayer,
 *   udpWithPayload and arp.
 * - Source and destination addresses, ARP hwsrc/psrc and Ether src are always given: scapy fills them
 *   from this host's routes and interfaces, which is not packet logic.
 * - UDP ports with a payload avoid every port scapy binds a dissector to (DNS, NTP ...), which we do not have.
 *
 * Repeated option codes are generated: scapy lists each instance, we join them (RFC 3396), and the
 * comparison cuts our joined value back into the instances' pieces (scapy-random-compare.ts).
 */
import fc from 'fast-check';
import { pythonBytesRepr, pythonStrRepr } from '../src/scapy/python-repr.js';
import { SCAPY25_DHCP_OPTIONS, SCAPY25_MESSAGE_TYPES, type ScapyOptionKind } from './scapy-dhcp-table.js';

export interface RandomScapyCase {
  expr: string;
  /** The class the frame starts with (the oracle's dissect entry point). */
  first: 'Ether' | 'IP';
}

/** UDP ports scapy 2.5 binds a payload dissector to (UDP.payload_guess). */
const SCAPY_UDP_PORTS = new Set([
  53, 67, 68, 69, 88, 123, 137, 138, 161, 162, 389, 434, 500, 520, 546, 547, 1701, 1812, 1813, 1985, 2029,
  2055, 2056, 2727, 3799, 4500, 4789, 4790, 5353, 5355, 6343, 6633, 8472, 9995, 9996, 17754, 48879,
]);

const u8 = fc.integer({ min: 0, max: 0xff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });

/** An integer literal in one of the forms Python accepts. */
const intLiteral = (arb: fc.Arbitrary<number>): fc.Arbitrary<string> =>
  fc
    .tuple(arb, fc.constantFrom('dec', 'dec', 'dec', 'dec', 'hex', 'HEX', 'oct', 'bin', 'under'))
    .map(([n, form]) => {
      switch (form) {
        case 'hex':
          return `0x${n.toString(16)}`;
        case 'HEX':
          return `0X${n.toString(16).toUpperCase()}`;
        case 'oct':
          return `0o${n.toString(8)}`;
        case 'bin':
          return `0b${n.toString(2)}`;
        case 'under':
          return String(n).replace(/\B(?=(\d{3})+$)/g, '_');
        default:
          return String(n);
      }
    });

const bytesOf = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max });
const bytesLiteral = (min: number, max: number) => bytesOf(min, max).map(pythonBytesRepr);
const asciiText = (min: number, max: number) =>
  fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    minLength: min,
    maxLength: max,
  });
const mac = bytesOf(6, 6).map((b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(':'));
const ipv4 = u32.map((n) => `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`);
const quoted = (arb: fc.Arbitrary<string>) => arb.map((s) => `"${s}"`);

/** A field's value, given in an expression or left to its default. */
interface Keyword {
  value: fc.Arbitrary<string>;
  /** Chance in percent that the field is given (100 for required). */
  given: number;
}
const often = (value: fc.Arbitrary<string>): Keyword => ({ value, given: 60 });
const rarely = (value: fc.Arbitrary<string>): Keyword => ({ value, given: 10 });
const always = (value: fc.Arbitrary<string>): Keyword => ({ value, given: 100 });
const never: Keyword = { value: fc.constant(''), given: 0 };

/** `name=value, ...` for the fields that are given, in the order listed. */
function keywords(fields: Record<string, Keyword>): fc.Arbitrary<string> {
  const entries = Object.entries(fields);
  return fc
    .tuple(
      ...entries.map(([name, k]) =>
        fc
          .tuple(fc.integer({ min: 0, max: 99 }), k.value)
          .map(([roll, value]) => (roll < k.given ? `${name}=${value}` : undefined)),
      ),
    )
    .map((parts) => parts.filter((p) => p !== undefined).join(', '));
}

// ---------- L2 ----------

const etherHead = keywords({ dst: often(quoted(mac)), src: always(quoted(mac)) }).map((k) => `Ether(${k})`);

const vlanTags = fc.oneof(
  { weight: 4, arbitrary: fc.constant([] as string[]) },
  {
    weight: 2,
    arbitrary: fc
      .array(
        fc.tuple(
          fc.constantFrom('Dot1Q', 'Dot1Q', 'Dot1AD'),
          keywords({
            prio: often(fc.integer({ min: 0, max: 7 }).map(String)),
            id: often(fc.integer({ min: 0, max: 1 }).map(String)),
            vlan: often(intLiteral(fc.integer({ min: 0, max: 4095 }))),
          }),
        ),
        { minLength: 1, maxLength: 2 },
      )
      // scapy 2.5 has no Dot1Q -> Dot1AD binding (and neither do we): an 802.1ad tag comes first.
      .map((tags) => tags.map(([name, k], i) => `${i === 0 ? name : 'Dot1Q'}(${k})`)),
  },
);

// ---------- ARP ----------

const arp = fc
  .tuple(
    keywords({
      op: often(
        fc.oneof(
          intLiteral(fc.integer({ min: 1, max: 2 })),
          fc.constantFrom('"who-has"', '"is-at"'),
          intLiteral(u16),
        ),
      ),
      hwsrc: always(quoted(mac)),
      psrc: always(quoted(ipv4)),
      hwdst: often(quoted(mac)),
      pdst: always(quoted(ipv4)),
      // Only Ethernet (1): scapy 2.5 types hwsrc/hwdst as MACs only for hwtype 1 and writes a MAC given
      // for any other hardware type as its 17 ASCII characters; ours are MACs for every type.
      hwtype: rarely(fc.constant('1')),
    }),
  )
  .map(([k]) => `ARP(${k})`);

// ---------- IPv4 ----------

/** Well-formed option sequences (scapy parses them into IPOption packets; both must agree on the bytes). */
const ipOption = fc.oneof(
  fc.constant([1]),
  fc.constant([0x94, 4, 0, 0]),
  fc.integer({ min: 0, max: 3 }).map((n) => [7, 3 + 4 * n, 4, ...new Array<number>(4 * n).fill(0)]),
  fc.tuple(u8, u8).map(([a, b]) => [0x94, 4, a, b]),
  fc.tuple(u8, u8).map(([a, b]) => [0x88, 4, a, b]),
);
const ipOptions = fc.array(ipOption, { minLength: 1, maxLength: 5 }).map((parts) => {
  const bytes = parts.flat().slice(0, 40);
  return Uint8Array.from(bytes);
});

const ipFlags = fc.oneof(
  fc.integer({ min: 0, max: 7 }).map(String),
  fc.constantFrom('"DF"', '"MF"', '"MF+DF"', '"DF+MF"', '"evil"', '"evil+DF"', '""'),
);

/**
 * IP with random header fields. An explicit ihl never points past the packet (`bytesAfterHeader` known):
 * we keep such a truncated header as Raw (its options could not rebuild identically), scapy reads the
 * bytes it has. Above UDP (payload length unknown here) an explicit ihl is the right one. An explicit len
 * is at least 68 (no header is longer than 60 bytes, UDP's is 8: scapy slices len - ihl * 4 bytes, from
 * the end when negative) and never given under BOOTP, which it would cut short: we keep a truncated BOOTP
 * as Raw, scapy fills the fields it has.
 */
function ipLayer(at: { bytesAfterHeader?: number; explicitLen: boolean }) {
  const { bytesAfterHeader } = at;
  return fc
    .tuple(
      keywords({
        src: always(quoted(ipv4)),
        dst: always(quoted(ipv4)),
        tos: often(intLiteral(u8)),
        len: at.explicitLen ? rarely(intLiteral(fc.integer({ min: 68, max: 0xffff }))) : never,
        ttl: often(intLiteral(u8)),
        id: often(intLiteral(u16)),
        flags: often(ipFlags),
        chksum: rarely(intLiteral(u16)),
      }),
      fc.option(ipOptions, { freq: 8, nil: undefined }),
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 5, max: 15 }),
    )
    .map(([k, options, roll, pick]) => {
      const header = 20 + Math.ceil((options?.length ?? 0) / 4) * 4;
      const parts = k === '' ? [] : [k];
      if (options) parts.push(`options=${pythonBytesRepr(options)}`);
      if (roll < 15) {
        const ihl =
          bytesAfterHeader === undefined
            ? header / 4
            : Math.max(5, Math.min(pick, Math.floor((header + bytesAfterHeader) / 4)));
        parts.push(`ihl=${ihl}`);
      }
      return `IP(${parts.join(', ')})`;
    });
}

// ---------- UDP + payloads ----------

const freePort = fc
  .oneof(fc.integer({ min: 1024, max: 65535 }), fc.integer({ min: 0, max: 1023 }))
  .filter((p) => !SCAPY_UDP_PORTS.has(p));

const rawPayload = fc.oneof(
  bytesLiteral(1, 80),
  asciiText(1, 40).map((s) => pythonStrRepr(s)),
  bytesLiteral(1, 16).map((b) => `Raw(load=${b})`),
  fc
    .tuple(fc.integer({ min: 1, max: 300 }), fc.constantFrom('A', '\\x00', '\\xff'))
    .map(([n, c]) => `(b"${c}"*${n})`),
);
const padding = bytesLiteral(1, 20).map((b) => `Padding(load=${b})`);

/** UDP carrying a Raw payload (or nothing) on ports no scapy dissector claims. */
const udpWithPayload = fc
  .tuple(
    keywords({
      sport: always(intLiteral(freePort)),
      dport: always(intLiteral(freePort)),
      // At least 8: scapy 2.5 slices len - 8 bytes, which for len < 8 counts from the end (a negative
      // index) and makes the last bytes Padding; we keep the bytes as the payload and report the length.
      len: rarely(intLiteral(fc.integer({ min: 8, max: 0xffff }))),
      chksum: rarely(intLiteral(u16)),
    }),
    fc.option(rawPayload, { nil: undefined }),
  )
  .map(([k, payload]) => `UDP(${k})${payload ? `/${payload}` : ''}`);
/** UDP with scapy's default ports (53): only without a payload, which scapy would read as DNS. */
const udpBare = keywords({ chksum: rarely(intLiteral(u16)) }).map((k) => `UDP(${k})`);

// ---------- BOOTP ----------

const chaddr = fc.oneof(
  mac.map((m) => `mac2str("${m}")`),
  bytesLiteral(0, 16),
  mac.map((m) => `mac2str("${m}") + b"\\x00"*10`),
  // Never longer than the field (16, and 64/128 for sname/file): scapy silently keeps the first bytes,
  // we refuse the value with a typed error naming the field.
);
const bootp = keywords({
  op: often(fc.oneof(fc.constantFrom('1', '2', '"BOOTREQUEST"', '"BOOTREPLY"'), intLiteral(u8))),
  htype: often(fc.oneof(fc.constantFrom('1', '6', '"Ethernet (10Mb)"'), intLiteral(u8))),
  hlen: often(intLiteral(u8)),
  hops: often(intLiteral(u8)),
  xid: often(intLiteral(u32)),
  secs: often(intLiteral(u16)),
  flags: often(fc.oneof(fc.constantFrom('"B"', '0', '0x8000'), intLiteral(u16))),
  ciaddr: often(quoted(ipv4)),
  yiaddr: often(quoted(ipv4)),
  siaddr: often(quoted(ipv4)),
  giaddr: often(quoted(ipv4)),
  chaddr: often(chaddr),
  sname: often(
    fc.oneof(
      bytesLiteral(0, 64),
      asciiText(1, 64).map((s) => pythonBytesRepr(new TextEncoder().encode(s))),
    ),
  ),
  file: often(
    fc.oneof(
      bytesLiteral(0, 128),
      asciiText(1, 128).map((s) => pythonBytesRepr(new TextEncoder().encode(s))),
    ),
  ),
}).map((k) => `BOOTP(${k})`);

// ---------- DHCP options ----------

/** The classless static route text scapy takes: destination/prefix:router, destination already masked. */
const route = fc.tuple(u32, fc.integer({ min: 0, max: 32 }), ipv4).map(([n, prefix, router]) => {
  const masked = prefix === 0 ? 0 : (n & (0xffffffff << (32 - prefix))) >>> 0;
  return `${masked >>> 24}.${(masked >>> 16) & 255}.${(masked >>> 8) & 255}.${masked & 255}/${prefix}:${router}`;
});

/** Well-formed sub-option data (RFC 3046 / vendor-specific), so our typed codecs model it. */
const subOptions = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 254 }), bytesOf(0, 12)), { minLength: 1, maxLength: 4 })
  .map((subs) => Uint8Array.from(subs.flatMap(([code, data]) => [code, data.length, ...data])));
const fqdnData = fc
  .tuple(fc.integer({ min: 0, max: 15 }), u8, u8, asciiText(0, 30))
  .map(([flags, r1, r2, name]) => Uint8Array.from([flags, r1, r2, ...new TextEncoder().encode(name)]));
const clientId = fc.oneof(
  mac.map((m) => `b"\\x01" + mac2str("${m}")`),
  fc
    .tuple(u32, bytesOf(2, 18))
    .map(([iaid, duid]) =>
      pythonBytesRepr(
        Uint8Array.from([
          0xff,
          iaid >>> 24,
          (iaid >>> 16) & 255,
          (iaid >>> 8) & 255,
          iaid & 255,
          0,
          1,
          ...duid,
        ]),
      ),
    ),
  bytesLiteral(1, 20),
  asciiText(1, 20).map((s) => pythonStrRepr(s)),
);

function typedValues(kind: ScapyOptionKind, code: number): fc.Arbitrary<string> {
  switch (kind) {
    case 'ip':
      return fc.array(quoted(ipv4), { minLength: 1, maxLength: 4 }).map((a) => a.join(', '));
    case 'int':
      return fc.array(intLiteral(u32), { minLength: 1, maxLength: 3 }).map((a) => a.join(', '));
    case 'short':
      return fc.array(intLiteral(u16), { minLength: 1, maxLength: 3 }).map((a) => a.join(', '));
    case 'byte':
      // Overload (52) values 1..3 only in overloadPacket: over 308 bytes of options we then lay them out
      // over file/sname (RFC 2131 §4.1), scapy writes them as given.
      if (code === 52) return intLiteral(fc.integer({ min: 4, max: 255 }));
      return fc.array(intLiteral(u8), { minLength: 1, maxLength: 3 }).map((a) => a.join(', '));
    case 'enum':
      return fc.oneof(
        fc.constantFrom(...SCAPY25_MESSAGE_TYPES).map((n) => `"${n}"`),
        fc.integer({ min: 1, max: 18 }).map(String),
        intLiteral(u8),
      );
    case 'list':
      return fc.oneof(
        fc.array(intLiteral(u8), { maxLength: 30 }).map((a) => `[${a.join(', ')}]`),
        fc.array(intLiteral(u8), { minLength: 1, maxLength: 6 }).map((a) => a.join(', ')),
        // Names in the list: ours takes them, scapy 2.5 refuses them (the oracle skips those cases).
        fc
          .array(
            fc.oneof(
              intLiteral(u8),
              fc.constantFrom(...NAMED).map(([, n]) => `"${n}"`),
            ),
            { maxLength: 8 },
          )
          .map((a) => `[${a.join(', ')}]`),
      );
    case 'routes':
      return fc.array(quoted(route), { minLength: 1, maxLength: 5 }).map((a) => `[${a.join(', ')}]`);
    default:
      switch (code) {
        case 61:
          return clientId;
        case 81:
          return fqdnData.map(pythonBytesRepr);
        case 43:
        case 82:
          return fc.oneof(subOptions.map(pythonBytesRepr), bytesLiteral(1, 20));
        default:
          return fc.oneof(
            asciiText(1, 40).map((s) => pythonStrRepr(s)),
            bytesLiteral(1, 40),
            // Non-ASCII text: scapy writes its UTF-8 bytes.
            fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).map((s) => pythonStrRepr(s)),
          );
      }
  }
}

const NAMED = SCAPY25_DHCP_OPTIONS.filter(([code]) => code !== 0 && code !== 255);
const SCAPY_CODES = new Set(SCAPY25_DHCP_OPTIONS.map(([code]) => code));
/** Codes scapy 2.5 does not name: it builds and dissects them as (code, bytes). */
const UNNAMED_CODES = Array.from({ length: 254 }, (_, i) => i + 1).filter((c) => !SCAPY_CODES.has(c));
/** Codes scapy reads as bytes (no field): any data length is well-formed for them. */
const UNTYPED_CODES = [
  ...UNNAMED_CODES,
  ...NAMED.filter(([, , kind]) => kind === 'bytes' || kind === 'str').map(([c]) => c),
];

/** One option item plus the code it uses (so a list never repeats a code). */
interface OptionItem {
  code: number;
  text: string;
}

const namedOption: fc.Arbitrary<OptionItem> = fc
  .constantFrom(...NAMED)
  .chain(([code, name, kind]) => typedValues(kind, code).map((v) => ({ code, text: `("${name}", ${v})` })));
/** (code, b"data"): a code given as a number takes bytes in scapy. */
const numericOption: fc.Arbitrary<OptionItem> = fc
  .tuple(fc.constantFrom(...UNTYPED_CODES), bytesOf(0, 40))
  .map(([code, data]) => ({ code, text: `(${code}, ${pythonBytesRepr(data)})` }));
/** A whole TLV as raw bytes in the list (scapy writes it verbatim). */
const rawTlv: fc.Arbitrary<OptionItem> = fc
  .tuple(fc.constantFrom(...UNTYPED_CODES), bytesOf(0, 20))
  .map(([code, data]) => ({ code, text: pythonBytesRepr(Uint8Array.from([code, data.length, ...data])) }));
/** An option longer than 255 bytes, written as consecutive TLVs of one code (RFC 3396 split). */
const longOption: fc.Arbitrary<OptionItem> = fc
  .tuple(fc.constantFrom(...UNTYPED_CODES), fc.integer({ min: 256, max: 600 }), u8)
  .map(([code, length, fill]) => {
    const parts: string[] = [];
    for (let left = length; left > 0; left -= 255)
      parts.push(`(${code}, b"\\x${fill.toString(16).padStart(2, '0')}"*${Math.min(255, left)})`);
    return { code, text: parts.join(', ') };
  });
const emptyNamed: fc.Arbitrary<OptionItem> = fc
  .constantFrom(...NAMED.filter(([, , kind]) => kind === 'bytes' || kind === 'str'))
  .map(([code, name]) => ({ code, text: `("${name}", b"")` }));

/** (code, b"data") for a code scapy types, with data its field may not read (scapy then stops listing). */
const typedCodeBytes: fc.Arbitrary<OptionItem> = fc
  .tuple(
    fc.constantFrom(...NAMED.filter(([, , kind]) => kind !== 'bytes' && kind !== 'str' && kind !== 'routes')),
    bytesOf(0, 13),
  )
  .map(([[code], data]) => ({ code, text: `(${code}, ${pythonBytesRepr(data)})` }));

const optionItem = fc.oneof(
  { weight: 1, arbitrary: typedCodeBytes },
  { weight: 12, arbitrary: namedOption },
  { weight: 3, arbitrary: numericOption },
  { weight: 1, arbitrary: rawTlv },
  { weight: 1, arbitrary: longOption },
  { weight: 1, arbitrary: emptyNamed },
);

const messageType = fc
  .oneof(
    { weight: 10, arbitrary: fc.constantFrom(...SCAPY25_MESSAGE_TYPES).map((n) => `"${n}"`) },
    { weight: 10, arbitrary: fc.integer({ min: 1, max: 18 }).map(String) },
    // Names of types 14..18: scapy 2.5 does not know them (the oracle skips those cases).
    { weight: 1, arbitrary: fc.constantFrom('"bulk_lease_query"', '"tls"') },
  )
  .map((v) => `("message-type", ${v})`);

const dhcpOptions = fc
  .tuple(
    fc.option(messageType, { nil: undefined }),
    fc.array(optionItem, { maxLength: 10 }).map((items) => items.filter((o) => o.code !== 53)),
    fc.array(fc.constant('"pad"'), { maxLength: 3 }),
    fc.constantFrom('end', 'end', 'end', 'none', 'end+pad'),
  )
  .map(([type, items, pads, end]) => {
    const list = [...(type ? [type] : []), ...pads, ...items.map((o) => o.text)];
    if (end !== 'none') list.push('"end"');
    if (end === 'end+pad') list.push('"pad"', '"pad"');
    return `DHCP(options=[${list.join(', ')}])`;
  });

/**
 * Option 52 (overload 1..3) with a short option list and BOOTP file/sname holding options: we dissect
 * those areas as options too (DhcpOptionList.file/sname, outside scapy's view), scapy keeps them as bytes;
 * both must still agree on the BOOTP bytes and the options field.
 */
const overloadedArea = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 254 }), bytesOf(0, 8)), { maxLength: 4 })
  .map((items) => Uint8Array.from([...items.flatMap(([c, d]) => [c, d.length, ...d]), 255]));
const overloadPacket = fc
  .tuple(
    fc.integer({ min: 1, max: 3 }),
    overloadedArea,
    overloadedArea,
    fc.constantFrom(...SCAPY25_MESSAGE_TYPES),
  )
  .map(
    ([overload, file, sname, type]) =>
      `Ether(src="02:00:00:00:00:01")/IP(src="0.0.0.0", dst="255.255.255.255")/UDP(sport=68, dport=67)/BOOTP(xid=7${overload & 1 ? `, file=${pythonBytesRepr(file)}` : ''}${overload & 2 ? `, sname=${pythonBytesRepr(sname)}` : ''})/DHCP(options=[("message-type", "${type}"), ("dhcp-option-overload", ${overload}), "end"])`,
  );

const bootpPorts = fc.constantFrom(
  'sport=68, dport=67',
  'sport=67, dport=68',
  'sport=67, dport=67',
  'sport="bootpc", dport="bootps"',
);

// ---------- whole packets ----------

const l2 = fc.tuple(etherHead, vlanTags).map(([ether, tags]) => [ether, ...tags].join('/'));
const maybePadding = fc.option(padding, { nil: undefined }).map((p) => (p ? `/${p}` : ''));

const arpPacket = fc.tuple(l2, arp, maybePadding).map(([head, a, pad]) => `${head}/${a}${pad}`);
const udpPacket = fc
  .tuple(
    l2,
    ipLayer({ explicitLen: true }),
    fc.oneof({ weight: 4, arbitrary: udpWithPayload }, { weight: 1, arbitrary: udpBare }),
    maybePadding,
  )
  .map(([head, ip, udp, pad]) => `${head}/${ip}/${udp}${pad}`);
/** A fragment (frag > 0): neither side dissects the payload as UDP. */
const fragmentPacket = fc
  .tuple(bytesOf(1, 40), intLiteral(fc.integer({ min: 1, max: 8191 })))
  .chain(([data, frag]) =>
    fc
      .tuple(l2, ipLayer({ bytesAfterHeader: data.length, explicitLen: true }))
      .map(
        ([head, ip]) =>
          `${head}/${ip.replace(/^IP\(/, `IP(proto=17, frag=${frag}, `)}/${pythonBytesRepr(data)}`,
      ),
  );
/** IP over a Raw payload (protocol 0), where an explicit ihl may take payload bytes into the options. */
const ipRawPacket = bytesOf(1, 40).chain((data) =>
  fc
    .tuple(l2, ipLayer({ bytesAfterHeader: data.length, explicitLen: true }))
    .map(([head, ip]) => `${head}/${ip}/${pythonBytesRepr(data)}`),
);
const dhcpPacket = fc
  .tuple(
    l2,
    ipLayer({ explicitLen: false }),
    bootpPorts,
    bootp,
    fc.option(dhcpOptions, { nil: undefined, freq: 10 }),
  )
  .map(([head, ip, ports, b, dhcp]) => `${head}/${ip}/UDP(${ports})/${b}${dhcp ? `/${dhcp}` : ''}`);
/** Plain BOOTP: the vendor area given as bytes (no magic cookie, so no DHCP layer on either side). */
const bootpVendorPacket = fc
  .tuple(l2, ipLayer({ explicitLen: false }), bootpPorts, bootp, bytesOf(0, 64))
  .filter(([, , , , area]) => !(area[0] === 0x63 && area[1] === 0x82 && area[2] === 0x53 && area[3] === 0x63))
  .map(([head, ip, ports, b, area]) => {
    const fields = b.slice('BOOTP('.length, -1);
    return `${head}/${ip}/UDP(${ports})/BOOTP(${fields}${fields ? ', ' : ''}options=${pythonBytesRepr(area)})`;
  });
const plainEther = fc
  .tuple(
    etherHead,
    fc.oneof(
      fc.constantFrom(0x88b5, 0x88b6, 0x1234, 0x9000, 0xffff),
      // An 802.3 length: both sides dissect Dot3 (and LLC) instead of Ether.
      // At least 3 with at least 3 bytes: a shorter LLC header is Raw here, scapy fills what it has.
      fc.integer({ min: 3, max: 1500 }),
    ),
    bytesLiteral(3, 60),
  )
  .map(([ether, type, data]) => `${ether.replace(/^Ether\(/, `Ether(type=${type}, `)}/${data}`);
const typedEther = fc.oneof(
  fc
    .tuple(etherHead, ipLayer({ explicitLen: true }), udpWithPayload)
    .map(([ether, ip, udp]) => `${ether.replace(/^Ether\(/, 'Ether(type=0x0800, ')}/${ip}/${udp}`),
  fc.tuple(etherHead, arp).map(([ether, a]) => `${ether.replace(/^Ether\(/, 'Ether(type="ARP", ')}/${a}`),
  fc
    .tuple(etherHead, ipLayer({ explicitLen: true }), udpWithPayload)
    .map(
      ([ether, ip, udp]) => `${ether.replace(/^Ether\(/, 'Ether(type=0x8100, ')}/Dot1Q(vlan=5)/${ip}/${udp}`,
    ),
);

const etherCase = fc.oneof(
  { weight: 2, arbitrary: arpPacket },
  { weight: 3, arbitrary: udpPacket },
  { weight: 1, arbitrary: fragmentPacket },
  { weight: 1, arbitrary: ipRawPacket },
  { weight: 8, arbitrary: dhcpPacket },
  { weight: 1, arbitrary: bootpVendorPacket },
  { weight: 1, arbitrary: overloadPacket },
  { weight: 1, arbitrary: plainEther },
  { weight: 1, arbitrary: typedEther },
);
const ipCase = fc
  .oneof(
    fc.tuple(ipLayer({ explicitLen: true }), udpWithPayload),
    fc.tuple(
      ipLayer({ explicitLen: false }),
      fc.tuple(bootpPorts, bootp, dhcpOptions).map(([p, b, d]) => `UDP(${p})/${b}/${d}`),
    ),
  )
  .map(([ip, udp]) => `${ip}/${udp}`);

export const randomScapyCase: fc.Arbitrary<RandomScapyCase> = fc.oneof(
  { weight: 9, arbitrary: etherCase.map((expr) => ({ expr, first: 'Ether' as const })) },
  { weight: 1, arbitrary: ipCase.map((expr) => ({ expr, first: 'IP' as const })) },
);

/** `count` cases drawn from `seed`: the same seed always gives the same cases. */
export function sampleScapyCases(seed: number, count: number): RandomScapyCase[] {
  return fc.sample(randomScapyCase, { seed, numRuns: count });
}
