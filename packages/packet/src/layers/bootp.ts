/**
 * BOOTP (RFC 951, RFC 1542), scapy's field names. `options` is the vendor area: it holds the DHCP magic
 * cookie when DHCP follows (scapy's bind_layers(BOOTP, DHCP, options=b'c\x82Sc')) and is filled so when
 * left unset; without the cookie it holds the whole area (plain BOOTP, RFC 1497 vendor data).
 */
import { bindingBetween, bindLayers, guessNext } from '../bind.js';
import { copyBytes, copyIntoSlab, slabBuffer } from '../byte-pool.js';
import { type BytesInput, fixedBytes, hardwareAddress, tailBytes } from '../field/bytes.js';
import { flags } from '../field/flags.js';
import { u8, u16, u32 } from '../field/int.js';
import { ipv4, readIpv4 } from '../field/ipv4.js';
import type { FieldSpec } from '../field/spec.js';
import { toHex } from '../hex.js';
import { defineLayer, type Layer } from '../layer.js';
import { UDP } from './udp.js';

export const BOOTP_OPS = { 1: 'BOOTREQUEST', 2: 'BOOTREPLY' } as const;

/** ARP hardware types (IANA), scapy's HARDWARE_TYPES names. */
const HARDWARE_TYPES = {
  1: 'Ethernet (10Mb)',
  2: 'Ethernet (3Mb)',
  3: 'AX.25',
  4: 'Proteon ProNET Token Ring',
  5: 'Chaos',
  6: 'IEEE 802 Networks',
  7: 'ARCNET',
  8: 'Hyperchannel',
  9: 'Lanstar',
  10: 'Autonet Short Address',
  11: 'LocalTalk',
  12: 'LocalNet',
  13: 'Ultra link',
  14: 'SMDS',
  15: 'Frame relay',
  16: 'ATM',
  17: 'HDLC',
  18: 'Fibre Channel',
  19: 'ATM',
  20: 'Serial Line',
  21: 'ATM',
} as const;

/** RFC 2131 §3: the first four bytes of the vendor area when it carries DHCP options. */
export const DHCP_MAGIC_COOKIE: Uint8Array = Uint8Array.of(0x63, 0x82, 0x53, 0x63);

const BOOTP_FIXED = 236;
const UNSPECIFIED = '0.0.0.0';

/** Most BOOTP address fields are 0.0.0.0: share that string instead of building it. */
function address(b: Uint8Array, o: number): string {
  return (b[o] | b[o + 1] | b[o + 2] | b[o + 3]) === 0 ? UNSPECIFIED : readIpv4(b, o);
}
const OPTIONS = 14;

// The vendor area is computed (like scapy's None) so that a DHCP layer after it can supply the cookie.
const vendorArea: FieldSpec<'options', Uint8Array, BytesInput, true> = {
  ...tailBytes('options'),
  auto: true,
};
const EMPTY = new Uint8Array(0);

export const BOOTP = defineLayer({
  name: 'BOOTP',
  rfc: 'RFC 951 / RFC 1542',
  fields: [
    u8('op', 1, { enum: BOOTP_OPS }),
    u8('htype', 1, { enum: HARDWARE_TYPES }),
    u8('hlen', 6),
    u8('hops', 0),
    u32('xid', 0, { hex: true }),
    u16('secs', 0),
    flags('flags', 16, 0, ['', '', '', '', '', '', '', '', '', '', '', '', '', '', '', 'B'], 2),
    ipv4('ciaddr', '0.0.0.0'),
    ipv4('yiaddr', '0.0.0.0'),
    ipv4('siaddr', '0.0.0.0'),
    ipv4('giaddr', '0.0.0.0'),
    hardwareAddress('chaddr'),
    fixedBytes('sname', 64),
    fixedBytes('file', 128),
    vendorArea,
  ],
  headerLength(layer, next) {
    const options = layer.values[OPTIONS] as Uint8Array | undefined;
    if (options) return BOOTP_FIXED + options.length;
    const bound = next ? bindingBetween(layer, next)?.build(next).options : undefined;
    return BOOTP_FIXED + ((bound as Uint8Array | undefined)?.length ?? 0);
  },
  fill(values) {
    if (values[OPTIONS] === undefined) values[OPTIONS] = EMPTY;
  },
  decode(bytes, offset, ctx): Layer | undefined {
    if (ctx.end - offset < BOOTP_FIXED) return undefined;
    const b = bytes;
    const o = offset;
    const vendor = o + BOOTP_FIXED;
    const cookie =
      ctx.end - vendor >= 4 &&
      b[vendor] === 0x63 &&
      b[vendor + 1] === 0x82 &&
      b[vendor + 2] === 0x53 &&
      b[vendor + 3] === 0x63;
    // chaddr, sname, file (and a cookie after them) are contiguous: one copy into the pool, and each field
    // a view of it made straight from the pool's buffer (every typed array made here costs ~30 ns).
    const at = copyIntoSlab(b, o + 28, cookie ? vendor + 4 : vendor);
    const pool = slabBuffer;
    // Read by hand rather than through the field table: this runs for every DHCP frame dissected.
    const values: unknown[] = [
      b[o],
      b[o + 1],
      b[o + 2],
      b[o + 3],
      ((b[o + 4] << 24) | (b[o + 5] << 16) | (b[o + 6] << 8) | b[o + 7]) >>> 0,
      (b[o + 8] << 8) | b[o + 9],
      (b[o + 10] << 8) | b[o + 11],
      address(b, o + 12),
      address(b, o + 16),
      address(b, o + 20),
      address(b, o + 24),
      new Uint8Array(pool, at, 16),
      new Uint8Array(pool, at + 16, 64),
      new Uint8Array(pool, at + 80, 128),
      cookie ? new Uint8Array(pool, at + 208, 4) : copyBytes(b, vendor, ctx.end),
    ];
    const layer = BOOTP.def.create(values);
    ctx.headerLength = cookie ? BOOTP_FIXED + 4 : ctx.end - o;
    ctx.next = cookie ? guessNext(layer) : undefined;
    return layer;
  },
  answers(request, reply) {
    // DHCP-aware matching: whatever the IP addresses (a broadcast OFFER answers a DISCOVER from 0.0.0.0).
    const req = request.values;
    const rep = reply.values;
    if (req[0] !== 1 || rep[0] !== 2 || req[4] !== rep[4]) return 'no';
    const a = req[11] as Uint8Array;
    const b = rep[11] as Uint8Array;
    for (let i = 0; i < 16; i++) if (a[i] !== b[i]) return 'no';
    return 'yes';
  },
  answersDecisively: true,
  hashKey: (layer) => `bootp:${layer.values[4]}:${toHex(layer.values[11] as Uint8Array)}`,
});

const REQUEST_PORTS = { sport: 68, dport: 67 } as const;
const REPLY_PORTS = { sport: 67, dport: 68 } as const;
const RELAY_PORTS = { sport: 67, dport: 67 } as const;

/**
 * Clients send 68 -> 67 and servers answer 67 -> 68; traffic through a relay (giaddr set) is 67 <-> 67.
 * Any datagram from or to 67 or 68 is dissected as BOOTP.
 */
bindLayers(UDP, BOOTP, {
  build: (bootp) => {
    if (bootp.giaddr !== '0.0.0.0') return RELAY_PORTS;
    return bootp.op === 2 ? REPLY_PORTS : REQUEST_PORTS;
  },
  match: (udp) => udp.sport === 67 || udp.sport === 68 || udp.dport === 67 || udp.dport === 68,
});
