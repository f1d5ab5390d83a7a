import type { LayerDefinition } from '../layer.js';
import { layerTypeByName, layerTypes } from '../layer-registry.js';
// Layer modules register themselves when imported; these are the ones scapy one-liners name.
import '../layers/arp.js';
import '../layers/bindings.js';
import '../layers/dhcp.js';
import '../layers/loopback.js';
import '../layers/sll.js';
import './dhcp-options.js';

/** The layer definition for a scapy class name (exact: Python names are case-sensitive), or undefined. */
export function scapyLayerType(name: string): LayerDefinition | undefined {
  return layerTypes.get(name)?.def;
}

/** A layer whose name differs only in case, for "did you mean" hints. */
export function scapyLayerNameLike(name: string): string | undefined {
  return layerTypeByName(name)?.layerName;
}

export function scapyLayerNames(): string[] {
  return [...layerTypes.keys()];
}
