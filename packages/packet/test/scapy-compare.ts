/** Puts our dissected layers and scapy's in one JSON shape, so differential tests compare them directly. */
import { toHex } from '../src/hex.js';
import type { Layer } from '../src/layer.js';
import type { Packet } from '../src/packet.js';
import type { ScapyJson, ScapyLayerJson } from './scapy-oracle.js';

/** Our value in the oracle's encoding; `convert` handles fields whose model differs (DHCP options). */
export function ourValueJson(value: unknown): ScapyJson {
  if (value === undefined || value === null) return null;
  if (value instanceof Uint8Array) return { bytes: toHex(value) };
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (Array.isArray(value)) return value.map(ourValueJson);
  throw new TypeError(`no oracle encoding for ${JSON.stringify(value)}`);
}

export type FieldConverter = (layer: Layer, field: string, value: unknown) => ScapyJson | undefined;

export function ourLayersJson(packet: Packet, convert?: FieldConverter): ScapyLayerJson[] {
  return packet.layers.map((layer) => {
    const fields: Record<string, ScapyJson> = {};
    layer.def.fields.forEach((f, i) => {
      const value = layer.values[i];
      fields[f.name] = convert?.(layer, f.name, value) ?? ourValueJson(value);
    });
    return { name: layer.def.name, fields };
  });
}

/**
 * scapy shows IP without options as an empty option list; ours is empty bytes. scapy 2.5 names the 802.1Q
 * DEI bit `id` (later versions: `dei`, as ours).
 */
export function normalizeScapyLayers(layers: ScapyLayerJson[]): ScapyLayerJson[] {
  return layers.map((layer) => {
    if ((layer.name === 'Dot1Q' || layer.name === 'Dot1AD') && 'id' in layer.fields) {
      const { id, ...rest } = layer.fields;
      return { ...layer, fields: { ...rest, dei: id } };
    }
    if (layer.name !== 'IP') return layer;
    const options = layer.fields.options;
    return Array.isArray(options) && options.length === 0
      ? { ...layer, fields: { ...layer.fields, options: { bytes: '' } } }
      : layer;
  });
}

/** Our toScapy() prints current scapy's field names; scapy 2.5 still calls Dot1Q's DEI bit `id`. */
export function forScapy25(expression: string): string {
  return expression.replace(/(Dot1Q|Dot1AD)\(([^)]*)\bdei=/g, '$1($2id=');
}
