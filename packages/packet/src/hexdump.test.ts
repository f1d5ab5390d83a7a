import { describe, expect, it } from '@jest/globals';
import { Ether, IP, Raw, UDP, hexdump, packet } from './index.js';

describe('hexdump', () => {
  it('matches scapy hexdump() byte for byte', () => {
    const p = packet(
      Ether({ dst: 'ff:ff:ff:ff:ff:ff', src: '02:00:00:00:00:01' }),
      IP({ src: '198.18.0.1', dst: '198.18.0.2', flags: 'DF' }),
      UDP({ sport: 68, dport: 67 }),
      Raw({ load: 'hello world, this is a test\x00\x01' }),
    );
    // Output of scapy 2.5 hexdump() for the same packet.
    const scapy = [
      '0000  FF FF FF FF FF FF 02 00 00 00 00 01 08 00 45 00  ..............E.',
      '0010  00 39 00 01 40 00 40 11 AE 8B C6 12 00 01 C6 12  .9..@.@.........',
      '0020  00 02 00 44 00 43 00 25 60 40 68 65 6C 6C 6F 20  ...D.C.%`@hello ',
      '0030  77 6F 72 6C 64 2C 20 74 68 69 73 20 69 73 20 61  world, this is a',
      '0040  20 74 65 73 74 00 01                              test..',
    ].join('\n');
    expect(hexdump(p)).toBe(scapy);
    expect(p.hexdump()).toBe(scapy);
    expect(hexdump(p.build())).toBe(scapy);
  });

  it('is empty for no bytes', () => {
    expect(hexdump(new Uint8Array(0))).toBe('');
  });
});
