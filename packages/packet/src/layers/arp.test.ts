import { describe, expect, it } from '@jest/globals';
import { ARP, Dot1Q, Ether, answers, dissect, fromHex, hashKey, packet, toHex } from '../index.js';

// Ether(dst='ff:ff:ff:ff:ff:ff', src='02:00:00:00:00:01')/ARP(hwsrc='02:00:00:00:00:01', psrc='198.18.0.1', pdst='198.18.0.2')
const WHO_HAS = 'ffffffffffff02000000000108060001080006040001020000000001c6120001000000000000c6120002';
// Ether(dst='02:00:00:00:00:01', src='02:00:00:00:00:02')/ARP(op='is-at', hwsrc='02:00:00:00:00:02', psrc='198.18.0.2', hwdst='02:00:00:00:00:01', pdst='198.18.0.1')
const IS_AT = '02000000000102000000000208060001080006040002020000000002c6120002020000000001c6120001';
// Ether(dst='ff:ff:ff:ff:ff:ff', src='02:00:00:00:00:01')/Dot1Q(vlan=7)/ARP(hwsrc='02:00:00:00:00:01', psrc='198.18.0.1', pdst='198.18.0.2')
const VLAN_WHO_HAS =
  'ffffffffffff0200000000018100000708060001080006040001020000000001c6120001000000000000c6120002';

const request = () =>
  packet(
    Ether({ dst: 'ff:ff:ff:ff:ff:ff', src: '02:00:00:00:00:01' }),
    ARP({ hwsrc: '02:00:00:00:00:01', psrc: '198.18.0.1', pdst: '198.18.0.2' }),
  );
const reply = () =>
  packet(
    Ether({ dst: '02:00:00:00:00:01', src: '02:00:00:00:00:02' }),
    ARP({
      op: 'is-at',
      hwsrc: '02:00:00:00:00:02',
      psrc: '198.18.0.2',
      hwdst: '02:00:00:00:00:01',
      pdst: '198.18.0.1',
    }),
  );

describe('ARP', () => {
  it('builds who-has and is-at as scapy does', () => {
    expect(toHex(request().build())).toBe(WHO_HAS);
    expect(toHex(reply().build())).toBe(IS_AT);
  });

  it('builds and dissects behind an 802.1Q tag', () => {
    const p = packet(
      Ether({ dst: 'ff:ff:ff:ff:ff:ff', src: '02:00:00:00:00:01' }),
      Dot1Q({ vlan: 7 }),
      ARP({ hwsrc: '02:00:00:00:00:01', psrc: '198.18.0.1', pdst: '198.18.0.2' }),
    );
    expect(toHex(p.build())).toBe(VLAN_WHO_HAS);
    expect(dissect(fromHex(VLAN_WHO_HAS)!).layerNames()).toEqual(['Ether', 'Dot1Q', 'ARP']);
  });

  it('dissects every field, and the Ethernet trailer becomes Padding', () => {
    const frame = fromHex(`${IS_AT}${'00'.repeat(18)}`)!;
    const p = dissect(frame);
    expect(p.layerNames()).toEqual(['Ether', 'ARP', 'Padding']);
    expect(p.problems).toEqual([]);
    const arp = p.layer(ARP);
    expect(arp.op).toBe(2);
    expect(arp.hwsrc).toBe('02:00:00:00:00:02');
    expect(arp.psrc).toBe('198.18.0.2');
    expect(arp.hwdst).toBe('02:00:00:00:00:01');
    expect(arp.pdst).toBe('198.18.0.1');
    expect(arp.hwlen).toBe(6);
    expect(toHex(p.build())).toBe(toHex(frame));
  });

  it('keeps ARP for other address sizes as Raw and says why', () => {
    // hwtype 32 (InfiniBand), hwlen 20: not Ethernet/IPv4 ARP.
    const frame = fromHex(`ffffffffffff020000000001080600200800140400010000`)!;
    const p = dissect(frame);
    expect(p.layerNames()).toEqual(['Ether', 'Raw']);
    expect(p.problems).toEqual([
      expect.objectContaining({ kind: 'bad-value', layer: 'ARP', field: 'hwlen', offset: 18, actual: 20 }),
    ]);
    expect(toHex(p.build())).toBe(toHex(frame));
  });

  it('accepts op names and rejects unknown ones with the known names', () => {
    expect(ARP({ op: 'is-at' }).op).toBe(2);
    expect(() => ARP({ op: 'tell-me' as 'is-at' })).toThrow(/ARP\.op: unknown name; known: who-has, is-at/);
  });

  it('an is-at answers the who-has for its sender address, and they share a hash key', () => {
    expect(answers(request(), reply())).toBe(true);
    expect(answers(reply(), request())).toBe(false);
    expect(hashKey(request())).toBe(hashKey(reply()));
    const other = reply();
    other.layer(ARP).psrc = '198.18.0.3';
    expect(answers(request(), other)).toBe(false);
    expect(hashKey(other)).not.toBe(hashKey(request()));
  });

  it('summarises as scapy does', () => {
    expect(request().summary()).toBe('Ether / ARP who has 198.18.0.2 says 198.18.0.1');
    expect(reply().summary()).toBe('Ether / ARP is at 02:00:00:00:00:02 says 198.18.0.2');
  });
});
