/**
 * RFC 3396 across areas, checked against tshark 4.0 on crafted frames: tshark and we see the same option
 * instances in the options field, file and sname (codes in wire order, each piece's length), and our joined
 * value is exactly tshark's pieces concatenated in RFC 3396 §5's aggregate order (options field, then file,
 * then sname). tshark 4.0 itself does not join pieces across areas (it shows each piece under its area), so
 * the join is checked on its pieces. scapy 2.5 has no opinion: it neither reads overloaded areas nor joins.
 */
import { describe, expect, it } from '@jest/globals';
import { type DhcpOptionList, EntryKind } from '../src/dhcp/option-list.js';
import { codecOf } from '../src/dhcp/registry.js';
import { toHex } from '../src/hex.js';
import { BOOTP, DHCP, dissect, Ether, fromHex, IP, packet, UDP } from '../src/index.js';
import { tsharkAvailable } from './dhcp-fixture-frames.js';
import { type TsharkInstance, tsharkDhcpAreas } from './tshark-crafted.js';

if (!tsharkAvailable) console.warn('overload-join-matches-tshark: skipped, tshark is not installed');
const describeWithTshark = tsharkAvailable ? describe : describe.skip;

const MAC = '02:00:00:00:00:01';
const frame = (dhcp: ReturnType<typeof DHCP>, bootp = BOOTP({ op: 2, chaddr: MAC, xid: 9 })) =>
  packet(
    Ether({ src: MAC }),
    IP({ src: '198.18.0.1', dst: '198.18.0.2' }),
    UDP({ sport: 67, dport: 68 }),
    bootp,
    dhcp,
  ).build();

function area(hex: string, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set(fromHex(hex)!);
  return bytes;
}

const FRAMES: [string, Uint8Array][] = [
  [
    'vendor_class_id in options, file and sname (sname first in the frame)',
    frame(
      DHCP({
        options: [
          ['message-type', 'ack'],
          ['dhcp-option-overload', 3],
          Uint8Array.of(60, 3, 0x61, 0x62, 0x63),
          'end',
        ],
      }),
      BOOTP({
        op: 2,
        chaddr: MAC,
        file: area('3c03646566ff', 128),
        sname: area('3c03676869' + '0c026869' + 'ff', 64),
      }),
    ),
  ],
  [
    'our build flowing hostname over all three areas',
    frame(
      DHCP({
        options: [
          ['message-type', 'ack'],
          ['dhcp-option-overload', 3],
          ['vendor_class_id', 'v'.repeat(250)],
          ['hostname', 'h'.repeat(200)],
          'end',
        ],
      }),
    ),
  ],
  [
    'our build moving an option whole into file',
    frame(
      DHCP({
        options: [
          ['dhcp-option-overload', 1],
          ['vendor_class_id', 'v'.repeat(300)],
          ['hostname', 'host'],
          'end',
        ],
      }),
    ),
  ],
  [
    'vendor_class_id in the options field and file (overload 1)',
    frame(
      DHCP({
        options: [['dhcp-option-overload', 1], Uint8Array.of(60, 2, 0x41, 0x42), 'end'],
      }),
      BOOTP({ op: 2, chaddr: MAC, file: area('3c03434445ff', 128) }),
    ),
  ],
];

/** Codes in wire order up to and including 'end', a run of pads as one (tshark shows a run as one item). */
function codesOf(codes: readonly number[]): number[] {
  const out: number[] = [];
  for (const code of codes) {
    if (code === 0 && out.at(-1) === 0) continue;
    out.push(code);
    if (code === 255) break;
  }
  return out;
}

function lengthsOf(list: DhcpOptionList, code: number): number[] {
  return list.codes.flatMap((c, i) => {
    if (c !== code) return [];
    const kind = list.kinds[i];
    return [kind === EntryKind.continuation ? (list.values[i] as number) : -1];
  });
}

describeWithTshark('RFC 3396 joins across overloaded areas agree with tshark 4.0 pieces', () => {
  const areas = tsharkDhcpAreas(FRAMES.map(([, bytes]) => bytes));

  it.each(FRAMES.map(([name], i) => [name, i] as const))('%s', (_name, i) => {
    const p = dissect(FRAMES[i][1]);
    expect(p.problems).toEqual([]);
    const theirs = areas[i];
    expect(theirs.malformed).toBe(false);
    const ours = p.layer(DHCP).options;
    const oursByArea: [string, DhcpOptionList | undefined, TsharkInstance[] | undefined][] = [
      ['options', ours, theirs.options],
      ['file', ours.file, theirs.file],
      ['sname', ours.sname, theirs.sname],
    ];
    const joinedCodes = new Set<number>();
    for (const [name, list, tshark] of oursByArea) {
      expect({ name, present: list !== undefined }).toEqual({ name, present: tshark !== undefined });
      if (!list || !tshark) continue;
      expect({ name, codes: codesOf(list.codes) }).toEqual({
        name,
        codes: codesOf(tshark.map((t) => t.code)),
      });
      list.codes.forEach((c, e) => {
        if (list.kinds[e] === EntryKind.split || list.kinds[e] === EntryKind.continuation) joinedCodes.add(c);
      });
    }
    if (i !== 2) expect(joinedCodes.size).toBeGreaterThan(0);
    for (const code of joinedCodes) {
      // tshark's pieces in aggregate order are our joined value's bytes; its continuations' lengths are ours.
      const pieces = oursByArea.flatMap(([, , tshark]) => (tshark ?? []).filter((t) => t.code === code));
      const codec = codecOf(code);
      const value = p.layer(DHCP).getOption(code);
      const bytes = new Uint8Array(codec.length(value as never));
      codec.write(bytes, 0, value as never);
      expect({ code, joined: toHex(bytes) }).toEqual({ code, joined: pieces.map((t) => t.data).join('') });
      const ourLengths = oursByArea.flatMap(([, list]) => (list ? lengthsOf(list, code) : []));
      expect(ourLengths.slice(1)).toEqual(pieces.slice(1).map((t) => t.data.length / 2));
    }
  });
});
