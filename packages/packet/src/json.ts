import { FieldValueError } from './errors.js';
import type { JsonValue } from './field/spec.js';
import { fieldIndexOf, type Layer } from './layer.js';
import { requireLayerType } from './layer-registry.js';
import { Packet, type PacketJson } from './packet.js';
import type { Problem } from './problem.js';
import { summary } from './show.js';

/** Raised when fromJSON is given something that is not the shape toJSON produces. */
export class PacketJsonError extends Error {
  override name = 'PacketJsonError';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`packet JSON at ${path}: ${reason}`);
  }
}

/**
 * The packet as plain JSON: MACs "aa:bb:..", IPv4 dotted, integers as numbers, bytes as hex, unset auto
 * fields as null. Layers with a toJSON hook (DHCP options) give their own field map.
 */
export function toJSON(p: Packet): PacketJson {
  return {
    summary: summary(p),
    layers: p.layers.map((l) => l.toJSON()),
    problems: p.problems.map((problem) => ({ ...problem })),
  };
}

function isRecord(value: unknown): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function layerFromJSON(entry: unknown, path: string): Layer {
  if (!isRecord(entry) || typeof entry.name !== 'string' || !isRecord(entry.fields)) {
    throw new PacketJsonError(path, 'expected { name: string, fields: { ... } }');
  }
  const { def } = requireLayerType(entry.name);
  if (def.spec.fromJSON) return def.spec.fromJSON(entry.fields);
  if (def.spec.toJSON) {
    throw new PacketJsonError(
      path,
      `${def.name} writes its own JSON form but has no fromJSON hook to read it back`,
    );
  }
  const values = def.defaults.slice();
  for (const [name, json] of Object.entries(entry.fields)) {
    const index = fieldIndexOf(def, name);
    const field = def.fields[index];
    if (json === null) {
      if (!field.auto)
        throw new FieldValueError(def.name, name, json, 'null is only allowed for auto fields');
      values[index] = undefined;
      continue;
    }
    values[index] = field.fromJson
      ? field.fromJson(json, def.name)
      : field.normalize(json as never, def.name);
  }
  return def.create(values);
}

/** Rebuilds a Packet from toJSON's form (a JSON string or the parsed object); layers are found by name. */
export function fromJSON(json: PacketJson | string): Packet {
  const data: unknown = typeof json === 'string' ? JSON.parse(json) : json;
  if (!isRecord(data) || !Array.isArray(data.layers)) {
    throw new PacketJsonError('$', 'expected { layers: [...] } as produced by toJSON()');
  }
  const layers = data.layers.map((entry, i) => layerFromJSON(entry, `$.layers[${i}]`));
  const problems = Array.isArray(data.problems)
    ? (data.problems as unknown as Problem[]).map((p) => ({ ...p }))
    : [];
  return new Packet(layers, problems);
}
