import type { AnyLayerType } from './layer.js';

/**
 * Every layer type by its name, filled by defineLayer. fromJSON, the scapy expression parser and the
 * composer turn names into types here, so a layer defined anywhere (DHCP included) is known everywhere.
 */
const registry = new Map<string, AnyLayerType>();
const byLowerCase = new Map<string, AnyLayerType>();

export class DuplicateLayerError extends Error {
  override name = 'DuplicateLayerError';
  constructor(readonly layer: string) {
    super(
      `a layer named '${layer}' is already defined; layer names must be unique (they key JSON and expressions)`,
    );
  }
}

export class UnknownLayerError extends Error {
  override name = 'UnknownLayerError';
  constructor(
    readonly layer: string,
    readonly known: readonly string[],
  ) {
    super(`no layer named '${layer}'; known layers: ${known.join(', ')}`);
  }
}

/** Adds a layer type under its name; defineLayer calls this, so a layer module registers on import. */
export function registerLayerType(type: AnyLayerType): void {
  const existing = registry.get(type.layerName);
  if (existing && existing !== type) throw new DuplicateLayerError(type.layerName);
  registry.set(type.layerName, type);
  byLowerCase.set(type.layerName.toLowerCase(), type);
}

/** Read-only view of the registry: name -> layer type. */
export const layerTypes: ReadonlyMap<string, AnyLayerType> = registry;

/** The layer type with this name (exact, else case-insensitive), or undefined. */
export function layerTypeByName(name: string): AnyLayerType | undefined {
  return registry.get(name) ?? byLowerCase.get(name.toLowerCase());
}

/** Like layerTypeByName, but an unknown name is an UnknownLayerError listing the known ones. */
export function requireLayerType(name: string): AnyLayerType {
  const type = layerTypeByName(name);
  if (!type) throw new UnknownLayerError(name, [...registry.keys()]);
  return type;
}
