/**
 * Differential test against scapy 2.5 for Ethernet, 802.1Q/802.1ad, 802.3/LLC, IPv4 and UDP: the same
 * expression builds the same bytes in scapy and in our parser + builder, both dissect scapy's bytes to the
 * same field values, and toScapy() of our dissection rebuilds the same bytes in scapy and here.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { dissect } from '../src/dissect.js';
import { fromHex, toHex } from '../src/hex.js';
import '../src/index.js';
import { fromScapy } from '../src/scapy/evaluate.js';
import { toScapy } from '../src/scapy/to-scapy.js';
import { forScapy25, normalizeScapyLayers, ourLayersJson } from './scapy-compare.js';
import { type OracleAnswer, type OracleRequest, askScapy, scapyUnavailable } from './scapy-oracle.js';

const S = 'src="198.18.0.1", dst="198.18.0.2"';
const cases: { expr: string; first?: string }[] = [
  { expr: `Ether()/IP(${S})/UDP(sport=1234, dport=5678)` },
  { expr: `Ether()/IP(${S})/UDP(sport=1234, dport=5678)/b"hello"` },
  { expr: `Ether(dst="02:00:00:00:00:02", src="02:00:00:00:00:01", type=0x0800)/IP(${S})/UDP()` },
  { expr: `Ether(src="02:00:00:00:00:01")/IP(src="0.0.0.0", dst="255.255.255.255")/UDP(sport=68, dport=67)` },
  { expr: `Ether()/IP(${S})/UDP(sport="syslog", dport="syslog")/Raw(load=b"\\x01\\x02")` },
  { expr: `Ether(type="IPv4")/IP(${S}, proto="udp")/UDP(sport=5353, dport=9)` },
  { expr: `Ether()/IP(${S})/UDP(sport="bootpc", dport="bootps")` },
  { expr: `Ether()/Dot1Q(vlan=100)/IP(${S})/UDP(sport=68, dport=67)` },
  { expr: `Ether()/Dot1Q(prio=5, dei=1, vlan=4094)/IP(${S})/UDP(sport=1, dport=2)/b"x"` },
  { expr: `Ether()/Dot1AD(vlan=10)/Dot1Q(vlan=20)/IP(${S})/UDP(sport=68, dport=67)` },
  { expr: `Ether()/Dot1Q(vlan=1)/Dot1Q(vlan=2)/IP(${S})/UDP()` },
  { expr: `Ether()/Dot1Q(vlan=3, type=0x1234)/b"abc"` },
  { expr: `Ether(type=0x88b5)/b"local experimental ethertype"` },
  { expr: `Ether()/IP(${S}, flags="DF")/UDP(sport=9, dport=9)` },
  { expr: `Ether()/IP(${S}, flags="MF+DF", id=0xabcd)/UDP(sport=9, dport=9)` },
  { expr: `Ether()/IP(${S}, flags=1, frag=0)/UDP(sport=9, dport=9)/b"first fragment"` },
  { expr: `Ether()/IP(${S}, frag=100, proto=17)/b"later fragment: not dissected as UDP"` },
  { expr: `Ether()/IP(${S}, ttl=1, tos=0xb8)/UDP(sport=5000, dport=5001)` },
  { expr: `Ether()/IP(${S}, ttl=255, id=0, tos=0)/UDP(sport=0, dport=0)` },
  { expr: `Ether()/IP(${S}, options=b"\\x94\\x04\\x00\\x00")/UDP(sport=68, dport=67)` },
  { expr: `Ether()/IP(${S}, options=b"\\x01")/UDP(sport=68, dport=67)` },
  { expr: `Ether()/IP(${S}, options=b"\\x07\\x07\\x04\\x00\\x00\\x00\\x00\\x00")/UDP(sport=1, dport=2)` },
  { expr: `Ether()/IP(${S}, options=b"\\x01"*40)/UDP(sport=1, dport=2)` },
  { expr: `Ether()/IP(${S}, ihl=6, options=b"\\x01\\x01\\x01\\x01")/UDP(sport=1, dport=2)` },
  { expr: `Ether()/IP(${S}, version=4, ihl=5)/UDP(sport=1, dport=2)` },
  { expr: `Ether()/IP(${S}, chksum=0x1234)/UDP(sport=1, dport=2)` },
  { expr: `Ether()/IP(${S}, len=200)/UDP(sport=1, dport=2)/b"short"` },
  { expr: `Ether()/IP(${S})/UDP(sport=1, dport=2, len=20)/b"0123456789ab"` },
  { expr: `Ether()/IP(${S})/UDP(sport=1, dport=2, chksum=0)/b"no checksum"` },
  { expr: `Ether()/IP(${S})/UDP(sport=1, dport=2, chksum=0x1111)/b"wrong checksum"` },
  { expr: `Ether()/IP(${S}, proto=253)/b"experimental protocol"` },
  { expr: `Ether()/IP(${S})/UDP(sport=1, dport=2)/(b"A"*1000)` },
  { expr: `Ether()/IP(${S})/UDP(sport=1, dport=2)/b"\\101\\x42\\n\\\\\\'\\0"` },
  { expr: `Ether()/IP(${S})/UDP(sport=1, dport=2)/bytes(10)` },
  { expr: `Ether()/IP(${S})/UDP(sport=1, dport=2)/(mac2str("02:00:00:00:00:01") + b"\\x00"*4)` },
  { expr: `Ether()/IP(${S})/UDP(sport=1, dport=2)/"text payload"` },
  { expr: `Ether()/IP(${S})/UDP(sport=1_000, dport=0o17)/Raw(load=bytes([1, 2, 3]))` },
  { expr: `Ether()/IP(${S})/UDP(sport=0b101, dport=0xFFFF)/Padding(load=b"\\x00"*6)` },
  {
    expr: `Dot3(dst="01:80:c2:00:00:00", src="02:00:00:00:00:01")/LLC(dsap=0x10, ssap=0x10, ctrl=3)/b"llc payload"`,
  },
  { expr: `IP(${S})/UDP(sport=68, dport=67)/b"no ethernet"`, first: 'IP' },
  { expr: 'IP(src="10.0.0.1", dst="10.0.0.2", options=b"\\x94\\x04\\x00\\x00")/UDP()', first: 'IP' },
  { expr: 'UDP(sport=1, dport=2)/b"no ip below: checksum 0"', first: 'UDP' },
  {
    expr: 'Ether(src="02:00:00:00:00:01")/ARP(hwsrc="02:00:00:00:00:01", psrc="198.18.0.1", pdst="198.18.0.2")',
  },
  {
    expr: 'Ether(src="02:00:00:00:00:02", dst="02:00:00:00:00:01")/ARP(op="is-at", hwsrc="02:00:00:00:00:02", psrc="198.18.0.2", hwdst="02:00:00:00:00:01", pdst="198.18.0.1")',
  },
  {
    expr: 'Ether()/ARP(op=2, hwsrc="02:00:00:00:00:03", psrc="198.18.0.3", hwdst="ff:ff:ff:ff:ff:ff", pdst="198.18.0.3")',
  },
  {
    expr: 'Ether()/Dot1Q(vlan=7)/ARP(hwsrc="02:00:00:00:00:01", psrc="198.18.0.1", pdst="198.18.0.9", op=1)',
  },
];

const unavailable = scapyUnavailable();
if (unavailable) console.warn(`skipping scapy differential tests: ${unavailable}`);
const describeWithScapy = unavailable ? describe.skip : describe;

describeWithScapy('scapy 2.5 and wirecraft agree on L2-L4 and ARP', () => {
  const ours = cases.map((c) => toHex(fromScapy(c.expr).build()));
  // Frames get 7 trailing bytes too, the way short Ethernet frames arrive padded.
  const padded = ours.map((hex, i) => (cases[i].first ? hex : `${hex}00000000000000`));
  const requests: OracleRequest[] = [
    ...cases.map((c) => ({ build: forScapy25(c.expr) })),
    ...cases.map((c, i) => ({ dissect: ours[i], first: c.first ?? 'Ether' })),
    ...cases.map((c, i) => ({ dissect: padded[i], first: c.first ?? 'Ether' })),
  ];
  let answers: OracleAnswer[] = [];
  const n = cases.length;
  const ourScapyText: string[] = [];

  beforeAll(() => {
    answers = askScapy(requests);
  }, 120_000);

  it('covers at least 40 L2-L4 variants', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases.map((c, i) => [c.expr, i] as const))('builds the same bytes: %s', (_expr, i) => {
    expect(answers[i]).toEqual({ hex: ours[i] });
  });

  it.each(cases.map((c, i) => [c.expr, i] as const))('dissects to the same fields: %s', (_expr, i) => {
    for (const [offset, frames] of [
      [n, ours],
      [2 * n, padded],
    ] as const) {
      const answer = answers[offset + i];
      if (!('layers' in answer)) throw new Error(`scapy failed: ${JSON.stringify(answer)}`);
      const first = cases[i].first;
      const packet = dissect(fromHex(frames[i])!, first ? { first: fromScapy(`${first}()`).layers[0] } : {});
      expect(ourLayersJson(packet)).toEqual(normalizeScapyLayers(answer.layers));
    }
  });

  it('toScapy() of every dissected frame rebuilds the same bytes here', () => {
    cases.forEach((c, i) => {
      const packet = dissect(
        fromHex(padded[i])!,
        c.first ? { first: fromScapy(`${c.first}()`).layers[0] } : {},
      );
      const text = toScapy(packet);
      ourScapyText.push(text);
      expect(toHex(fromScapy(text).build())).toBe(padded[i]);
    });
  });

  it('toScapy() of every dissected frame rebuilds the same bytes in scapy', () => {
    const rebuilt = askScapy(ourScapyText.map((text) => ({ build: forScapy25(text) })));
    rebuilt.forEach((answer, i) => {
      expect({ expr: ourScapyText[i], ...answer }).toEqual({ expr: ourScapyText[i], hex: padded[i] });
    });
  });
});
