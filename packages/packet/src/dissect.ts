import { guessNext } from './bind.js';
import { type DissectContext, type Layer, type LayerDefinition, readFixedFields } from './layer.js';
import { Packet } from './packet.js';
import type { Problem } from './problem.js';

const firstLayers = new Map<number, LayerDefinition>();
let rawDef: LayerDefinition | undefined;
let paddingDef: LayerDefinition | undefined;

/** Registers the first layer for a capture linktype (1 Ethernet, 113 SLL, ...). */
export function registerLinktype(linktype: number, def: LayerDefinition): void {
  firstLayers.set(linktype, def);
}

/** Raw and Padding are where undecodable and surplus bytes go; they register themselves. */
export function registerFallbackLayers(raw: LayerDefinition, padding: LayerDefinition): void {
  rawDef = raw;
  paddingDef = padding;
}

export interface DissectOptions {
  /** LINKTYPE of the bytes; default 1 (Ethernet). Unknown linktypes give a Raw layer. */
  linktype?: number;
  /** Start with this layer instead of the linktype's first layer. */
  first?: { def: LayerDefinition };
}

/** Generic decoder: fixed fields, then tail fields to the end of the layer. */
export function decodeFields(
  def: LayerDefinition,
  bytes: Uint8Array,
  offset: number,
  ctx: DissectContext,
): Layer | undefined {
  if (ctx.end - offset < def.fixedSize) return undefined;
  const values = readFixedFields(def, bytes, offset);
  let consumed = def.fixedSize;
  const tail = def.tailFields;
  for (let i = 0; i < tail.length; i++) {
    // Only the last tail field can be unbounded; earlier ones are given their length by a custom decoder.
    const start = offset + consumed;
    values[tail[i]] = bytes.slice(start, ctx.end);
    consumed = ctx.end - offset;
  }
  const layer = def.create(values);
  ctx.headerLength = consumed;
  ctx.next = guessNext(layer);
  return layer;
}

class Context implements DissectContext {
  next: LayerDefinition | undefined = undefined;
  headerLength = 0;
  readonly layers: Layer[] = [];
  readonly problems: Problem[] = [];
  /**
   * Whether the current decoder bounded its payload with a length field (it assigned `end`). An empty
   * payload is then what the header says; otherwise the capture stopped where a layer was expected.
   */
  bounded = false;
  private limit: number;
  constructor(
    readonly bytes: Uint8Array,
    end: number,
  ) {
    this.limit = end;
  }
  get end(): number {
    return this.limit;
  }
  set end(value: number) {
    this.limit = value;
    this.bounded = true;
  }
}

const MAX_LAYERS = 64;

/**
 * Dissects bytes into a Packet. Never throws: undecodable bytes become Raw, bytes past a length field
 * become Padding, and everything found wrong is recorded in packet.problems. The packet rebuilds to the
 * same bytes, because every decoded field, even a wrong length or checksum, is kept as an explicit value.
 */
export function dissect(bytes: Uint8Array, options?: DissectOptions): Packet {
  const ctx = new Context(bytes, bytes.length);
  // Most frames have no padding: the list is made when the first one is found.
  let paddings: number[] | undefined;
  let def: LayerDefinition | undefined = options?.first?.def ?? firstLayers.get(options?.linktype ?? 1);
  let offset = 0;
  if (def && ctx.end === 0) {
    ctx.problems.push({
      kind: 'truncated',
      layer: def.name,
      offset: 0,
      message: `empty frame: ${def.name} needs at least ${def.fixedSize} bytes`,
      expected: def.fixedSize,
      actual: 0,
    });
  }
  while (def && offset < ctx.end && ctx.layers.length < MAX_LAYERS) {
    const endBefore = ctx.end;
    ctx.next = undefined;
    ctx.headerLength = 0;
    ctx.bounded = false;
    const problemsBefore = ctx.problems.length;
    let layer: Layer | undefined;
    try {
      layer = def.decode ? def.decode(bytes, offset, ctx) : decodeFields(def, bytes, offset, ctx);
    } catch (error) {
      // A decoder bug must not turn into an exception for the caller: keep the bytes as Raw.
      ctx.problems.push({
        kind: 'bad-value',
        layer: def.name,
        offset,
        message: `${def.name} decoder failed: ${error instanceof Error ? error.message : String(error)}`,
      });
      ctx.end = endBefore;
      layer = undefined;
    }
    if (!layer) {
      // A decoder that refused the bytes and said why needs no generic 'truncated' on top.
      if (ctx.problems.length === problemsBefore) {
        ctx.problems.push({
          kind: 'truncated',
          layer: def.name,
          offset,
          message: `${def.name} needs at least ${def.fixedSize} bytes at offset ${offset}, ${endBefore - offset} remain`,
          expected: def.fixedSize,
          actual: endBefore - offset,
        });
      }
      ctx.end = endBefore;
      break;
    }
    const bounded = ctx.bounded;
    if (ctx.end > endBefore) ctx.end = endBefore;
    if (ctx.end < endBefore) {
      paddings ??= [];
      paddings.push(ctx.end, endBefore);
    }
    ctx.layers.push(layer);
    offset += ctx.headerLength;
    // Read through the interface: the decoder set `next`, which flow analysis cannot see.
    def = (ctx as DissectContext).next;
    if (ctx.headerLength === 0 && def === layer.def) break;
    if (def && offset >= ctx.end && !bounded) {
      // The header names a next layer but the capture ends here: a frame cut at a layer boundary.
      ctx.problems.push({
        kind: 'truncated',
        layer: def.name,
        offset,
        message: `${layer.def.name} announces ${def.name} at offset ${offset}, but the frame ends there`,
        expected: def.fixedSize,
        actual: 0,
      });
    }
  }
  if (offset < ctx.end && rawDef) {
    ctx.layers.push(rawDef.create([bytes.slice(offset, ctx.end)]));
  }
  if (paddingDef && paddings) {
    for (let i = paddings.length - 2; i >= 0; i -= 2) {
      ctx.layers.push(paddingDef.create([bytes.slice(paddings[i], paddings[i + 1])]));
    }
  }
  return new Packet(ctx.layers, ctx.problems);
}
