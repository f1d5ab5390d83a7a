import { bindingBetween } from './bind.js';
import type { BuildContext, Layer } from './layer.js';
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
const offsets = new Int32Array(MAX_LAYERS);
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

/**
 * Builds a packet to bytes: fields written in one pass outermost first (auto lengths and bindings filled),
 * then checksums in one pass innermost first. Writes into `out` at `offset` when given (no allocation),
 * else into a new array of the exact size.
 */
export function buildInto(packet: Packet, out?: Uint8Array, offset = 0): Uint8Array {
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
      if (binding) {
        const bound = binding.build(ctx.next);
        for (const name in bound) {
          const index = def.fieldIndex.get(name)!;
          if (values[index] === undefined) values[index] = bound[name];
        }
      }
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
