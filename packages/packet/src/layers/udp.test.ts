import { describe, expect, it } from '@jest/globals';
import { IP, Raw, UDP, dissect, packet, toHex } from '../index.js';

// IP(src='198.18.0.1', dst='198.18.0.2')/UDP(sport=1000, dport=2000)/Raw(bytes.fromhex('67fa'))
// The payload makes the checksum compute to 0, which is sent as 0xffff (0 means "no checksum").
const CHECKSUM_ZERO = '4500001e000100004011eea6c6120001c612000203e807d0000affff67fa';
// IP(src='198.18.0.1', dst='198.18.0.2')/UDP(sport=1, dport=2, chksum=0x1234)/Raw(b'abc')
const EXPLICIT_CHECKSUM = '4500001f000100004011eea5c6120001c612000200010002000b1234616263';

describe('UDP', () => {
  it('sends a computed checksum of 0 as 0xffff, as scapy does', () => {
    const base = packet(
      IP({ src: '198.18.0.1', dst: '198.18.0.2' }),
      UDP({ sport: 1000, dport: 2000 }),
      Raw({ load: new Uint8Array(2) }),
    ).build();
    // A payload word equal to the checksum over a zero payload brings the sum to 0xffff.
    const p = packet(
      IP({ src: '198.18.0.1', dst: '198.18.0.2' }),
      UDP({ sport: 1000, dport: 2000 }),
      Raw({ load: base.slice(26, 28) }),
    );
    expect(toHex(p.build())).toBe(CHECKSUM_ZERO);
    expect(dissect(p.build(), { linktype: 101 }).problems).toEqual([]);
  });

  it('builds an explicit checksum as given and reports it as wrong with the correct value', () => {
    const p = packet(
      IP({ src: '198.18.0.1', dst: '198.18.0.2' }),
      UDP({ sport: 1, dport: 2, chksum: 0x1234 }),
      Raw({ load: 'abc' }),
    );
    const bytes = p.build();
    expect(toHex(bytes)).toBe(EXPLICIT_CHECKSUM);
    const correct = packet(
      IP({ src: '198.18.0.1', dst: '198.18.0.2' }),
      UDP({ sport: 1, dport: 2 }),
      Raw({ load: 'abc' }),
    ).build();
    const d = dissect(bytes, { linktype: 101 });
    expect(d.problems).toEqual([
      expect.objectContaining({
        kind: 'bad-checksum',
        layer: 'UDP',
        field: 'chksum',
        offset: 26,
        actual: 0x1234,
        expected: (correct[26] << 8) | correct[27],
      }),
    ]);
  });

  it('accepts a zero checksum (none) without complaint', () => {
    const bytes = packet(IP(), UDP({ chksum: 0 }), Raw({ load: 'x' })).build();
    expect(dissect(bytes, { linktype: 101 }).problems).toEqual([]);
  });

  it('keeps an explicit len and reports the mismatch on dissect', () => {
    const bytes = packet(IP(), UDP({ len: 4 }), Raw({ load: 'abcd' })).build();
    expect(toHex(bytes.subarray(24, 26))).toBe('0004');
    const d = dissect(bytes, { linktype: 101 });
    expect(d.problems).toContainEqual(
      expect.objectContaining({ kind: 'length-mismatch', layer: 'UDP', field: 'len' }),
    );
    expect(toHex(d.build())).toBe(toHex(bytes));
  });

  it('without an IP layer below the checksum stays 0', () => {
    expect(toHex(packet(UDP({ sport: 1, dport: 2 })).build())).toBe('0001000200080000');
  });

  it('accepts port names', () => {
    const u = UDP({ sport: 'bootpc', dport: 'bootps' });
    expect([u.sport, u.dport]).toEqual([68, 67]);
  });
});
