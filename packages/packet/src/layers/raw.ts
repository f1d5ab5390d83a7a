import { tailBytes } from '../field/bytes.js';
import { registerFallbackLayers } from '../dissect.js';
import { defineLayer } from '../layer.js';

/** Bytes with no decoded structure: a payload nothing is bound to, or what a decoder could not read. */
export const Raw = defineLayer({
  name: 'Raw',
  rfc: '-',
  fields: [tailBytes('load')],
  summary: (layer) => `Raw (${(layer.values[0] as Uint8Array).length} bytes)`,
});

/** Bytes past the end a length field gives (Ethernet minimum-size padding, bytes past IP total length). */
export const Padding = defineLayer({
  name: 'Padding',
  rfc: '-',
  fields: [tailBytes('load')],
  summary: (layer) => `Padding (${(layer.values[0] as Uint8Array).length} bytes)`,
});

registerFallbackLayers(Raw.def, Padding.def);
