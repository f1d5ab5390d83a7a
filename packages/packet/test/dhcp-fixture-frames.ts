/**
 * DHCP frames of the fixture captures with tshark 4.0's dissection of them, read through tshark itself
 * (`-x` gives each frame's bytes), so @wirecraft/packet tests need no capture reader.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromHex } from '../src/hex.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures');

export const tsharkAvailable = spawnSync('tshark', ['-v'], { encoding: 'utf8' }).status === 0;

export type TsharkTree = { [key: string]: TsharkValue };
export type TsharkValue = string | TsharkTree | TsharkValue[];

export interface FixtureFrame {
  file: string;
  /** 1-based, as tshark numbers frames. */
  number: number;
  bytes: Uint8Array;
  /** LINKTYPE of the capture for this frame when we dissect it from the link layer, else undefined. */
  linktype: number | undefined;
  /** Offset of the IP header, to dissect from IP when the link layer is one we do not decode. */
  ipOffset: number;
  protocols: string[];
  /** tshark's dhcp layer (fields merged into arrays when repeated). */
  dhcp: TsharkTree;
  /** True when tshark reports the frame malformed or an expert error (not notes or warnings). */
  tsharkMalformed: boolean;
  /** The capture kept fewer bytes than were on the wire (snap length). */
  cutBySnaplen: boolean;
}

const EXPERT_ERROR = 0x00800000;

const LINKTYPE_BY_FIRST_PROTOCOL: Record<string, number> = { eth: 1, sll: 113, raw: 101 };

export function fixtureFiles(): string[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.pcap') || f.endsWith('.pcapng'))
    .sort();
}

function malformedIn(value: TsharkValue | undefined): boolean {
  if (value === undefined || typeof value === 'string') return false;
  if (Array.isArray(value)) return value.some(malformedIn);
  return Object.entries(value).some(
    ([k, v]) =>
      k === '_ws.malformed' || (k === '_ws.expert.severity' && Number(v) >= EXPERT_ERROR) || malformedIn(v),
  );
}

function raw(layers: TsharkTree, key: string): [string, number] | undefined {
  const r = layers[key];
  if (!Array.isArray(r) || typeof r[0] !== 'string') return undefined;
  return [r[0], Number(r[1])];
}

/** Every frame tshark dissects as DHCP in one capture. */
export function dhcpFrames(file: string): FixtureFrame[] {
  const run = spawnSync(
    'tshark',
    [
      '-r',
      join(FIXTURES, file),
      '-T',
      'json',
      '--no-duplicate-keys',
      '-x',
      '-J',
      'frame eth sll ip udp dhcp',
    ],
    { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 },
  );
  if (run.status !== 0) throw new Error(`tshark -r ${file} failed: ${run.stderr}`);
  const packets = JSON.parse(run.stdout) as { _source: { layers: TsharkTree } }[];
  const frames: FixtureFrame[] = [];
  for (const p of packets) {
    const layers = p._source.layers;
    const dhcp = layers.dhcp;
    if (dhcp === undefined || typeof dhcp === 'string' || Array.isArray(dhcp)) continue;
    const frame = layers.frame as TsharkTree;
    const frameRaw = raw(layers, 'frame_raw');
    const ipRaw = raw(layers, 'ip_raw');
    if (!frameRaw || !ipRaw) continue;
    const protocols = String(frame['frame.protocols']).split(':');
    frames.push({
      file,
      number: Number(frame['frame.number']),
      bytes: fromHex(frameRaw[0])!,
      linktype: LINKTYPE_BY_FIRST_PROTOCOL[protocols[0]],
      ipOffset: ipRaw[1],
      protocols,
      dhcp,
      tsharkMalformed: malformedIn(layers),
      cutBySnaplen: Number(frame['frame.cap_len']) < Number(frame['frame.len']),
    });
  }
  return frames;
}
