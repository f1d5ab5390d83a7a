/**
 * Runs random scapy one-liners through wirecraft and scapy 2.5 and lists every disagreement: (a) the
 * built bytes, (b) the field values both dissect from those bytes. Shared by the jest sample
 * (scapy-random-sweep.test.ts) and the long local sweep (scapy-random-sweep.ts).
 */
import { isDeepStrictEqual } from 'node:util';
import { codecOf } from '../src/dhcp/registry.js';
import { type DhcpOptionList, EntryKind } from '../src/dhcp/option-list.js';
import { encodedLength, encodeOptions } from '../src/dhcp/option-wire.js';
import { dissect } from '../src/dissect.js';
import { fromHex, toHex } from '../src/hex.js';
import '../src/index.js';
import type { Layer } from '../src/layer.js';
import { fromScapy } from '../src/scapy/evaluate.js';
import { normalizeScapyLayers, ourLayersJson } from './scapy-compare.js';
import { SCAPY25_BY_CODE } from './scapy-dhcp-table.js';
import { type OracleRequest, type ScapyJson, askScapy } from './scapy-oracle.js';
import type { RandomScapyCase } from './scapy-random-exprs.js';

export type DisagreementKind = 'only-scapy-builds' | 'bytes' | 'fields' | 'scapy-cannot-dissect';

export interface Disagreement {
  kind: DisagreementKind;
  expr: string;
  first: RandomScapyCase['first'];
  ours: unknown;
  scapy: unknown;
}

export interface SweepResult {
  /** Cases generated. */
  run: number;
  /** Cases scapy itself refuses to build (not compared). */
  scapyRejects: number;
  /** Of those, the ones we refuse too: every generated form is one we claim to build. */
  bothReject: Disagreement[];
  /** Cases where both built and both dissected. */
  compared: number;
  disagreements: Disagreement[];
}

const SIZES: Record<string, number> = { ip: 4, int: 4, short: 2, byte: 1 };

/**
 * Where each entry starts in the area's wire bytes (our encoder's, which the frame holds), so "the rest of
 * the area" scapy lists after an option it cannot read is the frame's bytes from there on.
 */
function entryOffsets(list: DhcpOptionList, wire: Uint8Array): number[] {
  const offsets: number[] = [];
  let o = 0;
  for (let i = 0; i < list.codes.length; i++) {
    offsets.push(o);
    const code = list.codes[i];
    if (list.kinds[i] === EntryKind.verbatim) o += (list.values[i] as Uint8Array).length;
    else if (code === 0 || code === 255) o += 1;
    else o += 2 + wire[o + 1];
  }
  return offsets;
}

/** The data bytes of one typed value, written by its codec. */
function dataOf(code: number, value: unknown): Uint8Array {
  const codec = codecOf(code);
  const data = new Uint8Array(codec.length(value as never));
  codec.write(data, 0, value as never);
  return data;
}

/**
 * scapy 2.5's tuple for one option's data: its field read repeatedly, the raw bytes for untyped names,
 * (code, bytes) for codes it does not name. undefined when scapy's field cannot read the data (scapy
 * then lists the rest of the area as one bytes item and stops).
 */
function scapyTuple(code: number, data: Uint8Array): ScapyJson | undefined {
  const entry = SCAPY25_BY_CODE.get(code);
  if (!entry) return [code, { bytes: toHex(data) }];
  const { name, kind } = entry;
  const size = SIZES[kind];
  // scapy 2.5 reads an option with a field (every kind but bytes) of length 0 as the 1-tuple (name,).
  if (kind !== 'bytes' && data.length === 0) return [name];
  if (size !== undefined) {
    if (data.length % size !== 0) return undefined;
    const out: ScapyJson[] = [name];
    for (let o = 0; o < data.length; o += size) {
      let n = 0;
      for (let k = 0; k < size; k++) n = n * 256 + data[o + k];
      out.push(kind === 'ip' ? `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}` : n);
    }
    return out;
  }
  switch (kind) {
    case 'enum':
      return [name, ...data];
    case 'list':
      return [name, [...data]];
    case 'routes': {
      const routes: string[] = [];
      let o = 0;
      while (o < data.length) {
        const prefix = data[o];
        const octets = (prefix + 7) >> 3;
        if (prefix > 32 || o + 1 + octets + 4 > data.length) return undefined;
        const dest = [0, 0, 0, 0];
        for (let k = 0; k < octets; k++) dest[k] = data[o + 1 + k];
        const router = data.subarray(o + 1 + octets, o + 5 + octets);
        routes.push(`${dest.join('.')}/${prefix}:${[...router].join('.')}`);
        o += 5 + octets;
      }
      return [name, routes];
    }
    default:
      return [name, { bytes: toHex(data) }];
  }
}

/**
 * Our dissected option list in scapy 2.5's shape. Each entry's data comes from our decoded value (written
 * back by its codec), so a wrong decode shows up as a difference. An RFC 3396 split option is one joined
 * value here; scapy lists every piece: the joined data is cut back into the pieces' lengths.
 */
