import { describe, expect, it } from '@jest/globals';
import { Ether, IP, UDP, dissect, fromHex, packet, toHex } from '../index.js';

// IP(src='127.0.0.1')/UDP()
const IP_UDP = '4500001c0001000040117cce7f0000017f0000010035003500080172';
// IP(src='127.0.0.1', len=0)/UDP()
const IP_LEN0_UDP = '450000000001000040117cea7f0000017f000001003500350008017a';
// IP(src='198.18.0.1', dst='198.18.0.2', options=[IPOption_RR()])/UDP()
const IP_RR = '46000020000100004011e2a1c6120001c612000207030400003500350008734c';
// IP(src='198.18.0.1', dst='198.18.0.2', options=[IPOption_Router_Alert()])/UDP()
const IP_ROUTER_ALERT = '4600002000010000401159a0c6120001c612000294040000003500350008734c';

describe('IP', () => {
  it('computes ihl, len and both checksums as scapy does', () => {
    expect(toHex(packet(IP({ src: '127.0.0.1' }), UDP()).build())).toBe(IP_UDP);
  });

  it('keeps an explicit len=0 (and the UDP pseudo-header follows it, as in scapy)', () => {
    const p = packet(IP({ src: '127.0.0.1', len: 0 }), UDP());
    expect(toHex(p.build())).toBe(IP_LEN0_UDP);
  });

  it('builds options padded to 4 bytes and sets ihl from them', () => {
    const rr = packet(IP({ src: '198.18.0.1', dst: '198.18.0.2', options: [7, 3, 4] }), UDP());
    expect(toHex(rr.build())).toBe(IP_RR);
    const alert = packet(IP({ src: '198.18.0.1', dst: '198.18.0.2', options: [0x94, 4, 0, 0] }), UDP());
    expect(toHex(alert.build())).toBe(IP_ROUTER_ALERT);
  });

  it('dissects options, lists them in show(), and rebuilds identically', () => {
    const p = dissect(fromHex(IP_ROUTER_ALERT)!, { linktype: 101 });
    expect(p.problems).toEqual([]);
    expect(toHex(p.layer(IP).options)).toBe('94040000');
    expect(p.show()).toContain('option Router Alert (type 148, length 4, data 0000)');
    expect(toHex(p.build())).toBe(IP_ROUTER_ALERT);
  });

  it('reports a malformed option without losing the header', () => {
    // ihl 6, options: Record Route claiming 9 bytes in a 4-byte option area.
    const bytes = fromHex(IP_RR.replace('07030400', '07090400'))!;
    const p = dissect(bytes, { linktype: 101 });
    expect(p.layerNames()).toEqual(['IP', 'UDP']);
    expect(p.problems).toContainEqual(
      expect.objectContaining({ kind: 'malformed-option', layer: 'IP', field: 'options', offset: 20 }),
    );
    expect(toHex(p.build())).toBe(toHex(bytes));
  });

  it('reports a version other than 4, keeps decoding as scapy does, and rebuilds identically', () => {
    // Version 6 in an IPv4 header; the checksum is recomputed so that the version is the only problem.
    const p0 = packet(IP({ version: 6, src: '198.18.0.1', dst: '198.18.0.2' }), UDP());
    const bytes = p0.build();
    const p = dissect(bytes, { linktype: 101 });
    expect(p.layerNames()).toEqual(['IP', 'UDP']);
    expect(p.problems).toEqual([
      expect.objectContaining({
        kind: 'bad-value',
        layer: 'IP',
        field: 'version',
        offset: 0,
        actual: 6,
        expected: 4,
      }),
    ]);
    expect(p.problems[0].message).toBe('IP version 6 is not 4');
    expect(toHex(p.build())).toBe(toHex(bytes));
  });

  it('reports a wrong header checksum with the correct value', () => {
    const bytes = fromHex(IP_UDP)!;
    bytes[10] = 0x12;
    bytes[11] = 0x34;
    const p = dissect(bytes, { linktype: 101 });
    expect(p.problems).toEqual([
      expect.objectContaining({
        kind: 'bad-checksum',
        layer: 'IP',
        field: 'chksum',
        offset: 10,
        actual: 0x1234,
        expected: 0x7cce,
      }),
    ]);
    expect(p.problems[0].message).toBe('IP header checksum 0x1234 is wrong; correct: 0x7cce');
    expect(toHex(p.build())).toBe(toHex(bytes));
  });

  it('builds an explicit wrong checksum as given', () => {
    const bytes = packet(IP({ src: '127.0.0.1', chksum: 0x1234 }), UDP()).build();
    expect(toHex(bytes.subarray(10, 12))).toBe('1234');
  });

  it('trailing bytes past the total length become Padding', () => {
    const p = dissect(fromHex(`${IP_UDP}00000000`)!, { linktype: 101 });
    expect(p.layerNames()).toEqual(['IP', 'UDP', 'Padding']);
    expect(p.problems).toEqual([]);
  });

  it('does not decode the payload of a non-first fragment', () => {
    const p = packet(Ether(), IP({ frag: 10 }), UDP());
    expect(dissect(p.build()).layerNames()).toEqual(['Ether', 'IP', 'Raw']);
  });

  it('rejects bad values naming the field and the value', () => {
    expect(() => IP({ src: '1.2.3' })).toThrow(
      'IP.src: invalid IPv4 address, expected "a.b.c.d" (got "1.2.3")',
    );
    expect(() => IP({ flags: 'XF' })).toThrow("IP.flags: unknown flag 'XF'; known: MF, DF, evil");
  });
});
