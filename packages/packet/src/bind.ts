import type {
  AnyLayerType,
  Binding,
  Layer,
  LayerDefinition,
  LayerInit,
  LayerType,
  TypedLayer,
} from './layer.js';
import type { AnyField } from './field/spec.js';

/**
 * Declares once, for both directions, that `upper` follows `lower` (scapy's bind_layers): building fills
 * the lower layer's unset fields from `fields`, dissecting picks `upper` when the lower layer's decoded
 * values equal them. For bindings that depend on the upper layer's content (UDP ports by BOOTP op) or
 * that match loosely, pass functions.
 */
export function bindLayers<LF extends readonly AnyField[], UF extends readonly AnyField[]>(
  lower: LayerType<string, LF>,
  upper: LayerType<string, UF>,
  fields:
    | LayerInit<LF>
    | {
        build: (upper: TypedLayer<UF>) => LayerInit<LF>;
        match: (lower: TypedLayer<LF>) => boolean;
      },
): void {
  let binding: Binding;
  if ('match' in fields && typeof fields.match === 'function') {
    const f = fields as {
      build: (u: TypedLayer<UF>) => LayerInit<LF>;
      match: (l: TypedLayer<LF>) => boolean;
    };
    const build = (u: Layer) => f.build(u as TypedLayer<UF>) as Record<string, unknown>;
    // Bindings return a few constant objects (ports by BOOTP op): each is turned into slots once.
    const slotsByResult = new Map<Readonly<Record<string, unknown>>, BoundSlots>();
    binding = {
      upper: upper.def,
      build,
      fill(values, u) {
        const result = build(u);
        let slots = slotsByResult.get(result);
        if (!slots) {
          slots = boundSlots(lower, result);
          if (slotsByResult.size < MAX_CACHED_RESULTS) slotsByResult.set(result, slots);
        }
        fillSlots(values, slots);
      },
      match: (l) => f.match(l as TypedLayer<LF>),
      slot: -1,
      slotValue: undefined,
    };
  } else {
    const slots = boundSlots(lower, fields as Record<string, unknown>);
    const values = Object.fromEntries(
      slots.indices.map((index, k) => [lower.def.fields[index].name, slots.values[k]]),
    );
    binding = {
      upper: upper.def,
      build: () => values,
      fill: (v) => fillSlots(v, slots),
      match: (l: Layer) => {
        for (let k = 0; k < slots.indices.length; k++)
          if (l.values[slots.indices[k]] !== slots.values[k]) return false;
        return true;
      },
      slot: slots.indices.length === 1 ? slots.indices[0] : -1,
      slotValue: slots.values[0],
    };
  }
  lower.def.bindings.push(binding);
  version++;
}

/** Bound values by field index, normalized as the fields store them. */
interface BoundSlots {
  indices: number[];
  values: unknown[];
}

const MAX_CACHED_RESULTS = 16;

function boundSlots(lower: AnyLayerType, fields: Readonly<Record<string, unknown>>): BoundSlots {
  const slots: BoundSlots = { indices: [], values: [] };
  for (const [name, value] of Object.entries(fields)) {
    const index = lower.def.fieldIndex.get(name);
    if (index === undefined) throw new Error(`bindLayers: ${lower.layerName} has no field ${name}`);
    slots.indices.push(index);
    slots.values.push(lower.def.fields[index].normalize(value as never, lower.layerName));
  }
  return slots;
}

function fillSlots(values: unknown[], slots: BoundSlots): void {
  const { indices } = slots;
  for (let k = 0; k < indices.length; k++)
    if (values[indices[k]] === undefined) values[indices[k]] = slots.values[k];
}

/** The binding used when building `lower` followed by `upper`, if any. */
export function bindingBetween(lower: Layer, upper: Layer): Binding | undefined {
  return bindingOf(lower.def, upper.def);
}

/** The binding between two layer types, if any. */
export function bindingOf(lower: LayerDefinition, upper: LayerDefinition): Binding | undefined {
  const list = lower.bindings;
  for (let i = 0; i < list.length; i++) if (list[i].upper === upper) return list[i];
  return undefined;
}

let version = 0;

/** Changes whenever a binding is declared: what was derived from the bindings must be derived again. */
export function bindingsVersion(): number {
  return version;
}

/** The layer type that follows `lower` according to the bindings, for dissection. */
export function guessNext(lower: Layer): Binding['upper'] | undefined {
  const list = lower.def.bindings;
  const values = lower.values;
  for (let i = 0; i < list.length; i++) {
    const binding = list[i];
    if (binding.slot >= 0 ? values[binding.slot] === binding.slotValue : binding.match(lower))
      return binding.upper;
  }
  return undefined;
}

export type { AnyLayerType };
