/**
 * A hand-written dissector of Ether/IPv4/UDP/BOOTP/DHCP frames, as a speed reference: the ceiling a layered
 * model is compared with in the same run. It does the same work as `dissect()` on a well-formed frame (every
 * field decoded, addresses as text through the same cached formatters, chaddr/sname/file copied out of the
 * frame, both checksums verified, every option value decoded) but knows the stack in advance, builds no
 * layer objects, validates nothing beyond the checksums and reports no problems. It is not a dissector for
 * users: a frame it does not expect gives undefined.
 */
import { isDeepStrictEqual } from 'node:util';
import { copyBytes } from '../packages/packet/src/byte-pool.js';
import { readIpv4 } from '../packages/packet/src/field/ipv4.js';
import { DHCP, dissect, internetChecksum, messageTypeName, readMac } from '../packages/packet/src/index.js';

export interface HandDissected {
  ether: unknown[];
  ip: unknown[];
  udp: unknown[];
  bootp: unknown[];
  optionCodes: number[];
  optionValues: unknown[];
}

const u16 = (b: Uint8Array, o: number) => (b[o] << 8) | b[o + 1];
const u32 = (b: Uint8Array, o: number) =>
  ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;

function text(b: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(b[i]);
  return s;
}

function addresses(b: Uint8Array, start: number, end: number): string[] {
  const list: string[] = [];
  for (let i = start; i + 4 <= end; i += 4) list.push(readIpv4(b, i));
  return list;
}

function optionValue(code: number, b: Uint8Array, start: number, end: number): unknown {
  switch (code) {
    case 53:
      return messageTypeName(b[start]);
    case 1:
    case 28:
    case 50:
    case 54:
      return readIpv4(b, start);
    case 3:
    case 6:
      return addresses(b, start, end);
    case 51:
    case 58:
    case 59:
      return u32(b, start);
    case 57:
      return u16(b, start);
    case 12:
    case 15:
      return text(b, start, end);
    case 55: {
      const codes: number[] = [];
      for (let i = start; i < end; i++) codes.push(b[i]);
      return codes;
    }
    case 61:
      return end - start === 7 && b[start] === 1
        ? { type: 1, id: readMac(b, start + 1) }
        : { type: b[start], id: copyBytes(b, start + 1, end) };
    default:
      return copyBytes(b, start, end);
  }
}

export function handDissect(b: Uint8Array): HandDissected | undefined {
  if (b.length < 14 + 20 + 8 + 240 || u16(b, 12) !== 0x0800 || b[14] >> 4 !== 4 || b[23] !== 17)
    return undefined;
  const ether = [readMac(b, 0), readMac(b, 6), 0x0800];
  const ihl = b[14] & 15;
  const u = 14 + ihl * 4;
  const ip = [
    4,
    ihl,
    b[15],
    u16(b, 16),
    u16(b, 18),
    b[20] >> 5,
    u16(b, 20) & 0x1fff,
    b[22],
    17,
    u16(b, 24),
    readIpv4(b, 26),
    readIpv4(b, 30),
    copyBytes(b, 34, u),
  ];
  const udpLength = u16(b, u + 4);
  const end = u + udpLength;
  if (end > b.length || internetChecksum(b, 14, u) !== 0) return undefined;
  const pseudo = u16(b, 26) + u16(b, 28) + u16(b, 30) + u16(b, 32) + 17 + udpLength;
  if (u16(b, u + 6) !== 0 && internetChecksum(b, u, end, pseudo) !== 0) return undefined;
  const udp = [u16(b, u), u16(b, u + 2), udpLength, u16(b, u + 6)];
  const o = u + 8;
  const bootp = [
    b[o],
    b[o + 1],
    b[o + 2],
    b[o + 3],
    u32(b, o + 4),
    u16(b, o + 8),
    u16(b, o + 10),
    readIpv4(b, o + 12),
    readIpv4(b, o + 16),
    readIpv4(b, o + 20),
    readIpv4(b, o + 24),
    copyBytes(b, o + 28, o + 44),
    copyBytes(b, o + 44, o + 108),
    copyBytes(b, o + 108, o + 236),
  ];
  if (u32(b, o + 236) !== 0x63825363) return undefined;
  const optionCodes: number[] = [];
  const optionValues: unknown[] = [];
  let i = o + 240;
  while (i < end) {
    const code = b[i];
    if (code === 0) {
      i++;
      continue;
    }
    if (code === 255) {
      optionCodes.push(255);
      optionValues.push(null);
      break;
    }
    if (i + 2 > end || i + 2 + b[i + 1] > end) return undefined;
    const start = i + 2;
    i = start + b[i + 1];
    optionCodes.push(code);
    optionValues.push(optionValue(code, b, start, i));
  }
  return { ether, ip, udp, bootp, optionCodes, optionValues };
}

function countDefined(values: readonly unknown[]): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] !== undefined) n++;
  return n;
}

/** A count over every decoded value, so that none of the work can be optimised away. */
export function touchHandDissected(d: HandDissected): number {
  let n = countDefined(d.ether) + countDefined(d.ip) + countDefined(d.udp) + countDefined(d.bootp);
  n += d.optionCodes.length;
  for (let i = 0; i < d.optionValues.length; i++) if (d.optionValues[i] !== null) n++;
  return n;
}

/**
 * Whether the reference did the model's work on this frame: the same value for every field and option as
 * dissect() gives. The benches check it before timing, so the comparison is between equal outputs.
 */
export function handDissectAgrees(frame: Uint8Array): boolean {
  const d = handDissect(frame);
  const p = dissect(frame);
  if (d === undefined || p.layers.length !== 5 || p.problems.length > 0) return false;
  const [ether, ip, udp, bootp] = p.layers.map((layer) => layer.values);
  const options = p.layer(DHCP).options;
  return (
    isDeepStrictEqual(ether, d.ether) &&
    isDeepStrictEqual(ip, d.ip) &&
    isDeepStrictEqual(udp, d.udp) &&
    isDeepStrictEqual(bootp.slice(0, d.bootp.length), d.bootp) &&
    isDeepStrictEqual(options.codes, d.optionCodes) &&
    isDeepStrictEqual(options.values, d.optionValues)
  );
}
