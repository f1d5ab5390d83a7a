/**
 * Ethernet II (IEEE 802.3 clause 3.2, RFC 894), and IEEE 802.3 length frames with 802.2 LLC: a type
 * field of 1500 or less is a length, and such frames dissect as Dot3 / LLC (as scapy's Ether/Dot3 dispatch).
 */
import { AUTO } from '../field/spec.js';
import { u8, u16 } from '../field/int.js';
import { mac } from '../field/mac.js';
import { bindLayers, guessNext } from '../bind.js';
import { decodeFields, registerLinktype } from '../dissect.js';
import { defineLayer, readFixedFields, type Layer } from '../layer.js';
import { ETHER_TYPES } from './ether-types.js';

export const Ether = defineLayer({
  name: 'Ether',
  title: 'Ethernet',
  rfc: 'IEEE 802.3 / RFC 894',
  fields: [
    mac('dst', 'ff:ff:ff:ff:ff:ff'),
    mac('src', '00:00:00:00:00:00'),
    u16('type', AUTO, { enum: ETHER_TYPES, hex: true }),
  ],
  fill(values) {
    // scapy's default for an Ether followed by nothing it knows.
    if (values[2] === undefined) values[2] = 0x9000;
  },
  decode(bytes, offset, ctx): Layer | undefined {
    if (ctx.end - offset < 14) return undefined;
    const type = (bytes[offset + 12] << 8) | bytes[offset + 13];
    if (type <= 1500) return decodeDot3(bytes, offset, ctx);
    return decodeFields(Ether.def, bytes, offset, ctx);
  },
  summary: (l, p, i) => (i === p.layers.length - 1 ? `Ether ${l.values[1]} > ${l.values[0]}` : 'Ether'),
  answers: (req, rep) => (req.values[2] === rep.values[2] ? 'continue' : 'no'),
});

/** IEEE 802.3 frame with a length instead of a type. */
export const Dot3 = defineLayer({
  name: 'Dot3',
  title: '802.3',
  rfc: 'IEEE 802.3',
  fields: [mac('dst', 'ff:ff:ff:ff:ff:ff'), mac('src', '00:00:00:00:00:00'), u16('len', AUTO)],
  fill(values, _layer, ctx) {
    if (values[2] === undefined) values[2] = ctx.payloadLength;
  },
});

function decodeDot3(bytes: Uint8Array, offset: number, ctx: Parameters<typeof decodeFields>[3]) {
  const values = readFixedFields(Dot3.def, bytes, offset);
  const len = values[2] as number;
  const available = ctx.end - offset - 14;
  if (len > available) {
    ctx.problems.push({
      kind: 'truncated',
      layer: 'Dot3',
      field: 'len',
      offset: offset + 12,
      message: `Dot3 length ${len} exceeds the ${available} bytes that follow`,
      expected: available,
      actual: len,
    });
  } else {
    ctx.end = offset + 14 + len;
  }
  const layer = Dot3.def.create(values);
  ctx.headerLength = 14;
  ctx.next = guessNext(layer) ?? LLC.def;
  return layer;
}

/** IEEE 802.2 Logical Link Control header. */
export const LLC = defineLayer({
  name: 'LLC',
  rfc: 'IEEE 802.2',
  fields: [u8('dsap', 0, { hex: true }), u8('ssap', 0, { hex: true }), u8('ctrl', 0, { hex: true })],
});

bindLayers(Dot3, LLC, {});
registerLinktype(1, Ether.def);
