import { bindingBetween } from './bind.js';
import { dissect } from './dissect.js';
import type { Layer } from './layer.js';
import type { Packet } from './packet.js';

export interface ShowOptions {
  /**
   * Build and re-dissect first, so auto fields show their computed values (scapy's show2). By default,
   * unset auto fields print as None, as scapy's show() does.
   */
  computed?: boolean;
}

const NAME_WIDTH = 10;

function fieldLines(layer: Layer, next: Layer | undefined, indent: string): string[] {
  const { fields } = layer.def;
  // Values a binding gives this layer for the layer above (scapy's overloaded fields: IP().proto after UDP).
  const bound =
    next && layer.values.includes(undefined) ? bindingBetween(layer, next)?.build(next) : undefined;
  return fields.map((field, i) => {
    let value = layer.values[i];
    if (value === undefined && bound) value = bound[field.name];
    const text = value === undefined ? 'None' : field.repr(value as never);
    return `${indent}${field.name.padEnd(NAME_WIDTH)}= ${text}`;
  });
}

/**
 * scapy's show(): a `###[ Title ]###` heading per layer and its fields under it, each layer's fields
 * indented further than its lower layer's. Returns the text.
 */
export function show(p: Packet, options: ShowOptions = {}): string {
  const shown = options.computed && p.layers.length > 0 ? dissect(p.build(), { first: p.layers[0] }) : p;
  const lines: string[] = [];
  shown.layers.forEach((layer, depth) => {
    const indent = `  ${'   '.repeat(depth)}`;
    lines.push(`###[ ${layer.def.spec.title ?? layer.def.name} ]###`);
    lines.push(...fieldLines(layer, shown.layers[depth + 1], indent));
    const extra = layer.def.spec.showExtra?.(layer, indent);
    if (extra) lines.push(...extra);
  });
  return lines.join('\n');
}

/**
 * scapy's summary(): one line, each layer's summary hook (or its name) joined by ' / ', e.g.
 * "Ether / IP / UDP 0.0.0.0:bootpc > 255.255.255.255:bootps / BOOTP / DHCP Discover".
 */
export function summary(p: Packet): string {
  const parts: string[] = [];
  for (let i = 0; i < p.layers.length; i++) {
    const layer = p.layers[i];
    parts.push(layer.def.spec.summary ? layer.def.spec.summary(layer, p, i) : layer.def.name);
  }
  return parts.join(' / ');
}
