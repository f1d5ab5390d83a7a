/**
 * UDP (RFC 768). len and chksum are computed when unset; the checksum covers the IPv4 pseudo-header and a
 * computed 0 is sent as 0xffff (0 means "no checksum"). Without an IP layer below, the checksum is 0.
 */
import { onesComplementSum } from '../checksum.js';
import { AUTO } from '../field/spec.js';
import { u16 } from '../field/int.js';
import { bindingBetween, guessNext } from '../bind.js';
import type { Layer } from '../layer.js';
import { defineLayer, readFixedFields } from '../layer.js';

export const UDP_PORTS = {
  53: 'domain',
  67: 'bootps',
  68: 'bootpc',
  69: 'tftp',
  123: 'ntp',
  514: 'syslog',
} as const;

/** scapy's UDP default for both ports (domain). */
const DEFAULT_PORT = 53;

/** Sum of the 16-bit words of the source and destination addresses of the IPv4 header at `at`. */
function addressWords(bytes: Uint8Array, at: number): number {
  const a = at + 12;
  return (
    ((bytes[a] << 8) | bytes[a + 1]) +
    ((bytes[a + 2] << 8) | bytes[a + 3]) +
    ((bytes[a + 4] << 8) | bytes[a + 5]) +
    ((bytes[a + 6] << 8) | bytes[a + 7])
  );
}

/**
 * Where the IP layer below a UDP header at `offset` starts: dissection puts layers back to back, and IP
 * took its ihl (20 bytes when ihl is below 5).
 */
function ipStart(ip: Layer, offset: number): number {
  const ihl = ip.values[1] as number;
  return offset - (ihl < 5 ? 20 : ihl * 4);
}

/**
 * The length the pseudo-header carries. scapy derives it from the IP total length when that is set
 * explicitly (IP(len=0) gives 0), so malformed packets built here match scapy's bytes.
 */
function pseudoLength(ip: Layer | undefined, length: number): number {
  const total = ip?.values[3] as number | undefined;
  if (ip?.def.name !== 'IP' || total === undefined) return length;
  const ihl =
    (ip.values[1] as number | undefined) ?? (20 + (((ip.values[12] as Uint8Array).length + 3) & ~3)) / 4;
  return Math.max(total - 4 * ihl, 0);
}

function checksumOf(bytes: Uint8Array, offset: number, length: number, pseudo: number): number {
  const sum = onesComplementSum(bytes, offset, offset + length, pseudo);
  const c = ~sum & 0xffff;
  return c === 0 ? 0xffff : c;
}

export const UDP = defineLayer({
  name: 'UDP',
  rfc: 'RFC 768',
  fields: [
    u16('sport', AUTO, { enum: UDP_PORTS }),
    u16('dport', AUTO, { enum: UDP_PORTS }),
    u16('len', AUTO),
    u16('chksum', AUTO, { hex: true }),
  ],
  fill(values, _layer, ctx) {
    if (values[0] === undefined) values[0] = DEFAULT_PORT;
    if (values[1] === undefined) values[1] = DEFAULT_PORT;
    if (values[2] === undefined) values[2] = 8 + ctx.payloadLength;
    if (values[3] === undefined) values[3] = 0;
  },
  finish(layer, out, offset, ctx) {
    if (layer.values[3] !== undefined) return;
    const ip = ctx.prev;
    if (ip?.def.name !== 'IP') return;
    const length = 8 + ctx.payloadLength;
    // The addresses as the IP layer below has just written them: no text to parse.
    const pseudo = addressWords(out, ctx.offsets[ctx.index - 1]) + 17 + pseudoLength(ip, length);
    // The checksum covers the datagram's real bytes, even if len was set to a wrong value.
    const sum = checksumOf(out, offset, length, pseudo);
    out[offset + 6] = sum >>> 8;
    out[offset + 7] = sum;
  },
  decode(bytes, offset, ctx): Layer | undefined {
    const available = ctx.end - offset;
    if (available < 8) return undefined;
    const values = readFixedFields(UDP.def, bytes, offset);
    const len = values[2] as number;
    let datagram = available;
    if (len < 8) {
      ctx.problems.push({
        kind: 'length-mismatch',
        layer: 'UDP',
        field: 'len',
        offset: offset + 4,
        message: `UDP length ${len} is below the 8-byte header`,
        actual: len,
        expected: 8,
      });
    } else if (len > available) {
      ctx.problems.push({
        kind: 'truncated',
        layer: 'UDP',
        field: 'len',
        offset: offset + 4,
        message: `UDP length ${len} exceeds the ${available} bytes that follow`,
        actual: len,
        expected: available,
      });
    } else {
      ctx.end = offset + len;
      datagram = len;
    }
    const stored = values[3] as number;
    const below = ctx.layers[ctx.layers.length - 1];
    if (stored !== 0 && datagram === len) {
      const pseudo = below?.def.name === 'IP' ? addressWords(bytes, ipStart(below, offset)) + 17 + len : -1;
      if (pseudo >= 0 && onesComplementSum(bytes, offset, offset + len, pseudo) !== 0xffff) {
        // The checksum as finish() would write it: the datagram summed with the chksum field left out.
        const correct = checksumOf(
          bytes,
          offset + 8,
          len - 8,
          onesComplementSum(bytes, offset, offset + 6, pseudo),
        );
        ctx.problems.push({
          kind: 'bad-checksum',
          layer: 'UDP',
          field: 'chksum',
          offset: offset + 6,
          message: `UDP checksum 0x${stored.toString(16).padStart(4, '0')} is wrong; correct: 0x${correct.toString(16).padStart(4, '0')}`,
          actual: stored,
          expected: correct,
        });
      }
    }
    const layer: Layer = UDP.def.create(values);
    ctx.headerLength = 8;
    ctx.next = guessNext(layer);
    return layer;
  },
  summary(l, p, i) {
    const ip = i > 0 ? p.layers[i - 1] : undefined;
    const [src, dst] = ip?.def.name === 'IP' ? [ip.values[10], ip.values[11]] : ['?', '?'];
    // Unset ports print as they would be built: from the layer above (BOOTP: 68 > 67), else the default.
    const next = i + 1 < p.layers.length ? p.layers[i + 1] : undefined;
    const bound = next ? bindingBetween(l, next)?.build(next) : undefined;
    const sport = l.values[0] ?? bound?.sport ?? DEFAULT_PORT;
    const dport = l.values[1] ?? bound?.dport ?? DEFAULT_PORT;
    return `UDP ${src}:${sport} > ${dst}:${dport}`;
  },
  answers(req, rep) {
    return req.values[0] === rep.values[1] && req.values[1] === rep.values[0] ? 'continue' : 'no';
  },
  hashKey(l) {
    const a = l.values[0] as number;
    const b = l.values[1] as number;
    return a < b ? `udp:${a}:${b}` : `udp:${b}:${a}`;
  },
});
