/**
 * tshark 4.0's DHCP dissection of frames we craft: the frames go to a temporary pcap (Ethernet linktype),
 * tshark reads it back as JSON, and each frame's dhcp tree comes back with its option instances per area
 * (the options field, and the overloaded file and sname areas tshark nests under option 52).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TsharkTree, TsharkValue } from './dhcp-fixture-frames.js';
import { pcapFile } from './pcap-file.js';

export interface TsharkInstance {
  code: number;
  /** The instance's data bytes as hex ('' for pad and end). */
  data: string;
  tree: TsharkTree;
}

export interface TsharkAreas {
  options: TsharkInstance[];
  file: TsharkInstance[] | undefined;
  sname: TsharkInstance[] | undefined;
  /** True when tshark flags the frame malformed. */
  malformed: boolean;
}

const list = (v: TsharkValue | undefined): TsharkValue[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

function instances(area: TsharkTree): TsharkInstance[] {
  const types = list(area['dhcp.option.type']);
  const trees = list(area['dhcp.option.type_tree']);
  return types.map((type, i) => {
    const tree = (trees[i] ?? {}) as TsharkTree;
    let code = Number(type);
    if ('dhcp.option.end' in tree) code = 255;
    else if ('dhcp.option.padding' in tree) code = 0;
    const value = tree['dhcp.option.value'];
    return { code, data: typeof value === 'string' ? value.replace(/:/g, '') : '', tree };
  });
}

function overloadArea(dhcp: TsharkTree, title: string): TsharkInstance[] | undefined {
  for (const t of list(dhcp['dhcp.option.type_tree'])) {
    if (typeof t !== 'object' || Array.isArray(t) || !('dhcp.option.option_overload' in t)) continue;
    const area = t[title];
    if (area && typeof area === 'object' && !Array.isArray(area)) return instances(area);
  }
  return undefined;
}

function malformedIn(value: TsharkValue | undefined): boolean {
  if (value === undefined || typeof value === 'string') return false;
  if (Array.isArray(value)) return value.some(malformedIn);
  return Object.entries(value).some(([k, v]) => k === '_ws.malformed' || malformedIn(v));
}

/** tshark's view of each frame's DHCP options, in frame order. */
export function tsharkDhcpAreas(frames: readonly Uint8Array[]): TsharkAreas[] {
  const dir = mkdtempSync(join(tmpdir(), 'wirecraft-tshark-'));
  try {
    const file = join(dir, 'crafted.pcap');
    writeFileSync(file, pcapFile(1, frames));
    const run = spawnSync('tshark', ['-r', file, '-T', 'json', '--no-duplicate-keys', '-J', 'dhcp'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.status !== 0) throw new Error(`tshark failed: ${run.stderr}`);
    const packets = JSON.parse(run.stdout) as { _source: { layers: TsharkTree } }[];
    return packets.map((p) => {
      const dhcp = p._source.layers.dhcp as TsharkTree;
      return {
        options: instances(dhcp),
        file: overloadArea(dhcp, 'Boot file name option overload'),
        sname: overloadArea(dhcp, 'Server host name option overload'),
        malformed: malformedIn(p._source.layers),
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A field anywhere under a tree (some option values sit one level down). */
export function findTsharkField(tree: TsharkTree, key: string): TsharkValue | undefined {
  if (key in tree) return tree[key];
  for (const v of Object.values(tree)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const found = findTsharkField(v, key);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
