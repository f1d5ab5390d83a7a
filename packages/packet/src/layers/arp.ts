/**
 * ARP (RFC 826) for Ethernet hardware and IPv4 protocol addresses, with scapy's field names. Other
 * hardware/protocol sizes are kept as Raw with a problem that says why (nothing is lost on rebuild).
 */
import { AUTO } from '../field/spec.js';
import { u8, u16 } from '../field/int.js';
import { ipv4 } from '../field/ipv4.js';
import { mac } from '../field/mac.js';
import { defineLayer, readFixedFields, type Layer } from '../layer.js';
import { ETHER_TYPES } from './ether-types.js';

export const ARP_OPS = {
  1: 'who-has',
  2: 'is-at',
  3: 'RARP-req',
  4: 'RARP-rep',
  5: 'Dyn-RARP-req',
  6: 'Dyn-RAR-rep',
  7: 'Dyn-RARP-err',
  8: 'InARP-req',
  9: 'InARP-rep',
} as const;

export const HARDWARE_TYPES = {
  1: 'Ethernet (10Mb)',
  6: 'IEEE 802 Networks',
  32: 'InfiniBand',
} as const;

const WHO_HAS = 1;
const IS_AT = 2;
const ETHERNET_IPV4_SIZE = 28;

export const ARP = defineLayer({
  name: 'ARP',
  rfc: 'RFC 826',
  fields: [
    u16('hwtype', 1, { enum: HARDWARE_TYPES, hex: true }),
    u16('ptype', 0x0800, { enum: ETHER_TYPES, hex: true }),
    u8('hwlen', AUTO),
    u8('plen', AUTO),
    u16('op', WHO_HAS, { enum: ARP_OPS }),
    mac('hwsrc', '00:00:00:00:00:00'),
    ipv4('psrc', '0.0.0.0'),
    mac('hwdst', '00:00:00:00:00:00'),
    ipv4('pdst', '0.0.0.0'),
  ],
  fill(values) {
    if (values[2] === undefined) values[2] = 6;
    if (values[3] === undefined) values[3] = 4;
  },
  decode(bytes, offset, ctx): Layer | undefined {
    const available = ctx.end - offset;
    if (available >= 6) {
      const hwlen = bytes[offset + 4];
      const plen = bytes[offset + 5];
      if (hwlen !== 6 || plen !== 4) {
        ctx.problems.push({
          kind: 'bad-value',
          layer: 'ARP',
          field: hwlen !== 6 ? 'hwlen' : 'plen',
          offset: offset + (hwlen !== 6 ? 4 : 5),
          message: `ARP with hwlen ${hwlen} and plen ${plen} is kept as Raw: only Ethernet/IPv4 ARP (6/4) is decoded`,
          expected: hwlen !== 6 ? 6 : 4,
          actual: hwlen !== 6 ? hwlen : plen,
        });
        return undefined;
      }
    }
    if (available < ETHERNET_IPV4_SIZE) return undefined;
    const layer = ARP.def.create(readFixedFields(ARP.def, bytes, offset));
    // ARP has no length field and nothing follows it: the rest of the frame is trailer padding.
    ctx.end = offset + ETHERNET_IPV4_SIZE;
    ctx.headerLength = ETHERNET_IPV4_SIZE;
    ctx.next = undefined;
    return layer;
  },
  summary(l) {
    const op = l.values[4] as number;
    if (op === WHO_HAS) return `ARP who has ${l.values[8]} says ${l.values[6]}`;
    if (op === IS_AT) return `ARP is at ${l.values[5]} says ${l.values[6]}`;
    return `ARP ${ARP_OPS[op as keyof typeof ARP_OPS] ?? op} ${l.values[6]} > ${l.values[8]}`;
  },
  answers(req, rep) {
    return req.values[4] === WHO_HAS && rep.values[4] === IS_AT && rep.values[6] === req.values[8]
      ? 'yes'
      : 'no';
  },
  hashKey(l) {
    // The address being resolved: the request's target is the reply's sender.
    const op = l.values[4] as number;
    if (op === WHO_HAS) return `arp:${l.values[8]}`;
    if (op === IS_AT) return `arp:${l.values[6]}`;
    return `arp:${l.values[6]}>${l.values[8]}`;
  },
});
