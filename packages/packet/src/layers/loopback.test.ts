import { describe, expect, it } from '@jest/globals';
import { IP, Loopback, Raw, UDP, dissect, fromHex, loopbackFamily, packet, toHex } from '../index.js';

// Loopback()/IP(src='127.0.0.1', dst='127.0.0.1')/UDP(sport=1234, dport=5678)/Raw(b'x')
const NULL_UDP = '020000004500001d0001000040117ccd7f0000017f00000104d2162e00096ed978';

describe('BSD loopback (linktype 0 NULL, 108 LOOP)', () => {
  it('builds the family in little-endian host order as scapy does', () => {
    const p = packet(
      Loopback(),
      IP({ src: '127.0.0.1', dst: '127.0.0.1' }),
      UDP({ sport: 1234, dport: 5678 }),
      Raw({ load: 'x' }),
    );
    expect(toHex(p.build())).toBe(NULL_UDP);
  });

  it('dissects both byte orders of AF_INET and rebuilds each identically', () => {
    const little = fromHex(NULL_UDP)!;
    const big = fromHex(`00000002${NULL_UDP.slice(8)}`)!;
    for (const [bytes, linktype] of [
      [little, 0],
      [big, 0],
      [big, 108],
    ] as const) {
      const p = dissect(bytes, { linktype });
      expect(p.layerNames()).toEqual(['Loopback', 'IP', 'UDP', 'Raw']);
      expect(p.problems).toEqual([]);
      expect(loopbackFamily(p.layer(Loopback).type as number)).toBe(2);
      expect(p.summary()).toBe('Loopback IPv4 / IP / UDP 127.0.0.1:1234 > 127.0.0.1:5678 / Raw (1 bytes)');
      expect(toHex(p.build())).toBe(toHex(bytes));
    }
  });

  it('an unknown family leaves the payload as Raw', () => {
    const p = dissect(fromHex(`07000000${NULL_UDP.slice(8)}`)!, { linktype: 0 });
    expect(p.layerNames()).toEqual(['Loopback', 'Raw']);
    expect(p.layer(Loopback).type).toBe(7);
  });
});

describe('raw IP (linktype 101 and 228)', () => {
  // IP(src='198.18.0.1', dst='198.18.0.2', ttl=1, flags='DF')/UDP(sport=1000, dport=2000)/Raw(b'hello')
  const RAW_IP = '45000021000140000111eda3c6120001c612000203e807d0000d242268656c6c6f';

  it('starts with IP', () => {
    const p = packet(
      IP({ src: '198.18.0.1', dst: '198.18.0.2', ttl: 1, flags: 'DF' }),
      UDP({ sport: 1000, dport: 2000 }),
      Raw({ load: 'hello' }),
    );
    expect(toHex(p.build())).toBe(RAW_IP);
    for (const linktype of [101, 228]) {
      const d = dissect(fromHex(RAW_IP)!, { linktype });
      expect(d.layerNames()).toEqual(['IP', 'UDP', 'Raw']);
      expect(d.problems).toEqual([]);
    }
  });
});
