import type { LayerDefinition } from '../layer.js';
import { Dot1AD, Dot1Q } from '../layers/dot1q.js';
import { Dot3, Ether, LLC } from '../layers/ether.js';
import { IP } from '../layers/ip.js';
import { Padding, Raw } from '../layers/raw.js';
import { UDP } from '../layers/udp.js';

// Layers by scapy's class name; ours are defined with scapy's names, so no aliases are needed.
const layers = new Map<string, LayerDefinition>();
for (const type of [Ether, Dot3, LLC, Dot1Q, Dot1AD, IP, UDP, Raw, Padding])
  layers.set(type.def.name, type.def);

/** The layer definition for a scapy class name, or undefined. */
export function scapyLayerType(name: string): LayerDefinition | undefined {
  return layers.get(name);
}

export function scapyLayerNames(): string[] {
  return [...layers.keys()];
}
