import { describe, expect, it } from '@jest/globals';
import {
  ARP,
  Dot1AD,
  Dot1Q,
  Dot3,
  Ether,
  IP,
  LLC,
  Loopback,
  type Packet,
  Raw,
  SLL,
  SLL2,
  UDP,
  dissect,
  packet,
  toHex,
} from './index.js';

const ip = () => IP({ src: '198.18.0.1', dst: '198.18.0.2', options: [0x94, 4, 0, 0] });
const udp = () => UDP({ sport: 1234, dport: 5678 });
const frames: [string, number, Packet][] = [
  ['Ether/IP/UDP/Raw', 1, packet(Ether(), ip(), udp(), Raw({ load: 'hello' }))],
  ['Ether/Dot1AD/Dot1Q/IP/UDP', 1, packet(Ether(), Dot1AD({ vlan: 3 }), Dot1Q({ vlan: 4 }), ip(), udp())],
  ['Ether/ARP', 1, packet(Ether(), ARP({ psrc: '198.18.0.1', pdst: '198.18.0.2' }))],
  ['Dot3/LLC/Raw', 1, packet(Dot3(), LLC({ dsap: 0x42 }), Raw({ load: 'stp' }))],
  ['SLL/IP/UDP', 113, packet(SLL({ lladdrlen: 6 }), ip(), udp(), Raw({ load: 'x' }))],
  ['SLL2/ARP', 276, packet(SLL2(), ARP())],
  ['NULL/IP/UDP', 0, packet(Loopback(), ip(), udp())],
  ['raw IP/UDP', 101, packet(ip(), udp(), Raw({ load: 'ab' }))],
];

describe('dissecting every prefix of a frame', () => {
  for (const [name, linktype, p] of frames) {
    it(`${name}: never throws, reports truncation with its offset, rebuilds the prefix identically`, () => {
      const full = p.build();
      const whole = dissect(full, { linktype });
      expect(whole.problems).toEqual([]);
      expect(whole.layerNames()).toEqual(p.layerNames());
      for (let cut = 0; cut < full.length; cut++) {
        const prefix = full.slice(0, cut);
        const d = dissect(prefix, { linktype });
        const truncated = d.problems.filter((problem) => problem.kind === 'truncated');
        expect({ cut, truncated: truncated.length > 0 }).toEqual({ cut, truncated: true });
        for (const problem of truncated) {
          expect(problem.offset).toBeGreaterThanOrEqual(0);
          expect(problem.offset).toBeLessThanOrEqual(cut);
        }
        expect({ cut, hex: toHex(d.build()) }).toEqual({ cut, hex: toHex(prefix) });
      }
    });
  }
});
