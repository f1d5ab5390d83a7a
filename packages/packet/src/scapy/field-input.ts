import { FieldValueError } from '../errors.js';
import { LayerClass, LayerStack, ScapyFunction, ScapyTuple, type ScapyValue, pythonType } from './values.js';

/** Converts a Python value given for one field into what that field's normalize() accepts. */
export type FieldInputAdapter = (value: ScapyValue, layer: string, field: string) => unknown;

const adapters = new Map<string, FieldInputAdapter>();

/** Registers a converter for a field whose scapy form differs from ours (DHCP options). */
export function registerFieldInputAdapter(layer: string, field: string, adapter: FieldInputAdapter): void {
  adapters.set(`${layer}.${field}`, adapter);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Python value -> field input. Packets/classes/functions are not field values anywhere in scapy's L2-L4. */
export function toFieldInput(value: ScapyValue, layer: string, field: string): unknown {
  const adapter = adapters.get(`${layer}.${field}`);
  if (adapter) return adapter(value, layer, field);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof ScapyTuple) return value.items.map((v) => toFieldInput(v, layer, field));
  if (Array.isArray(value)) {
    // A list of byte strings (e.g. IP options given as raw option bytes) is their concatenation.
    if (value.length > 0 && value.every((v) => v instanceof Uint8Array)) return concat(value as Uint8Array[]);
    return value.map((v) => toFieldInput(v, layer, field));
  }
  if (value instanceof LayerStack || value instanceof LayerClass || value instanceof ScapyFunction) {
    throw new FieldValueError(
      layer,
      field,
      pythonType(value),
      'a packet, class or function is not a field value',
    );
  }
  return value;
}
