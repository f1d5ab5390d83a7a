/** IEEE 802.1Q VLAN tag and IEEE 802.1ad service tag (QinQ). */
import { AUTO } from '../field/spec.js';
import { bits, u16 } from '../field/int.js';
import { defineLayer } from '../layer.js';
import { ETHER_TYPES } from './ether-types.js';

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
  summary: (l) => `Dot1AD vlan ${l.values[2]}`,
  answers: (req, rep) => (req.values[2] === rep.values[2] ? 'continue' : 'no'),
});
