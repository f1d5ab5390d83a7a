import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { CaptureBytesReader, type Frame } from '@wirecraft/capture';
import { InvalidFilterError } from '../src/errors.js';
import type { BpfProgram } from '../src/filter/bpf-program.js';
import { compileBpf } from '../src/filter/compile-bpf.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
const files = readdirSync(fixtures)
  .filter((name) => /\.pcap(ng)?$/.test(name))
  .sort();
const probe = spawnSync('tcpdump', ['--version'], { encoding: 'utf8' });
const hasTcpdump = probe.status === 0;
if (!hasTcpdump)
  console.log(`bpf-matches-tcpdump: skipped, tcpdump is not installed (${probe.error?.message})`);
const describeWithTcpdump = hasTcpdump ? describe : describe.skip;

/** Filters that exercise every kind of load, ALU and jump libpcap emits for DHCP-era captures. */
const FILTERS = [
  'udp port 67',
  'udp src port 68 and ether broadcast',
  'ip[8] > 64 or ip[1] & 0x1c != 0',
  'udp[8] = 2 and len > 330',
  'ip and udp[247:4] = 0x63825363',
  'vlan or ip6 or arp',
];

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** The frames tcpdump keeps, read back from the pcap it writes with -w -. */
function tcpdumpKeeps(path: string, filter?: string): string[] | undefined {
  const args = ['-r', path, '-w', '-', ...(filter === undefined ? [] : [filter])];
  const run = spawnSync('tcpdump', args, { maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) return undefined;
  return [...new CaptureBytesReader(run.stdout)].map((frame) => hex(frame.data));
}

function ourKeeps(frames: readonly Frame[], filter: string): string[] {
  const programs = new Map<number, BpfProgram>();
  return frames
    .filter((frame) => {
      let program = programs.get(frame.linktype);
      if (program === undefined) {
        program = compileBpf(filter, frame.linktype);
        programs.set(frame.linktype, program);
      }
      return program.matches(frame.data, frame.originalLength);
    })
    .map((frame) => hex(frame.data));
}

describeWithTcpdump('BpfProgram keeps exactly the frames tcpdump keeps', () => {
  it.each(files)('%s', (name) => {
    const path = `${fixtures}${name}`;
    const frames = [...new CaptureBytesReader(readFileSync(path))];
    // libpcap cannot read a pcapng whose interfaces have different linktypes: nothing to compare with.
    const readable = tcpdumpKeeps(path) !== undefined;
    let compared = 0;
    for (const filter of FILTERS) {
      let ours: string[] | Error;
      try {
        ours = ourKeeps(frames, filter);
      } catch (error) {
        ours = error as Error;
      }
      if (!readable) {
        expect(Array.isArray(ours) || ours instanceof InvalidFilterError).toBe(true);
        continue;
      }
      const theirs = tcpdumpKeeps(path, filter);
      if (theirs === undefined) {
        // A filter that makes no sense for the linktype (ip on 802.11) is refused by both.
        expect(ours).toBeInstanceOf(InvalidFilterError);
        continue;
      }
      if (ours instanceof Error) throw ours;
      // libpcap cuts a record longer than the file's snap length to it (tcpdump_bootp_asan.pcap); we
      // keep every byte the record holds, so compare on tcpdump's length.
      expect({ filter, kept: ours.map((frame, i) => frame.slice(0, theirs[i]?.length)) }).toEqual({
        filter,
        kept: theirs,
      });
      compared++;
    }
    if (readable) expect(compared).toBeGreaterThan(0);
  });
});
