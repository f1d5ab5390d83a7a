/**
 * Options 77 (user class), 119 (domain search) and 120 (SIP servers) decode as tshark 4.0 decodes them, on
 * crafted frames: our builds (119 and 120 compressed by us), compression layouts we did not write
 * (uncompressed names, pointer chains, a 119 split in two instances that tshark joins too), bare-text user
 * classes. Each frame also rebuilds to its own bytes.
 */
import { describe, expect, it } from '@jest/globals';
import { toHex } from '../src/hex.js';
import { BOOTP, DHCP, dissect, Ether, IP, packet, UDP } from '../src/index.js';
import { tsharkAvailable, type TsharkTree, type TsharkValue } from './dhcp-fixture-frames.js';
import { type TsharkInstance, tsharkDhcpAreas } from './tshark-crafted.js';

if (!tsharkAvailable) console.warn('typed-options-match-tshark: skipped, tshark is not installed');
const describeWithTshark = tsharkAvailable ? describe : describe.skip;

const frame = (options: Parameters<typeof DHCP>[0]) =>
  packet(
    Ether({ src: '02:00:00:00:00:fe' }),
    IP({ src: '198.18.0.1', dst: '198.18.0.2' }),
    UDP({ sport: 67, dport: 68 }),
    BOOTP({ op: 2, xid: 5 }),
    DHCP(options),
  ).build();

const text = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
const name = (...labels: string[]) => [...labels.flatMap((l) => [l.length, ...text(l)]), 0];
const tlv = (code: number, data: number[]) => Uint8Array.from([code, data.length, ...data]);

const FRAMES: [string, Uint8Array][] = [
  [
    'our build: compressed search list and SIP names, a class list',
    frame({
      options: [
        ['message-type', 'ack'],
        ['domain-search', ['lab.example.com', 'example.com', 'other.example.org', 'b.lab.example.com']],
        ['sip-servers', { names: ['sip.example.com', 'sip2.example.com'] }],
        ['user_class', ['iPXE', 'abc']],
        'end',
      ],
    }),
  ],
  [
    'our build: SIP addresses, a bare-text user class',
    frame({
      options: [
        ['message-type', 'ack'],
        ['sip-servers', { addresses: ['198.18.0.5', '198.18.0.6'] }],
        ['user_class', Uint8Array.from(text('iPXE'))],
        'end',
      ],
    }),
  ],
  [
    'uncompressed names and a pointer chain, written by someone else',
    frame({
      options: [
        // b.a.example.com points at a.example.com (offset 13), which is written out in full.
        tlv(119, [...name('example', 'com'), ...name('a', 'example', 'com'), 1, 0x62, 0xc0, 13]),
        tlv(120, [0, ...name('sip', 'example', 'com'), 4, ...text('sip2'), 0xc0, 4]),
        'end',
      ],
    }),
  ],
  [
    'a search list split in two instances (RFC 3396), joined by both',
    frame({
      options: [
        tlv(119, name('example', 'com').slice(0, 10)),
        ['message-type', 'ack'],
        tlv(119, [...name('example', 'com').slice(10), 1, 0x61, 0xc0, 0]),
        'end',
      ],
    }),
  ],
];

/** Every value of a key anywhere in a tree, in order (arrays of subtrees included). */
function collect(value: TsharkValue | undefined, key: string, out: string[] = []): string[] {
  if (value === undefined || typeof value === 'string') return out;
  if (Array.isArray(value)) {
    for (const v of value) collect(v, key, out);
    return out;
  }
  for (const [k, v] of Object.entries(value)) {
    if (k === key) {
      for (const item of Array.isArray(v) ? v : [v]) if (typeof item === 'string') out.push(item);
    } else collect(v, key, out);
  }
  return out;
}

const last = (instances: TsharkInstance[], code: number): TsharkTree | undefined =>
  instances.filter((i) => i.code === code).at(-1)?.tree;

describeWithTshark('77, 119 and 120 decode as tshark 4.0 decodes them', () => {
  const areas = tsharkDhcpAreas(FRAMES.map(([, bytes]) => bytes));
  let compared = 0;

  it.each(FRAMES.map(([title], i) => [title, i] as const))('%s', (_title, i) => {
    const bytes = FRAMES[i][1];
    const p = dissect(bytes);
    expect(p.problems).toEqual([]);
    expect(toHex(p.build())).toBe(toHex(bytes));
    const theirs = areas[i];
    expect(theirs.malformed).toBe(false);
    const dhcp = p.layer(DHCP);

    const search = last(theirs.options, 119);
    expect(dhcp.getOption('domain-search') !== undefined).toBe(search !== undefined);
    if (search) {
      expect(dhcp.getOption('domain-search')).toEqual(
        collect(search, 'dhcp.option.dhcp_dns_domain_search_list_fqdn'),
      );
      compared++;
    }

    const sip = last(theirs.options, 120);
    if (sip) {
      const ours = dhcp.getOption('sip-servers');
      const encoding = collect(sip, 'dhcp.option.sip_server.encoding')[0];
      expect(ours).toEqual(
        encoding === '0'
          ? { names: collect(sip, 'dhcp.option.sip_server.name') }
          : { addresses: collect(sip, 'dhcp.option.sip_server.address') },
      );
      compared++;
    }

    const userClass = last(theirs.options, 77);
    if (userClass) {
      const ours = dhcp.getOption('user_class');
      const items = collect(userClass, 'dhcp.option.user_class.data');
      if (items.length > 0) {
        // tshark found RFC 3004 instances: ours is the same list.
        expect(Array.isArray(ours)).toBe(true);
        expect((ours as string[]).map((c) => toHex(Uint8Array.from(text(c))))).toEqual(
          items.map((h) => h.replace(/:/g, '')),
        );
      } else {
        // tshark fell back to text ("non standard compliant"): ours is the raw data.
        expect(ours).toEqual(Uint8Array.from(text(collect(userClass, 'dhcp.option.user_class.text')[0])));
      }
      compared++;
    }
  });

  it('compared every typed option of every frame', () => {
    expect(compared).toBe(8);
  });
});
