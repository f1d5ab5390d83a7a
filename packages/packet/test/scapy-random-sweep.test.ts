/**
 * A CI-sized, seeded sample of random scapy one-liners (scapy-random-exprs.ts): scapy 2.5 and wirecraft
 * build the same bytes and dissect them to the same field values. The long sweep is
 * scapy-random-sweep.ts; this sample is the same generator at a fixed seed, so a failure reproduces.
 *
 * The generator leaves out deliberate differences by named rules; the last block checks that each of
 * those forms really still differs (so the rules hide nothing else, and the comparison can fail).
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { scapyUnavailable } from './scapy-oracle.js';
import { type SweepResult, compareWithScapy } from './scapy-random-compare.js';
import { type RandomScapyCase, sampleScapyCases } from './scapy-random-exprs.js';

const SEED = 20_260_611;
const COUNT = 300;

const unavailable = scapyUnavailable();
if (unavailable) console.warn(`skipping the random scapy sweep: ${unavailable}`);
const describeWithScapy = unavailable ? describe.skip : describe;

describeWithScapy(`scapy 2.5 and wirecraft agree on ${COUNT} random expressions (seed ${SEED})`, () => {
  const cases = sampleScapyCases(SEED, COUNT);
  let result: SweepResult;

  beforeAll(() => {
    result = compareWithScapy(cases);
  }, 120_000);

  it('the sample spans every layer and option form the generator has', () => {
    const count = (re: RegExp) => cases.filter((c) => re.test(c.expr)).length;
    expect(count(/\/ARP\(/)).toBeGreaterThan(5);
    expect(count(/Dot1Q\(/)).toBeGreaterThan(5);
    expect(count(/Dot1AD\(/)).toBeGreaterThan(5);
    expect(count(/\/UDP\([^)]*\)\/(b|'|"|Raw|\()/)).toBeGreaterThan(10);
    expect(count(/\/DHCP\(options=/)).toBeGreaterThan(80);
    expect(count(/"dhcp-option-overload", [123]\)/)).toBeGreaterThan(3);
    expect(count(/"end"/)).toBeGreaterThan(80);
    expect(count(/\*25[0-9]\), \(/)).toBeGreaterThan(5);
    expect(count(/ihl=/)).toBeGreaterThan(10);
    expect(count(/\bfrag=/)).toBeGreaterThan(3);
    expect(cases.filter((c) => c.first === 'IP').length).toBeGreaterThan(10);
  });

  it('scapy builds nearly all of them, so nearly all are compared', () => {
    expect(result.run).toBe(COUNT);
    expect(result.compared + result.scapyRejects + result.disagreements.length).toBe(COUNT);
    expect(result.scapyRejects).toBeLessThan(COUNT / 10);
  });

  it('we build every generated form, also those scapy 2.5 refuses (names in param_req_list, types 14..18)', () => {
    expect(result.bothReject).toEqual([]);
  });

  it('same bytes and same dissected fields for every one scapy builds', () => {
    expect(result.disagreements).toEqual([]);
  });
});

describeWithScapy('the forms the generator leaves out still differ (deliberate, documented)', () => {
  const ether = 'Ether(src="02:00:00:00:00:01")';
  const ip = 'IP(src="198.18.0.1", dst="198.18.0.2")';
  const excluded: (RandomScapyCase & { why: string; kind: string })[] = [
    {
      why: 'UDP len < 8: scapy slices len - 8 from the end and makes the last bytes Padding',
      kind: 'fields',
      expr: `${ether}/${ip}/UDP(sport=1234, dport=5678, len=3)/b"payload"`,
      first: 'Ether',
    },
    {
      why: 'IP ihl past the packet: a truncated header is Raw here, scapy reads the bytes it has',
      kind: 'fields',
      expr: `${ether}/IP(src="198.18.0.1", dst="198.18.0.2", ihl=15)/b"short"`,
      first: 'Ether',
    },
    {
      why: 'IP len cutting BOOTP short: a truncated BOOTP is Raw here, scapy fills the fields it has',
      kind: 'fields',
      expr: `${ether}/IP(src="0.0.0.0", dst="255.255.255.255", len=100)/UDP(sport=68, dport=67)/BOOTP(xid=1)`,
      first: 'Ether',
    },
    {
      why: 'ARP hwtype other than 1: scapy 2.5 writes a MAC string as 17 ASCII bytes',
      kind: 'bytes',
      expr: `${ether}/ARP(hwtype=6, hwsrc="02:00:00:00:00:01", psrc="198.18.0.1", pdst="198.18.0.2")`,
      first: 'Ether',
    },
    {
      why: 'BOOTP chaddr over 16 bytes: a typed error here, scapy silently keeps the first 16',
      kind: 'only-scapy-builds',
      expr: `${ether}/${ip}/UDP(sport=68, dport=67)/BOOTP(chaddr=b"0123456789abcdefXYZ")`,
      first: 'Ether',
    },
    {
      why: 'overload (52) with over 308 bytes of options: laid out over file (RFC 2131 §4.1) here, scapy writes them as given',
      kind: 'bytes',
      expr: `${ether}/${ip}/UDP(sport=68, dport=67)/BOOTP()/DHCP(options=[("message-type", "offer"), ("dhcp-option-overload", 1), (224, b"x"*200), (225, b"y"*120), "end"])`,
      first: 'Ether',
    },
    {
      why: 'an 802.3 frame with under 3 bytes of LLC: Raw here, scapy fills the LLC fields it has',
      kind: 'fields',
      expr: 'Ether(src="02:00:00:00:00:01", type=2)/b"\\x42\\x42"',
      first: 'Ether',
    },
    {
      why: 'BOOTP without ports: ours goes 68 -> 67, scapy 2.5 builds 67 -> 68',
      kind: 'bytes',
      expr: `${ether}/IP(src="0.0.0.0", dst="255.255.255.255")/UDP()/BOOTP()/DHCP(options=[("message-type", "discover"), "end"])`,
      first: 'Ether',
    },
  ];
  let result: SweepResult;

  beforeAll(() => {
    result = compareWithScapy(excluded);
  }, 60_000);

  it.each(excluded.map((c) => [c.why, c] as const))('%s', (_why, c) => {
    const found = result.disagreements.find((d) => d.expr === c.expr);
    expect({ expr: c.expr, kind: found?.kind }).toEqual({ expr: c.expr, kind: c.kind });
  });
});
