/**
 * IPv4 (RFC 791). ihl, len and chksum are computed when unset; options are kept as bytes and padded to a
 * multiple of 4 on build. Only the first fragment's payload is dissected (as scapy does).
 */
import { internetChecksum, onesComplementSum } from '../checksum.js';
import { AUTO } from '../field/spec.js';
import { tailBytes } from '../field/bytes.js';
import { flags } from '../field/flags.js';
import { bits, u8, u16 } from '../field/int.js';
import { ipv4 } from '../field/ipv4.js';
import { toHex } from '../hex.js';
import { bindingBetween, guessNext } from '../bind.js';
import { registerLinktype } from '../dissect.js';
import { defineLayer, readFixedFields, type Layer } from '../layer.js';
import { listIpOptions } from './ip-options.js';

export const IP_PROTOCOLS = {
  1: 'icmp',
  2: 'igmp',
  4: 'ipv4',
  6: 'tcp',
  17: 'udp',
  41: 'ipv6',
  47: 'gre',
  50: 'esp',
  132: 'sctp',
} as const;

const BROADCAST = '255.255.255.255';
const NO_OPTIONS = new Uint8Array(0);

/** Bytes of an IPv4 header carrying `options`, padded to a multiple of 4. */
function headerLengthWith(options: Uint8Array): number {
  return 20 + ((options.length + 3) & ~3);
}

