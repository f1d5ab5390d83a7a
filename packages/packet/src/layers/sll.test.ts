import { describe, expect, it } from '@jest/globals';
import { ARP, IP, SLL, SLL2, UDP, dissect, fromHex, packet, toHex } from '../index.js';

const MAC_PADDED = new Uint8Array([2, 0, 0, 0, 0, 1, 0, 0]);

// CookedLinux(pkttype=4, lladdrtype=1, lladdrlen=6, src=b'\x02\x00\x00\x00\x00\x01\x00\x00')/IP(src='198.18.0.1', dst='198.18.0.2')/UDP(sport=68, dport=67)
const SLL_UDP = '000400010006020000000001000008004500001c000100004011eea8c6120001c6120002004400430008732f';
// CookedLinuxV2(ifindex=3, lladdrtype=1, pkttype=0, lladdrlen=6, src=b'\x02\x00\x00\x00\x00\x01\x00\x00')/IP(src='198.18.0.1', dst='198.18.0.2')/UDP(sport=68, dport=67)
const SLL2_UDP =
  '08000000000000030001000602000000000100004500001c000100004011eea8c6120001c6120002004400430008732f';
// CookedLinux(pkttype=1, lladdrtype=1, lladdrlen=6, src=b'\x02\x00\x00\x00\x00\x01\x00\x00')/ARP(hwsrc='02:00:00:00:00:01', psrc='198.18.0.1', pdst='198.18.0.2')
const SLL_ARP = '000100010006020000000001000008060001080006040001020000000001c6120001000000000000c6120002';

describe('Linux cooked capture (SLL, linktype 113)', () => {
  it('builds as scapy does, with proto from the binding', () => {
    const p = packet(
      SLL({ pkttype: 'sent-by-us', lladdrtype: 1, lladdrlen: 6, src: MAC_PADDED }),
      IP({ src: '198.18.0.1', dst: '198.18.0.2' }),
      UDP({ sport: 68, dport: 67 }),
    );
    expect(toHex(p.build())).toBe(SLL_UDP);
    const arp = packet(
      SLL({ pkttype: 'broadcast', lladdrtype: 1, lladdrlen: 6, src: MAC_PADDED }),
      ARP({ hwsrc: '02:00:00:00:00:01', psrc: '198.18.0.1', pdst: '198.18.0.2' }),
    );
    expect(toHex(arp.build())).toBe(SLL_ARP);
  });

  it('is the first layer of linktype 113 and dispatches IP and ARP by proto', () => {
    const p = dissect(fromHex(SLL_UDP)!, { linktype: 113 });
    expect(p.layerNames()).toEqual(['CookedLinux', 'IP', 'UDP']);
    expect(p.problems).toEqual([]);
    expect(p.layer(SLL).pkttype).toBe(4);
    expect(toHex(p.layer(SLL).src)).toBe('0200000000010000');
    expect(dissect(fromHex(SLL_ARP)!, { linktype: 113 }).layerNames()).toEqual(['CookedLinux', 'ARP']);
  });

  it('a short header is truncated and kept as Raw', () => {
    const p = dissect(fromHex(SLL_UDP.slice(0, 20))!, { linktype: 113 });
    expect(p.layerNames()).toEqual(['Raw']);
    expect(p.problems).toEqual([
      expect.objectContaining({ kind: 'truncated', layer: 'CookedLinux', offset: 0 }),
    ]);
  });
});

describe('Linux cooked capture v2 (SLL2, linktype 276)', () => {
  it('builds as scapy does', () => {
    const p = packet(
      SLL2({ ifindex: 3, lladdrtype: 1, pkttype: 'unicast', lladdrlen: 6, src: MAC_PADDED }),
      IP({ src: '198.18.0.1', dst: '198.18.0.2' }),
      UDP({ sport: 68, dport: 67 }),
    );
    expect(toHex(p.build())).toBe(SLL2_UDP);
  });

  it('is the first layer of linktype 276 and round-trips', () => {
    const bytes = fromHex(SLL2_UDP)!;
    const p = dissect(bytes, { linktype: 276 });
    expect(p.layerNames()).toEqual(['CookedLinuxV2', 'IP', 'UDP']);
    expect(p.layer(SLL2).ifindex).toBe(3);
    expect(p.layer(SLL2).proto).toBe(0x0800);
    expect(toHex(p.build())).toBe(SLL2_UDP);
  });
});