export function optionsAsScapy(list: DhcpOptionList): ScapyJson {
  const out: ScapyJson[] = [];
  const pieces = new Map<number, Uint8Array>();
  list.kinds.forEach((kind, i) => {
    if (kind !== EntryKind.split) return;
    const data = dataOf(list.codes[i], list.values[i]);
    const tails: number[] = [];
    for (let j = i + 1; j < list.codes.length; j++)
      if (list.kinds[j] === EntryKind.continuation && list.codes[j] === list.codes[i]) tails.push(j);
    let o = data.length - tails.reduce((n, j) => n + (list.values[j] as number), 0);
    pieces.set(i, data.subarray(0, o));
    for (const j of tails) {
      const length = list.values[j] as number;
      pieces.set(j, data.subarray(o, o + length));
      o += length;
    }
  });
  const wire = new Uint8Array(encodedLength(list));
  encodeOptions(list, wire, 0);
  const offsets = entryOffsets(list, wire);
  const restOfArea = (i: number) => wire.subarray(offsets[i]);
  for (let i = 0; i < list.codes.length; i++) {
    const code = list.codes[i];
    const kind = list.kinds[i];
    let data: Uint8Array;
    if (kind === EntryKind.verbatim) {
      const tlv = list.values[i] as Uint8Array;
      if (tlv.length < 2 || tlv.length !== tlv[1] + 2) {
        out.push({ bytes: toHex(restOfArea(i)) });
        return out;
      }
      data = tlv.subarray(2);
    } else if (code === 0 || code === 255) {
      out.push(code === 0 ? 'pad' : 'end');
      continue;
    } else data = pieces.get(i) ?? dataOf(code, list.values[i]);
    const tuple = scapyTuple(code, data);
    if (tuple === undefined) {
      out.push({ bytes: toHex(restOfArea(i)) });
      return out;
    }
    out.push(tuple);
  }
  for (const b of list.trailing) out.push(b === 0 ? 'pad' : { bytes: toHex(Uint8Array.of(b)) });
  return out;
}

const convert = (layer: Layer, field: string, value: unknown): ScapyJson | undefined =>
  layer.def.name === 'DHCP' && field === 'options' ? optionsAsScapy(value as DhcpOptionList) : undefined;

function firstLayer(first: RandomScapyCase['first']) {
  return first === 'Ether' ? {} : { first: fromScapy(`${first}()`).layers[0] };
}

/** Our bytes for an expression, or the error we raise. */
export function ourBuild(expr: string): { hex: string } | { error: string } {
  try {
    return { hex: toHex(fromScapy(expr).build()) };
  } catch (error) {
    return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

/** Compares every case with scapy in one oracle process. */
export function compareWithScapy(cases: readonly RandomScapyCase[]): SweepResult {
  const ours = cases.map((c) => ourBuild(c.expr));
  const requests: OracleRequest[] = cases.map((c) => ({ build: c.expr }));
  const dissectAt = new Map<number, number>();
  ours.forEach((built, i) => {
    if ('hex' in built) {
      dissectAt.set(i, requests.length);
      requests.push({ dissect: built.hex, first: cases[i].first });
    }
  });
  const answers = askScapy(requests);
  const result: SweepResult = {
    run: cases.length,
    scapyRejects: 0,
    bothReject: [],
    compared: 0,
    disagreements: [],
  };
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i];
    const scapy = answers[i];
    const built = ours[i];
    const report = (kind: DisagreementKind, our: unknown, their: unknown) =>
      result.disagreements.push({ kind, expr: c.expr, first: c.first, ours: our, scapy: their });
    if ('error' in scapy) {
      result.scapyRejects++;
      if ('error' in built)
        result.bothReject.push({
          kind: 'only-scapy-builds',
          expr: c.expr,
          first: c.first,
          ours: built.error,
          scapy: scapy.error,
        });
      continue;
    }
    if (!('hex' in scapy)) throw new Error(`oracle answered a build with ${JSON.stringify(scapy)}`);
    if ('error' in built) {
      report('only-scapy-builds', built.error, scapy.hex);
      continue;
    }
    if (built.hex !== scapy.hex) {
      report('bytes', built.hex, scapy.hex);
      continue;
    }
    const dissected = answers[dissectAt.get(i)!];
    if (!('layers' in dissected)) {
      report('scapy-cannot-dissect', built.hex, dissected);
      continue;
    }
    const packet = dissect(fromHex(built.hex)!, firstLayer(c.first));
    const ourFields = ourLayersJson(packet, convert);
    const scapyFields = normalizeScapyLayers(dissected.layers);
    if (!isDeepStrictEqual(ourFields, scapyFields)) {
      report('fields', ourFields, scapyFields);
      continue;
    }
    result.compared++;
  }
  return result;
}
