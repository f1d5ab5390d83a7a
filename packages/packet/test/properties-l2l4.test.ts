import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Ether, type Packet, Raw, UDP, dissect, packet, toHex } from '../src/index.js';
import { framed, ipLayer, u8 } from './l2l4-arbitraries.js';

const RUNS = 500;

/** Every field the composed packet set explicitly comes back with the same value. */
function sameExplicitFields(composed: Packet, dissected: Packet): void {
  expect(dissected.layerNames()).toEqual(composed.layerNames());
  composed.layers.forEach((layer, i) => {
    layer.values.forEach((value, f) => {
      if (value !== undefined)
        expect([layer.def.fields[f].name, dissected.layers[i].values[f]]).toEqual([
          layer.def.fields[f].name,
          value,
        ]);
    });
  });
}

const LINKTYPES = [0, 1, 101, 113, 276] as const;

describe('L2-L4 properties', () => {
  it('dissect(build(p)) gives back p, with no problems, for valid Ether/Dot1Q/Dot1AD/SLL/NULL/IP/UDP/ARP packets', () => {
    fc.assert(
      fc.property(framed, ({ linktype, packet: p }) => {
        const bytes = p.build();
        const d = dissect(bytes, { linktype });
        expect(d.problems).toEqual([]);
        sameExplicitFields(p, d);
        expect(toHex(d.build())).toBe(toHex(bytes));
      }),
      { numRuns: RUNS },
    );
  });

  it('build(dissect(b)) is b, and dissect never throws, for random bytes under every linktype', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LINKTYPES), fc.uint8Array({ maxLength: 160 }), (linktype, bytes) => {
        const d = dissect(bytes, { linktype });
        expect(toHex(d.build())).toBe(toHex(bytes));
      }),
      { numRuns: RUNS * 4 },
    );
  });

  it('random bytes behind real Ether/IP/UDP headers, bound ports included, rebuild identically', () => {
    fc.assert(
      fc.property(
        ipLayer,
        fc.constantFrom(67, 68, 53, 1234),
        fc.constantFrom(67, 68, 53, 5678),
        fc.uint8Array({ maxLength: 400 }),
        (ip, sport, dport, body) => {
          const bytes = packet(Ether(), ip, UDP({ sport, dport }), Raw({ load: body })).build();
          const d = dissect(bytes);
          expect(toHex(d.build())).toBe(toHex(bytes));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('mutations of real frames (byte flips, cuts, extensions) dissect without throwing and rebuild identically', () => {
    const mutation = fc.record({
      flips: fc.array(fc.tuple(fc.nat(), u8), { maxLength: 4 }),
      cut: fc.option(fc.nat(), { nil: undefined }),
      extra: fc.uint8Array({ maxLength: 8 }),
    });
    fc.assert(
      fc.property(framed, mutation, ({ linktype, packet: p }, { flips, cut, extra }) => {
        const built = p.build();
        let bytes = new Uint8Array(built.length + extra.length);
        bytes.set(built);
        bytes.set(extra, built.length);
        for (const [at, value] of flips) if (bytes.length > 0) bytes[at % bytes.length] = value;
        if (cut !== undefined) bytes = bytes.slice(0, cut % (bytes.length + 1));
        const d = dissect(bytes, { linktype });
        expect(toHex(d.build())).toBe(toHex(bytes));
        for (const problem of d.problems) {
          expect(problem.offset).toBeGreaterThanOrEqual(0);
          expect(problem.offset).toBeLessThanOrEqual(bytes.length);
        }
      }),
      { numRuns: RUNS * 2 },
    );
  });
});
