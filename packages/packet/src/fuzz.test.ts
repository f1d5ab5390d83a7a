import { describe, expect, it } from '@jest/globals';
import { Ether, IP, UDP, dissect, fuzz, packet, randomIpv4, randomMac, randomXid, toHex } from './index.js';

describe('fuzz', () => {
  it('randomises fields left at their default and keeps the ones set', () => {
    const p = packet(
      Ether({ src: '02:00:00:00:00:01' }),
      IP({ dst: '198.18.0.2', ttl: 64 }),
      UDP({ sport: 1 }),
    );
    // 20 draws: the chance that every default survives all of them is negligible.
    const draws = Array.from({ length: 20 }, () => fuzz(p));
    for (const f of draws) {
      expect(f.layer(Ether).src).toBe('02:00:00:00:00:01');
      expect(f.layer(IP).dst).toBe('198.18.0.2');
      expect(f.layer(UDP).sport).toBe(1);
      // Auto fields stay computed, so lengths and checksums remain consistent.
      expect(f.layer(IP).len).toBeUndefined();
      expect(dissect(f.build()).problems.filter((x) => x.kind === 'bad-checksum')).toEqual([]);
    }
    expect(draws.some((f) => f.layer(Ether).dst !== 'ff:ff:ff:ff:ff:ff')).toBe(true);
    expect(draws.some((f) => f.layer(IP).id !== 1)).toBe(true);
    expect(draws.some((f) => f.layer(IP).src !== '0.0.0.0')).toBe(true);
    // ttl equals its default, so it counts as not set (scapy's rule).
    expect(draws.some((f) => f.layer(IP).ttl !== 64)).toBe(true);
  });

  it('leaves the original packet unchanged', () => {
    const p = packet(Ether(), IP());
    const before = toHex(p.build());
    fuzz(p);
    expect(toHex(p.build())).toBe(before);
  });

  it('with auto: true also draws auto fields', () => {
    const p = packet(Ether(), IP(), UDP());
    const draws = Array.from({ length: 20 }, () => fuzz(p, { auto: true }));
    expect(draws.every((f) => f.layer(UDP).chksum !== undefined)).toBe(true);
    expect(new Set(draws.map((f) => f.layer(UDP).chksum)).size).toBeGreaterThan(1);
  });
});

describe('random helpers', () => {
  it('randomMac gives locally administered unicast MACs', () => {
    for (let i = 0; i < 50; i++) {
      const mac = randomMac();
      expect(mac).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
      expect(Number.parseInt(mac.slice(0, 2), 16) & 0x03).toBe(0x02);
    }
  });

  it('randomIpv4 and randomXid stay in range', () => {
    for (let i = 0; i < 50; i++) {
      expect(randomIpv4()).toMatch(/^(\d{1,3}\.){3}\d{1,3}$/);
      const xid = randomXid();
      expect(Number.isInteger(xid) && xid >= 0 && xid <= 0xffffffff).toBe(true);
    }
    expect(new Set(Array.from({ length: 20 }, randomXid)).size).toBeGreaterThan(1);
  });
});
