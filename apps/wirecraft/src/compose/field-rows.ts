import { dissect, type Packet } from '@wirecraft/packet';
import { fieldText } from './packet-edits.js';

/** One line of the composer's field list: a layer heading, or one field of it. */
export type FieldRow =
  | { kind: 'layer'; layer: number; name: string }
  | {
      kind: 'field';
      layer: number;
      field: string;
      /** The scapy text that sets it; '' for an automatic field left unset. */
      text: string;
      /** For an unset automatic field, what the build computes ('' when not known). */
      computed: string;
    };

/** The rows for `packet`, with automatic fields' computed values read back from its built bytes. */
export function fieldRows(packet: Packet, bytes: Uint8Array): FieldRow[] {
  const first = packet.layers[0];
  const built = first === undefined ? undefined : dissect(bytes, { first });
  const rows: FieldRow[] = [];
  packet.layers.forEach((layer, index) => {
    rows.push({ kind: 'layer', layer: index, name: layer.def.name });
    const computedLayer = built?.layers[index];
    for (const field of layer.def.fields) {
      const text = fieldText(layer, field.name);
      const computed =
        text === '' && computedLayer !== undefined && computedLayer.def === layer.def
          ? fieldText(computedLayer, field.name)
          : '';
      rows.push({ kind: 'field', layer: index, field: field.name, text, computed });
    }
  });
  return rows;
}
