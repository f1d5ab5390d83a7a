import { describe, expect, it } from '@jest/globals';
import {
  Dot1AD,
  Dot1Q,
  Ether,
  IP,
  LLC,
  Raw,
  UDP,
  answers,
  dissect,
  fromHex,
  packet,
  toHex,
} from '../index.js';

// Ether(dst='02:00:00:00:00:02', src='02:00:00:00:00:01')/Dot1AD(vlan=100)/Dot1Q(prio=5, id=1, vlan=200)/IP(src='198.18.0.1', dst='198.18.0.2')/UDP(sport=1234, dport=5678)/Raw(b'hi')
// (scapy 2.5 names the DEI bit `id`)
const QINQ =
  '02000000000202000000000188a800648100b0c808004500001e000100004011eea6c6120001c612000204d2162e000af0486869';

const qinq = (outer = 100, inner = 200) =>
  packet(
    Ether({ dst: '02:00:00:00:00:02', src: '02:00:00:00:00:01' }),
    Dot1AD({ vlan: outer }),
    Dot1Q({ prio: 5, dei: 1, vlan: inner }),
    IP({ src: '198.18.0.1', dst: '198.18.0.2' }),
    UDP({ sport: 1234, dport: 5678 }),
    Raw({ load: 'hi' }),
  );

describe('802.1Q / 802.1ad', () => {
  it('builds a QinQ stack as scapy does (0x88a8 outer, 0x8100 inner)', () => {
    expect(toHex(qinq().build())).toBe(QINQ);
  });

  it('dissects the QinQ stack with every tag field', () => {
    const p = dissect(fromHex(QINQ)!);
    expect(p.layerNames()).toEqual(['Ether', 'Dot1AD', 'Dot1Q', 'IP', 'UDP', 'Raw']);
    expect(p.problems).toEqual([]);
    expect(p.layer(Dot1AD).vlan).toBe(100);
    expect(p.layer(Dot1Q)).toMatchObject({ prio: 5, dei: 1, vlan: 200, type: 0x0800 });
    expect(toHex(p.build())).toBe(QINQ);
  });

  it('stacks two 802.1Q tags (old-style QinQ)', () => {
    const p = packet(Ether(), Dot1Q({ vlan: 10 }), Dot1Q({ vlan: 20 }), IP(), UDP());
    const d = dissect(p.build());
    expect(d.layerNames()).toEqual(['Ether', 'Dot1Q', 'Dot1Q', 'IP', 'UDP']);
    expect(d.layer(Dot1Q, 1).vlan).toBe(20);
  });

  it('a type up to 1500 is an 802.3 length: LLC follows for that many bytes, the rest is padding', () => {
    // Found by the tshark sweep: tshark shows vlan.len 7, LLC and a trailer; scapy 2.5 dissects
    // Ether(bytes.fromhex(TAGGED_LLC)) as Ether / Dot1Q / LLC / STP / Padding (we have no STP: Raw).
    const TAGGED_LLC = `0200000000020200000000018100a005000742420361626364${'00'.repeat(8)}`;
    const p = dissect(fromHex(TAGGED_LLC)!);
    expect(p.layerNames()).toEqual(['Ether', 'Dot1Q', 'LLC', 'Raw', 'Padding']);
    expect(p.problems).toEqual([]);
    expect(p.layer(Dot1Q)).toMatchObject({ prio: 5, vlan: 5, type: 7 });
    expect(p.layer(LLC)).toMatchObject({ dsap: 0x42, ssap: 0x42, ctrl: 3 });
    expect(toHex(p.layer(Raw).load)).toBe('61626364');
    expect(toHex(p.build())).toBe(TAGGED_LLC);
    // The same under a service tag; a length past the frame is reported and the LLC bytes kept.
    const underAd = dissect(fromHex('02000000000202000000000188a800050007424203')!);
    expect(underAd.layerNames()).toEqual(['Ether', 'Dot1AD', 'LLC']);
    const cut = dissect(fromHex('0200000000020200000000018100000500404242036162')!);
    expect(cut.layerNames()).toEqual(['Ether', 'Dot1Q', 'LLC', 'Raw']);
    expect(cut.problems).toMatchObject([
      { kind: 'truncated', layer: 'Dot1Q', field: 'type', offset: 16, expected: 5, actual: 64 },
    ]);
  });

  it('a vlan id over 12 bits is rejected with the range', () => {
    expect(() => Dot1Q({ vlan: 4096 })).toThrow('Dot1Q.vlan: expected an integer 0..4095 (got 4096)');
  });

  it('frames on different VLANs never answer each other', () => {
    const request = qinq();
    const reply = qinq();
    reply.layer(IP).src = '198.18.0.2';
    reply.layer(IP).dst = '198.18.0.1';
    reply.layer(UDP).sport = 5678;
    reply.layer(UDP).dport = 1234;
    expect(answers(request, reply)).toBe(true);
    const elsewhere = qinq(100, 201);
    elsewhere.layers.splice(3, 2, ...reply.layers.slice(3, 5));
    expect(answers(request, elsewhere)).toBe(false);
  });
});
