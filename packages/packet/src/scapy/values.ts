import type { Layer, LayerDefinition } from '../layer.js';
import { scapyDefault } from './field-defaults.js';

/** A Python tuple: kept apart from lists because DHCP option entries are tuples holding lists. */
export class ScapyTuple {
  constructor(readonly items: readonly ScapyValue[]) {}
}

/** Layers joined by `/`, outermost first. */
export class LayerStack {
  constructor(readonly layers: Layer[]) {}
}

/** A layer class named without a call (`IP`), as scapy's class objects. */
export class LayerClass {
  constructor(readonly def: LayerDefinition) {}

  /** A new layer with scapy's defaults, as calling the class with no arguments. */
  instantiate(): Layer {
    const values = this.def.defaults.slice();
    this.def.fields.forEach((field, i) => {
      const make = scapyDefault(this.def.name, field.name);
      if (make) values[i] = make();
    });
    return this.def.create(values);
  }
}

/** A helper function the expressions may call (mac2str, bytes, ...). */
export class ScapyFunction {
  constructor(
    readonly name: string,
    readonly call: (args: ScapyValue[], kwargs: ReadonlyMap<string, ScapyValue>) => ScapyValue,
  ) {}
}

export type ScapyValue =
  | number
  | string
  | boolean
  | null
  | Uint8Array
  | ScapyValue[]
  | ScapyTuple
  | LayerStack
  | LayerClass
  | ScapyFunction;

/** Python's name for a value's type, for error messages. */
export function pythonType(value: ScapyValue): string {
  if (value === null) return 'NoneType';
  if (typeof value === 'number') return 'int';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (value instanceof Uint8Array) return 'bytes';
  if (Array.isArray(value)) return 'list';
  if (value instanceof ScapyTuple) return 'tuple';
  if (value instanceof LayerStack) return 'Packet';
  if (value instanceof LayerClass) return 'type';
  return 'function';
}
