import { bindingBetween, bindingsVersion } from './bind.js';
import { type BuildPlan, compileBuildPlan, planOffsets } from './build-plan.js';
import type { BuildContext, Layer, LayerDefinition } from './layer.js';
import { writeFixedFields } from './layer.js';
import type { Packet } from './packet.js';

/** Bytes of one layer on the wire: fixed fields plus tail fields, unless the layer says otherwise. */
export function headerLength(layer: Layer, next?: Layer): number {
  const def = layer.def;
  if (def.spec.headerLength) return def.spec.headerLength(layer, next);
  let n = def.fixedSize;
  const tail = def.tailFields;
  for (let i = 0; i < tail.length; i++) n += (layer.values[tail[i]] as Uint8Array | undefined)?.length ?? 0;
  return n;
}

const MAX_LAYERS = 64;
// Builds are synchronous and not reentrant, so one set of work arrays serves every call.
const lengths = new Int32Array(MAX_LAYERS);
const offsets = planOffsets;
const payloadLengths = new Int32Array(MAX_LAYERS);

class Context implements BuildContext {
  packet!: Packet;
  index = 0;
  payloadLength = 0;
  offsets = offsets;
  next: Layer | undefined;
  prev: Layer | undefined;
}
const ctx = new Context();

/** Total bytes a packet builds to. */
export function buildLength(packet: Packet): number {
  let total = 0;
  const layers = packet.layers;
  const n = layers.length;
  for (let i = 0; i < n; i++) total += headerLength(layers[i], i + 1 < n ? layers[i + 1] : undefined);
  return total;
}

/** A stack of layer types seen by the builder, and its plan once it has been built twice. */
interface StackEntry {
  defs: LayerDefinition[];
  plan: BuildPlan | undefined;
}

// Programs build a few shapes over and over; fuzzing and the composer build many once. A shape gets a plan
// on its second build, and only so many shapes get one (the rest take the generic loop).
const MAX_PLANNED_STACKS = 32;
const MAX_PLANNED_LAYERS = 16;
let stacks: StackEntry[] = [];
let lastStack: StackEntry | undefined;
let stacksVersion = -1;

function sameTypes(entry: StackEntry, layers: readonly Layer[]): boolean {
  const defs = entry.defs;
  if (defs.length !== layers.length) return false;
  for (let i = 0; i < defs.length; i++) if (defs[i] !== layers[i].def) return false;
  return true;
}

/** The plan for this stack of layer types, or undefined when the generic loop should build it. */
function planFor(layers: readonly Layer[]): BuildPlan | undefined {
  if (stacksVersion !== bindingsVersion()) {
    // A binding declared since the plans were made may apply to them: start over.
    stacks = [];
    lastStack = undefined;
    stacksVersion = bindingsVersion();
  }
  if (lastStack !== undefined && sameTypes(lastStack, layers)) {
    lastStack.plan ??= compileBuildPlan(lastStack.defs);
    return lastStack.plan;
  }
  if (layers.length > MAX_PLANNED_LAYERS) return undefined;
  for (let i = 0; i < stacks.length; i++) {
    if (sameTypes(stacks[i], layers)) {
      lastStack = stacks[i];
      lastStack.plan ??= compileBuildPlan(lastStack.defs);
      return lastStack.plan;
    }
  }
  if (stacks.length < MAX_PLANNED_STACKS) {
    lastStack = { defs: layers.map((l) => l.def), plan: undefined };
    stacks.push(lastStack);
  }
  return undefined;
}

/**
 * Builds a packet to bytes: fields written in one pass outermost first (auto lengths and bindings filled),
 * then checksums in one pass innermost first. Writes into `out` at `offset` when given (no allocation),
 * else into a new array of the exact size. A stack of layer types built before runs as its plan (see
 * build-plan.ts): the same steps, unrolled.
 */
export function buildInto(packet: Packet, out?: Uint8Array, offset = 0): Uint8Array {
  const layers = packet.layers;
  const n = layers.length;
  if (n > MAX_LAYERS) throw new RangeError(`a packet of more than ${MAX_LAYERS} layers cannot be built`);
  const plan = planFor(layers);
  if (plan) return plan.run(layers, packet, out, offset, ctx);
  return buildGeneric(packet, out, offset);
}

/** The builder every plan unrolls: one loop over the layers, whatever their types. */
export function buildGeneric(packet: Packet, out?: Uint8Array, offset = 0): Uint8Array {
  const layers = packet.layers;
  const n = layers.length;
  if (n > MAX_LAYERS) throw new RangeError(`a packet of more than ${MAX_LAYERS} layers cannot be built`);
  // Trailing Padding is not part of any length field (it is what lies past them).
  let lastReal = n - 1;
  while (lastReal >= 0 && layers[lastReal].def.name === 'Padding') lastReal--;
  let total = 0;
  // Neighbours are read with explicit bounds: layers[-1] is a named-property lookup in V8, far off the fast path.
  for (let i = n - 1; i >= 0; i--) {
    const len = headerLength(layers[i], i + 1 < n ? layers[i + 1] : undefined);
    lengths[i] = len;
    payloadLengths[i] = i >= lastReal ? 0 : payloadLengths[i + 1] + lengths[i + 1];
    total += len;
  }
  const target = out ?? new Uint8Array(total);
  if (target.length - offset < total) {
    throw new RangeError(
      `output buffer too small: need ${total} bytes at offset ${offset}, have ${target.length - offset}`,
    );
  }
  let o = offset;
  for (let i = 0; i < n; i++) {
    offsets[i] = o;
    o += lengths[i];
  }
  ctx.packet = packet;
  for (let i = 0; i < n; i++) {
    const layer = layers[i];
    const def = layer.def;
    ctx.index = i;
    ctx.payloadLength = payloadLengths[i];
    ctx.next = i + 1 < n ? layers[i + 1] : undefined;
    ctx.prev = i > 0 ? layers[i - 1] : undefined;
    const values = def.scratch;
    const own = layer.values;
    let unset = false;
    for (let f = 0; f < own.length; f++) {
      const v = own[f];
      values[f] = v;
      if (v === undefined) unset = true;
    }
    if (unset && ctx.next) {
      const binding = bindingBetween(layer, ctx.next);
      if (binding) binding.fill(values, ctx.next);
    }
    def.spec.fill?.(values, layer, ctx);
    if (unset) {
      const fields = def.fields;
      for (let f = 0; f < values.length; f++) if (values[f] === undefined) values[f] = fields[f].default;
    }
    writeFixedFields(def, values, target, offsets[i]);
    if (def.spec.writeExtra) def.spec.writeExtra(values, layer, target, offsets[i] + def.fixedSize, ctx);
    else {
      let t = offsets[i] + def.fixedSize;
      for (const f of def.tailFields) {
        const v = values[f] as Uint8Array;
        target.set(v, t);
        t += v.length;
      }
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    const finish = layers[i].def.spec.finish;
    if (!finish) continue;
    ctx.index = i;
    ctx.payloadLength = payloadLengths[i];
    ctx.next = i + 1 < n ? layers[i + 1] : undefined;
    ctx.prev = i > 0 ? layers[i - 1] : undefined;
    finish(layers[i], target, offsets[i], ctx);
  }
  return target;
}
