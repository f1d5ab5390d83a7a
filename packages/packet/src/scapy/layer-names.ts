import type { LayerDefinition } from '../layer.js';
import { layerTypeByName, layerTypes } from '../layer-registry.js';
// Layer modules register themselves when imported; these are the ones scapy one-liners name.
import '../layers/arp.js';
import '../layers/bindings.js';
import '../layers/dhcp.js';
import '../layers/loopback.js';
import '../layers/sll.js';
import './dhcp-options.js';

/** The layer definition for a scapy class name (exact name first, as Python is case-sensitive), or undefined. */
export function scapyLayerType(name: string): LayerDefinition | undefined {
  return (layerTypes.get(name) ?? layerTypeByName(name))?.def;
}

export function scapyLayerNames(): string[] {
  return [...layerTypes.keys()];
}