export const IP = defineLayer({
  name: 'IP',
  rfc: 'RFC 791',
  fields: [
    bits('version', 4, 4),
    bits('ihl', 4, AUTO),
    u8('tos', 0, { hex: true }),
    u16('len', AUTO),
    u16('id', 1),
    flags('flags', 3, 0, ['MF', 'DF', 'evil']),
    bits('frag', 13, 0),
    u8('ttl', 64),
    u8('proto', AUTO, { enum: IP_PROTOCOLS }),
    u16('chksum', AUTO, { hex: true }),
    ipv4('src', '0.0.0.0'),
    ipv4('dst', '127.0.0.1'),
    tailBytes('options'),
  ],
  headerLength(layer) {
    return headerLengthWith(layer.values[12] as Uint8Array);
  },
  fill(values, _layer, ctx) {
    const header = headerLengthWith(values[12] as Uint8Array);
    if (values[1] === undefined) values[1] = header >> 2;
    if (values[3] === undefined) values[3] = header + ctx.payloadLength;
    if (values[9] === undefined) values[9] = 0; // computed in finish(), over the written header
    if (values[8] === undefined) values[8] = 0;
  },
  writeExtra(values, _layer, out, offset) {
    const options = values[12] as Uint8Array;
    out.set(options, offset);
    for (let i = offset + options.length; i < offset + ((options.length + 3) & ~3); i++) out[i] = 0;
  },
  finish(layer, out, offset) {
    if (layer.values[9] !== undefined) return;
    const header = headerLengthWith(layer.values[12] as Uint8Array);
    const sum = internetChecksum(out, offset, offset + header);
    out[offset + 10] = sum >>> 8;
    out[offset + 11] = sum;
  },
  decode(bytes, offset, ctx): Layer | undefined {
    const available = ctx.end - offset;
    if (available < 20) return undefined;
    const values = readFixedFields(IP.def, bytes, offset);
    const version = values[0] as number;
    if (version !== 4) {
      // Decoding goes on as scapy's does (the fields are still IPv4's); tshark stops at "Bogus IPv4 version".
      ctx.problems.push({
        kind: 'bad-value',
        layer: 'IP',
        field: 'version',
        offset,
        message: `IP version ${version} is not 4`,
        actual: version,
        expected: 4,
      });
    }
    const ihl = values[1] as number;
    let header = ihl * 4;
    if (ihl < 5) {
      ctx.problems.push({
        kind: 'bad-value',
        layer: 'IP',
        field: 'ihl',
        offset,
        message: `IP ihl ${ihl} is below the minimum of 5`,
        actual: ihl,
        expected: 5,
      });
      header = 20;
    } else if (header > available) {
      // Partial options could not rebuild identically (options are padded to 4): keep the bytes as Raw.
      ctx.problems.push({
        kind: 'truncated',
        layer: 'IP',
        field: 'options',
        offset,
        message: `IP header of ${header} bytes (ihl ${ihl}) but only ${available} bytes remain`,
        expected: header,
        actual: available,
      });
      return undefined;
    }
    // Most headers have no options: share one empty array rather than allocate one per packet.
    values[12] = header === 20 ? NO_OPTIONS : bytes.slice(offset + 20, offset + header);
    if (header > 20) {
      const listed = listIpOptions(values[12] as Uint8Array);
      if (listed.error) {
        ctx.problems.push({
          kind: 'malformed-option',
          layer: 'IP',
          field: 'options',
          offset: offset + 20 + listed.error.offset,
          message: `IP options: ${listed.error.message}`,
        });
      }
    }
    const len = values[3] as number;
    if (len < header) {
      ctx.problems.push({
        kind: 'length-mismatch',
        layer: 'IP',
        field: 'len',
        offset: offset + 2,
        message: `IP total length ${len} is shorter than its ${header}-byte header`,
        actual: len,
        expected: header,
      });
    } else if (len > available) {
      ctx.problems.push({
        kind: 'truncated',
        layer: 'IP',
        field: 'len',
        offset: offset + 2,
        message: `IP total length ${len} exceeds the ${available} bytes captured`,
        actual: len,
        expected: available,
      });
    } else {
      ctx.end = offset + len;
    }
    if (ihl >= 5 && header === ihl * 4) {
      const check = internetChecksum(bytes, offset, offset + header);
      if (check !== 0) {
        const stored = values[9] as number;
        const correct = internetChecksum(
          bytes,
          offset + 12,
          offset + header,
          onesComplementSum(bytes, offset, offset + 10),
        );
        ctx.problems.push({
          kind: 'bad-checksum',
          layer: 'IP',
          field: 'chksum',
          offset: offset + 10,
          message: `IP header checksum 0x${stored.toString(16).padStart(4, '0')} is wrong; correct: 0x${correct.toString(16).padStart(4, '0')}`,
          actual: stored,
          expected: correct,
        });
      }
    }
    const layer: Layer = IP.def.create(values);
    ctx.headerLength = header;
    ctx.next = (values[6] as number) === 0 ? guessNext(layer) : undefined;
    return layer;
  },
  summary(l, p, i) {
    const next = p.layers[i + 1];
    if (next?.def.spec.summary && next.def.name !== 'Raw' && next.def.name !== 'Padding') return 'IP';
    // An unset protocol prints as it would be built: from the layer above, else 0.
    const bound = next && l.values[8] === undefined ? bindingBetween(l, next)?.build(next).proto : undefined;
    const proto = (l.values[8] ?? bound ?? 0) as number;
    return `IP ${l.values[10]} > ${l.values[11]} ${IP_PROTOCOLS[proto as keyof typeof IP_PROTOCOLS] ?? proto}`;
  },
  showExtra(l, indent) {
    const options = l.values[12] as Uint8Array;
    if (options.length === 0) return [];
    const listed = listIpOptions(options);
    const lines = listed.options.map(
      (o) =>
        `${indent}  option ${o.name} (type ${o.type}, length ${o.length}${o.data.length ? `, data ${toHex(o.data)}` : ''})`,
    );
    if (listed.error) lines.push(`${indent}  malformed: ${listed.error.message}`);
    return lines;
  },
  answers(req, rep) {
    // A reply comes from where the request went; anyone may answer a broadcast. Not scapy's rule
    // (reply.dst == request.src), which never matches a DHCP offer sent to 255.255.255.255 (scapy#1062).
    const dst = req.values[11];
    if (dst !== BROADCAST && rep.values[10] !== dst) return 'no';
    return req.values[8] === rep.values[8] ? 'yes' : 'no';
  },
});

registerLinktype(101, IP.def);
registerLinktype(228, IP.def);
