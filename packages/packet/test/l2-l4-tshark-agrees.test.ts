/**
 * Proves that an independent dissector reads our frames the way we do: random valid packets of every
 * L2-L4 layer are built, written to pcap files and decoded by tshark, which must see the same protocol
 * stack, lengths, addresses and tags, and must find every IP and UDP checksum correct.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ARP, Dot1AD, Dot1Q, IP, type Packet, SLL2, UDP } from '../src/index.js';
import { tsharkAvailable } from './dhcp-fixture-frames.js';
import { framed } from './l2l4-arbitraries.js';
import { pcapFile } from './pcap-file.js';

if (!tsharkAvailable) console.log('skipping: tshark is not installed');
const maybe = tsharkAvailable ? describe : describe.skip;

const FIELDS = [
  'frame.protocols',
  'ip.len',
  'ip.src',
  'ip.dst',
  'ip.checksum.status',
  'udp.srcport',
  'udp.dstport',
  'udp.length',
  'udp.checksum.status',
  'arp.opcode',
  'arp.src.proto_ipv4',
  'arp.dst.proto_ipv4',
  'vlan.id',
  'ieee8021ad.id',
  'sll.ifindex',
] as const;
type Row = Record<(typeof FIELDS)[number], string>;

function tshark(file: string): Row[] {
  const args = ['-r', file, '-o', 'ip.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE'];
  args.push('-T', 'fields', '-E', 'separator=;', '-E', 'occurrence=a', '-E', 'aggregator=,');
  for (const f of FIELDS) args.push('-e', f);
  const text = execFileSync('tshark', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => Object.fromEntries(line.split(';').map((v, i) => [FIELDS[i], v])) as Row);
}

const TSHARK_NAMES: Record<string, string> = {
  Ether: 'eth',
  Dot1AD: 'ieee8021ad',
  Dot1Q: 'vlan',
  IP: 'ip',
  UDP: 'udp',
  ARP: 'arp',
  CookedLinux: 'sll',
  CookedLinuxV2: 'sll',
  Loopback: 'null',
};

/** Our stack up to the last layer tshark must agree on (payloads may be guessed differently by port). */
function expectedProtocols(linktype: number, p: Packet): string[] {
  // tshark names the raw-IP link layer itself.
  const link = linktype === 101 ? ['raw'] : [];
  return link.concat(p.layerNames().flatMap((name) => (TSHARK_NAMES[name] ? [TSHARK_NAMES[name]] : [])));
}

const dir = mkdtempSync(join(tmpdir(), 'wirecraft-tshark-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

maybe('tshark reads our L2-L4 frames as we do', () => {
  // A fixed seed: the same frames on every run. More-fragment IP is left out (tshark would reassemble).
  const samples = fc
    .sample(framed, { seed: 20261122, numRuns: 150 })
    .filter(({ packet: p }) => ((p.get(IP)?.flags ?? 0) & 1) === 0);
  const byLinktype = new Map<number, Packet[]>();
  for (const { linktype, packet: p } of samples)
    byLinktype.set(linktype, [...(byLinktype.get(linktype) ?? []), p]);

  for (const [linktype, packets] of byLinktype) {
    it(`linktype ${linktype}: ${packets.length} frames`, () => {
      const file = join(dir, `linktype-${linktype}.pcap`);
      writeFileSync(
        file,
        pcapFile(
          linktype,
          packets.map((p) => p.build()),
        ),
      );
      const rows = tshark(file);
      expect(rows).toHaveLength(packets.length);
      packets.forEach((p, i) => {
        const row = rows[i];
        const seen = row['frame.protocols'].split(':').filter((name) => name !== 'ethertype');
        const expected = expectedProtocols(linktype, p);
        expect({ i, protocols: seen.slice(0, expected.length) }).toEqual({ i, protocols: expected });
        const built = p.build();
        const ip = p.get(IP);
        if (ip) {
          expect({ i, src: row['ip.src'], dst: row['ip.dst'] }).toEqual({ i, src: ip.src, dst: ip.dst });
          expect({ i, ipChecksum: row['ip.checksum.status'] }).toEqual({ i, ipChecksum: '1' });
          const ipLength =
            built.length - p.layers.slice(0, p.indexOf(IP)).reduce((n, l) => n + linkHeaderBytes(l), 0);
          expect({ i, len: Number(row['ip.len']) }).toEqual({ i, len: ipLength });
        }
        const udp = p.get(UDP);
        if (udp) {
          expect({ i, ports: [row['udp.srcport'], row['udp.dstport']] }).toEqual({
            i,
            ports: [String(udp.sport), String(udp.dport)],
          });
          expect({ i, udpChecksum: row['udp.checksum.status'] }).toEqual({ i, udpChecksum: '1' });
        }
        const arp = p.get(ARP);
        if (arp) {
          expect({ i, op: Number(row['arp.opcode']) }).toEqual({ i, op: arp.op });
          if (arp.hwtype === 1 && arp.ptype === 0x0800) {
            expect({ i, psrc: row['arp.src.proto_ipv4'], pdst: row['arp.dst.proto_ipv4'] }).toEqual({
              i,
              psrc: arp.psrc,
              pdst: arp.pdst,
            });
          }
        }
        const outer = p.get(Dot1AD);
        if (outer) expect({ i, service: row['ieee8021ad.id'] }).toEqual({ i, service: String(outer.vlan) });
        const tags = p.layers.filter((l) => l.def === Dot1Q.def).map((l) => String(l.getField('vlan')));
        if (tags.length > 0) expect({ i, vlans: row['vlan.id'] }).toEqual({ i, vlans: tags.join(',') });
        const sll2 = p.get(SLL2);
        if (sll2) expect({ i, ifindex: row['sll.ifindex'] }).toEqual({ i, ifindex: String(sll2.ifindex) });
      });
    });
  }
});

/** Bytes of a layer below IP: every link layer here is fixed-size. */
function linkHeaderBytes(layer: Packet['layers'][number]): number {
  return layer.def.fixedSize;
}
