/**
 * A seeded differential sweep against tshark 4.0 on frames nobody wrote a test for: random and adversarial
 * frames (tshark-sweep-frames.ts) on linktypes 1, 113, 276, 0, 101 and an unknown one, the same frames cut
 * at their layer boundaries and with bits flipped, and mutations of fixture DHCP frames. Every frame must
 * dissect without throwing and agree with tshark on the protocol stack, addresses, ports, lengths, tags,
 * checksums and their status, BOOTP fields and each DHCP option instance per area (tshark-sweep-compare.ts);
 * the deliberate differences are named where they are excused and tallied here.
 *
 * The CI size is a few hundred frames per run; WIRECRAFT_SWEEP_FRAMES=5000 (and WIRECRAFT_SWEEP_SEED) runs
 * a bigger sweep locally.
 */
import { describe, expect, it } from '@jest/globals';
import { toHex } from '../src/hex.js';
import { dissect, packet } from '../src/index.js';
import { dhcpFrames, tsharkAvailable } from './dhcp-fixture-frames.js';
import { compareFrame, type FrameComparison, tsharkLayers } from './tshark-sweep-compare.js';
import { builtFrame, mutations, SeededRandom, type SweepFrame } from './tshark-sweep-frames.js';

if (!tsharkAvailable) console.log('tshark-random-sweep: skipped, tshark is not installed');
const describeWithTshark = tsharkAvailable ? describe : describe.skip;

const SEED = Number(process.env.WIRECRAFT_SWEEP_SEED ?? 20260314);
const BUILT = Number(process.env.WIRECRAFT_SWEEP_FRAMES ?? 250);
const FIXTURES = ['zeek_dhcp.pcap', 'suricata_dhcp-option-52-overload-both.pcap', 'pcapplusplus_sll.pcap'];

/** Where each of our layers starts in the frame: the cut points for the truncation mutations. */
function layerStarts(frame: SweepFrame): number[] {
  const p = dissect(frame.bytes, { linktype: frame.linktype });
  return p.layers.map((_, i) => frame.bytes.length - packet(...p.layers.slice(i)).build().length);
}

function sweepFrames(): SweepFrame[] {
  const rng = new SeededRandom(SEED);
  const frames: SweepFrame[] = [];
  for (let i = 0; i < BUILT; i++) {
    const frame = builtFrame(rng);
    frames.push(frame);
    if (rng.chance(0.3)) frames.push(...mutations(rng, frame, layerStarts(frame)));
  }
  for (const file of FIXTURES) {
    for (const fixture of dhcpFrames(file)) {
      if (fixture.linktype === undefined) continue;
      const frame = { linktype: fixture.linktype, bytes: fixture.bytes, origin: `${file}#${fixture.number}` };
      frames.push(frame, ...mutations(rng, frame, layerStarts(frame)));
    }
  }
  return frames;
}

function report(c: FrameComparison): string {
  const lines = c.disagreements.map(
    (d) => `  ${d.field}: ours ${JSON.stringify(d.ours)}, tshark ${JSON.stringify(d.theirs)}`,
  );
  return [`linktype ${c.frame.linktype}, ${c.frame.origin}: ${toHex(c.frame.bytes)}`, ...lines].join('\n');
}

describeWithTshark(`tshark 4.0 agrees with our dissection of random frames (seed ${SEED})`, () => {
  const frames = sweepFrames();
  const byLinktype = new Map<number, SweepFrame[]>();
  for (const f of frames) byLinktype.set(f.linktype, [...(byLinktype.get(f.linktype) ?? []), f]);
  const excuses = new Map<string, number>();
  let compared = 0;

  it.each([...byLinktype.keys()].map((linktype) => [linktype, byLinktype.get(linktype)?.length ?? 0]))(
    'linktype %i: %i frames',
    (linktype) => {
      const group = byLinktype.get(linktype) ?? [];
      const theirs = tsharkLayers(
        linktype,
        group.map((f) => f.bytes),
      );
      expect(theirs).toHaveLength(group.length);
      const disagreeing: string[] = [];
      group.forEach((frame, i) => {
        const c = compareFrame(frame, theirs[i]);
        compared++;
        for (const e of c.excuses) excuses.set(e, (excuses.get(e) ?? 0) + 1);
        if (c.disagreements.length > 0) disagreeing.push(report(c));
      });
      expect(disagreeing).toEqual([]);
    },
  );

  it('compared every frame, built and mutated, on every linktype', () => {
    console.log(
      `tshark-random-sweep: ${compared} frames; deliberate differences met: ${JSON.stringify([...excuses])}`,
    );
    expect(compared).toBe(frames.length);
    expect(compared).toBeGreaterThan(BUILT);
    expect([...byLinktype.keys()].sort((a, b) => a - b)).toEqual([0, 1, 101, 113, 147, 276]);
  });
});
