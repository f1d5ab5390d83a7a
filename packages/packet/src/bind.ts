import type { AnyLayerType, Binding, Layer, LayerInit, LayerType, TypedLayer } from './layer.js';
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
    binding = {
      upper: upper.def,
      build: (u) => f.build(u as TypedLayer<UF>) as Record<string, unknown>,
      match: (l) => f.match(l as TypedLayer<LF>),
    };
  } else {
    const entries = Object.entries(fields as Record<string, unknown>).map(([name, value]) => {
      const index = lower.def.fieldIndex.get(name);
      if (index === undefined) throw new Error(`bindLayers: ${lower.layerName} has no field ${name}`);
      return [index, lower.def.fields[index].normalize(value as never, lower.layerName)] as const;
    });
    const values = Object.fromEntries(entries.map(([i, v]) => [lower.def.fields[i].name, v]));
    binding = {
      upper: upper.def,
      build: () => values,
      match: (l: Layer) => entries.every(([i, v]) => l.values[i] === v),
    };
  }
  lower.def.bindings.push(binding);
}

/** The binding used when building `lower` followed by `upper`, if any. */
export function bindingBetween(lower: Layer, upper: Layer): Binding | undefined {
  const list = lower.def.bindings;
  for (let i = 0; i < list.length; i++) if (list[i].upper === upper.def) return list[i];
  return undefined;
}

/** The layer type that follows `lower` according to the bindings, for dissection. */
export function guessNext(lower: Layer): Binding['upper'] | undefined {
  const list = lower.def.bindings;
  for (let i = 0; i < list.length; i++) if (list[i].match(lower)) return list[i].upper;
  return undefined;
}

export type { AnyLayerType };
