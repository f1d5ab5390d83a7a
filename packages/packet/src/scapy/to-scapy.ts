import { bytesEqual } from '../hex.js';
import type { Layer } from '../layer.js';
import type { Packet } from '../packet.js';
import { pythonRepr } from './python-repr.js';

/** Prints one field value as the Python expression scapy accepts for it (DHCP options need their own form). */
export type FieldReprAdapter = (value: unknown) => string;

const adapters = new Map<string, FieldReprAdapter>();

export function registerFieldReprAdapter(layer: string, field: string, adapter: FieldReprAdapter): void {
  adapters.set(`${layer}.${field}`, adapter);
}

/**
 * Fields scapy fills from the host when unset (routes, interface MACs, neighbour resolution) where ours
 * have fixed defaults: always printed, so the expression builds the same bytes in scapy as here.
 */
const HOST_DEPENDENT = new Set([
  'Ether.dst',
  'Ether.src',
  'Dot3.dst',
  'Dot3.src',
  'IP.src',
  'ARP.hwsrc',
  'ARP.psrc',
]);

function isDefault(value: unknown, def: unknown): boolean {
  if (value instanceof Uint8Array && def instanceof Uint8Array) return bytesEqual(value, def);
  return value === def;
}

/** `Name(field=value, ...)` with only the fields that hold an explicit, non-default value. */
export function layerToScapy(layer: Layer): string {
  const def = layer.def;
  const parts: string[] = [];
  for (let i = 0; i < def.fields.length; i++) {
    const field = def.fields[i];
    const value = layer.values[i];
    if (value === undefined) continue;
    const key = `${def.name}.${field.name}`;
    if (!field.auto && isDefault(value, def.defaults[i]) && !HOST_DEPENDENT.has(key)) continue;
    const adapter = adapters.get(key);
    parts.push(`${field.name}=${adapter ? adapter(value) : pythonRepr(value)}`);
  }
  return `${def.name}(${parts.join(', ')})`;
}

/**
 * A scapy expression that rebuilds the packet (scapy's p.command()): only explicitly set fields, so auto
 * lengths and checksums of a composed packet stay auto, and a dissected packet keeps its exact values.
 */
export function toScapy(packet: Packet): string {
  return packet.layers.map(layerToScapy).join('/');
}
