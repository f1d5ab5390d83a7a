/**
 * DHCP option instances per area, as tshark 4.0's JSON lists them and as we write them on the wire, for
 * the tests that compare the two instance by instance. A run of pads is one item for tshark, so runs of
 * pads collapse to one on both sides.
 */
import type { DhcpOptionList } from '../src/dhcp/option-list.js';
import { encodedLength, encodeOptions, type SplitState } from '../src/dhcp/option-wire.js';
import { toHex } from '../src/hex.js';
import type { TsharkTree, TsharkValue } from './dhcp-fixture-frames.js';

export interface OptionInstance {
  code: number;
  /** The instance's data bytes as hex ('' for pad and end). */
  data: string;
  /** tshark's subtree of the instance (undefined for ours). */
  tree: TsharkTree | undefined;
}

const list = (v: TsharkValue | undefined): TsharkValue[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];
const tree = (v: TsharkValue | undefined): TsharkTree | undefined =>
  v !== undefined && typeof v === 'object' && !Array.isArray(v) ? v : undefined;

/** tshark's option instances of one area (a dhcp tree, or an overload area from overloadArea()). */
export function tsharkInstances(area: TsharkTree): OptionInstance[] {
  const types = list(area['dhcp.option.type']);
  const trees = list(area['dhcp.option.type_tree']);
  const out: OptionInstance[] = [];
  types.forEach((type, i) => {
    const t = tree(trees[i]);
    let code = Number(type);
    if (t && 'dhcp.option.end' in t) code = 255;
    else if (t && 'dhcp.option.padding' in t) code = 0;
    if (code === 0 && out.at(-1)?.code === 0) return;
    const value = t?.['dhcp.option.value'];
    const data = code === 0 || code === 255 || typeof value !== 'string' ? '' : value.replace(/:/g, '');
    out.push({ code, data, tree: t });
  });
  return out;
}

/**
 * Our instances of one area from its encoding (what goes on the wire), up to and including 'end'. Areas
 * are encoded in aggregate order with one split state: an option joined over areas (RFC 3396) writes its
 * pieces where they were.
 */
export function ourInstances(
  options: DhcpOptionList,
  later: DhcpOptionList[],
  state: SplitState,
): OptionInstance[] {
  const bytes = new Uint8Array(encodedLength(options, later, state));
  encodeOptions(options, bytes, 0, true, later, state);
  const out: OptionInstance[] = [];
  let o = 0;
  while (o < bytes.length) {
    const code = bytes[o];
    if (code === 0 || code === 255) {
      if (!(code === 0 && out.at(-1)?.code === 0)) out.push({ code, data: '', tree: undefined });
      o++;
      if (code === 255) break;
      continue;
    }
    const len = bytes[o + 1] ?? 0;
    out.push({ code, data: toHex(bytes, o + 2, Math.min(bytes.length, o + 2 + len)), tree: undefined });
    o += 2 + len;
  }
  return out;
}

/**
 * The options tshark found in file or sname, which it nests under option 52's tree. The area's title gains
 * the message type when it holds option 53 ("Boot file name option overload (Lease Unknown)").
 */
export function overloadArea(
  dhcp: TsharkTree,
  title: 'Boot file name option overload' | 'Server host name option overload',
): TsharkTree | undefined {
  for (const t of list(dhcp['dhcp.option.type_tree'])) {
    const o = tree(t);
    const key = o && 'dhcp.option.option_overload' in o && Object.keys(o).find((k) => k.startsWith(title));
    if (o && key) return tree(o[key]);
  }
  return undefined;
}
