/** IEEE 802.1Q VLAN tag and IEEE 802.1ad service tag (QinQ). */
import { guessNext } from '../bind.js';
import { AUTO } from '../field/spec.js';
import { bits, u16 } from '../field/int.js';
import {
  type DissectContext,
  defineLayer,
  type Layer,
  type LayerDefinition,
  readFixedFields,
} from '../layer.js';
import { LLC } from './ether.js';
import { ETHER_TYPES } from './ether-types.js';

const TAG_BYTES = 4;
/** Type values up to 1500 are an 802.3 length (as in the Ethernet header): an LLC header follows. */
const MAX_LENGTH = 1500;

/**
 * A tag's type up to 1500 is the length of an LLC frame (scapy's Dot1Q: LLC payload, the rest padding;
 * tshark: vlan.len then LLC); above it, the bound layer of that ethertype.
 */
function decodeTag(def: () => LayerDefinition) {
  return (bytes: Uint8Array, offset: number, ctx: DissectContext): Layer | undefined => {
    if (ctx.end - offset < TAG_BYTES) return undefined;
    const values = readFixedFields(def(), bytes, offset);
    const layer = def().create(values);
    ctx.headerLength = TAG_BYTES;
    const type = values[3] as number;
    if (type > MAX_LENGTH) {
      ctx.next = guessNext(layer);
      return layer;
    }
    const available = ctx.end - offset - TAG_BYTES;
    if (type > available) {
      ctx.problems.push({
        kind: 'truncated',
        layer: def().name,
        field: 'type',
        offset: offset + 2,
        message: `${def().name} length ${type} exceeds the ${available} bytes that follow`,
        expected: available,
        actual: type,
      });
    } else {
      ctx.end = offset + TAG_BYTES + type;
    }
    ctx.next = LLC.def;
    return layer;
  };
}

const tagFields = [
  bits('prio', 3, 0),
  bits('dei', 1, 0),
  bits('vlan', 12, 1),
  u16('type', AUTO, { enum: ETHER_TYPES, hex: true }),
] as const;

export const Dot1Q = defineLayer({
  name: 'Dot1Q',
  title: '802.1Q',
  rfc: 'IEEE 802.1Q',
  fields: tagFields,
  fill(values) {
    if (values[3] === undefined) values[3] = 0x9000;
  },
  decode: decodeTag((): LayerDefinition => Dot1Q.def),
  summary: (l) => `Dot1Q vlan ${l.values[2]}`,
  answers: (req, rep) => (req.values[2] === rep.values[2] ? 'continue' : 'no'),
});

export const Dot1AD = defineLayer({
  name: 'Dot1AD',
  title: '802_1AD',
  rfc: 'IEEE 802.1ad',
  fields: tagFields,
  fill(values) {
    if (values[3] === undefined) values[3] = 0x9000;
  },
  decode: decodeTag((): LayerDefinition => Dot1AD.def),
  summary: (l) => `Dot1AD vlan ${l.values[2]}`,
  answers: (req, rep) => (req.values[2] === rep.values[2] ? 'continue' : 'no'),
});
