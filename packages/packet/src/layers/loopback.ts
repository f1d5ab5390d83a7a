/**
 * BSD loopback encapsulation (LINKTYPE_NULL 0, LINKTYPE_LOOP 108): a 4-byte address family. NULL writes
 * it in the capturing host's byte order, so a capture from a big-endian host reads 2 as 0x02000000; both
 * orders are recognised, and the value is kept as read so the frame rebuilds identically.
 */
import { AUTO } from '../field/spec.js';
import { u32le } from '../field/int.js';
import { registerLinktype } from '../dissect.js';
import { defineLayer } from '../layer.js';

export const LOOPBACK_FAMILIES = {
  2: 'IPv4',
  7: 'OSI',
  16: 'Appletalk',
  23: 'Netware IPX/SPX',
  24: 'IPv6',
  28: 'IPv6 (FreeBSD)',
  30: 'IPv6 (Darwin)',
} as const;

/** The family whatever the byte order it was written in. */
export function loopbackFamily(value: number): number {
  return value > 0xffff ? ((value >>> 24) | ((value >>> 8) & 0xff00)) >>> 0 : value;
}

export const Loopback = defineLayer({
  name: 'Loopback',
  rfc: 'tcpdump.org LINKTYPE_NULL',
  fields: [u32le('type', AUTO, { enum: LOOPBACK_FAMILIES })],
  fill(values) {
    if (values[0] === undefined) values[0] = 2;
  },
  summary(l) {
    const family = loopbackFamily(l.values[0] as number);
    return `Loopback ${LOOPBACK_FAMILIES[family as keyof typeof LOOPBACK_FAMILIES] ?? family}`;
  },
});

registerLinktype(0, Loopback.def);
registerLinktype(108, Loopback.def);
