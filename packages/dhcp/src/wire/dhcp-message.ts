/**
 * The DHCP message as the engines see it: BOOTP's fixed fields plus an ordered option list. Options stay
 * raw bytes keyed by code, so an engine can forward an option it does not understand unchanged; typed
 * accessors decode the few it acts on.
 */
import { formatIpv4, parseIpv4 } from '@wirecraft/packet';
import {
  BOOTP_FIXED_LENGTH,
  BOOTP_MIN_LENGTH,
  DHCP_MAGIC_COOKIE,
  OPTION,
  ZERO_IP,
} from './dhcp-constants.js';

export interface DhcpOption {
  readonly code: number;
  readonly data: Uint8Array;
}

export interface DhcpMessage {
  /** 1 BOOTREQUEST, 2 BOOTREPLY. */
  op: number;
  htype: number;
  hlen: number;
  hops: number;
  xid: number;
  secs: number;
  flags: number;
  ciaddr: string;
  yiaddr: string;
  siaddr: string;
  giaddr: string;
  /** The first hlen bytes of chaddr as "aa:bb:..." (a MAC for Ethernet). */
  chaddr: string;
  sname: string;
  file: string;
  options: DhcpOption[];
}

export class DhcpMessageError extends Error {
  override name = 'DhcpMessageError';
  constructor(
    readonly field: string,
    readonly value: unknown,
    reason: string,
  ) {
    super(`DHCP message ${field} ${JSON.stringify(value)}: ${reason}`);
  }
}

export function emptyMessage(op: 1 | 2): DhcpMessage {
  return {
    op,
    htype: 1,
    hlen: 6,
    hops: 0,
    xid: 0,
    secs: 0,
    flags: 0,
    ciaddr: ZERO_IP,
    yiaddr: ZERO_IP,
    siaddr: ZERO_IP,
    giaddr: ZERO_IP,
    chaddr: '00:00:00:00:00:00',
    sname: '',
    file: '',
    options: [],
  };
}

export function getOption(message: DhcpMessage, code: number): Uint8Array | undefined {
  for (const option of message.options) if (option.code === code) return option.data;
  return undefined;
}

/** Replaces (or appends) an option, keeping the position of an existing one. */
export function setOption(message: DhcpMessage, code: number, data: Uint8Array): void {
  const index = message.options.findIndex((o) => o.code === code);
  if (index >= 0) message.options[index] = { code, data };
  else message.options.push({ code, data });
}

export function messageType(message: DhcpMessage): number | undefined {
  const data = getOption(message, OPTION.MESSAGE_TYPE);
  return data && data.length >= 1 ? data[0] : undefined;
}

export function optionIpv4(message: DhcpMessage, code: number): string | undefined {
  const data = getOption(message, code);
  if (!data || data.length < 4) return undefined;
  return formatIpv4(((data[0] << 24) | (data[1] << 16) | (data[2] << 8) | data[3]) >>> 0);
}

export function optionIpv4List(message: DhcpMessage, code: number): string[] {
  const data = getOption(message, code);
  const out: string[] = [];
  if (!data) return out;
  for (let i = 0; i + 4 <= data.length; i += 4) {
    out.push(formatIpv4(((data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3]) >>> 0));
  }
  return out;
}

export function optionU32(message: DhcpMessage, code: number): number | undefined {
  const data = getOption(message, code);
  if (!data || data.length < 4) return undefined;
  return ((data[0] << 24) | (data[1] << 16) | (data[2] << 8) | data[3]) >>> 0;
}

export function optionText(message: DhcpMessage, code: number): string | undefined {
  const data = getOption(message, code);
  return data ? new TextDecoder().decode(data) : undefined;
}

export function ipv4Bytes(address: string): Uint8Array {
  const n = parseIpv4(address);
  if (n < 0) throw new DhcpMessageError('address', address, 'not a dotted IPv4 address such as 198.18.0.10');
  return Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

export function u32Bytes(value: number): Uint8Array {
  return Uint8Array.of(value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
}

const textEncoder = new TextEncoder();
export function textBytes(text: string): Uint8Array {
  return textEncoder.encode(text);
}

/** Bytes the message needs on the wire (padded to the RFC 1542 minimum). */
export function encodedLength(message: DhcpMessage): number {
  let length = BOOTP_FIXED_LENGTH + 4 + 1;
  for (const option of message.options) length += 2 + option.data.length;
  return Math.max(BOOTP_MIN_LENGTH, length);
}

function writeAddress(out: Uint8Array, offset: number, text: string, field: string): void {
  const n = parseIpv4(text);
  if (n < 0) throw new DhcpMessageError(field, text, 'not a dotted IPv4 address such as 198.18.0.10');
  out[offset] = n >>> 24;
  out[offset + 1] = n >>> 16;
  out[offset + 2] = n >>> 8;
  out[offset + 3] = n;
}

function writeHex(out: Uint8Array, offset: number, text: string, max: number, field: string): void {
  let index = 0;
  for (let i = 0; i < text.length; ) {
    const hi = hexValue(text.charCodeAt(i));
    const lo = hexValue(text.charCodeAt(i + 1));
    if (hi < 0 || lo < 0 || index >= max) {
      throw new DhcpMessageError(field, text, `expected up to ${max} hex bytes separated by ':'`);
    }
    out[offset + index++] = (hi << 4) | lo;
    i += 2;
    if (i < text.length && text.charCodeAt(i) === 58) i++;
  }
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

function writeText(out: Uint8Array, offset: number, text: string, size: number, field: string): void {
  const { written, read } = textEncoder.encodeInto(text, out.subarray(offset, offset + size));
  if (read < text.length) throw new DhcpMessageError(field, text, `longer than ${size} bytes`);
  out.fill(0, offset + written, offset + size);
}

/**
 * Writes the BOOTP payload (fixed fields, magic cookie, options, END, zero padding) at out[offset]
 * and returns the bytes written. The caller sizes `out` with encodedLength().
 */
export function encodeDhcpMessage(message: DhcpMessage, out: Uint8Array, offset = 0): number {
  const total = encodedLength(message);
  if (out.length - offset < total) {
    throw new DhcpMessageError('length', total, `needs ${total} bytes, buffer has ${out.length - offset}`);
  }
  out.fill(0, offset, offset + total);
  out[offset] = message.op;
  out[offset + 1] = message.htype;
  out[offset + 2] = message.hlen;
  out[offset + 3] = message.hops;
  const view = new DataView(out.buffer, out.byteOffset + offset, total);
  view.setUint32(4, message.xid >>> 0);
  view.setUint16(8, message.secs & 0xffff);
  view.setUint16(10, message.flags & 0xffff);
  writeAddress(out, offset + 12, message.ciaddr, 'ciaddr');
  writeAddress(out, offset + 16, message.yiaddr, 'yiaddr');
  writeAddress(out, offset + 20, message.siaddr, 'siaddr');
  writeAddress(out, offset + 24, message.giaddr, 'giaddr');
  writeHex(out, offset + 28, message.chaddr, 16, 'chaddr');
  writeText(out, offset + 44, message.sname, 64, 'sname');
  writeText(out, offset + 108, message.file, 128, 'file');
  view.setUint32(BOOTP_FIXED_LENGTH, DHCP_MAGIC_COOKIE);
  let at = offset + BOOTP_FIXED_LENGTH + 4;
  for (const option of message.options) {
    if (option.data.length > 255) {
      throw new DhcpMessageError(
        `option ${option.code}`,
        option.data.length,
        'longer than 255 bytes; split it (RFC 3396) or shorten it',
      );
    }
    out[at++] = option.code;
    out[at++] = option.data.length;
    out.set(option.data, at);
    at += option.data.length;
  }
  out[at] = OPTION.END;
  return total;
}

function readAddress(bytes: Uint8Array, offset: number): string {
  return formatIpv4(
    ((bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3]) >>> 0,
  );
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function readText(bytes: Uint8Array, offset: number, size: number): string {
  let end = offset;
  while (end < offset + size && bytes[end] !== 0) end++;
  return end === offset ? '' : new TextDecoder().decode(bytes.subarray(offset, end));
}

/**
 * Reads a BOOTP/DHCP payload; undefined when it is too short or lacks the magic cookie. Options are
 * copied (the frame's bytes may be shared by other link consumers). Truncated options end the list.
 */
export function decodeDhcpMessage(
  bytes: Uint8Array,
  offset = 0,
  end = bytes.length,
): DhcpMessage | undefined {
  if (end - offset < BOOTP_FIXED_LENGTH + 4) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, end - offset);
  if (view.getUint32(BOOTP_FIXED_LENGTH) !== DHCP_MAGIC_COOKIE) return undefined;
  const hlen = Math.min(16, bytes[offset + 2]);
  let chaddr = '';
  for (let i = 0; i < hlen; i++) chaddr += (i ? ':' : '') + HEX[bytes[offset + 28 + i]];
  const options: DhcpOption[] = [];
  let at = offset + BOOTP_FIXED_LENGTH + 4;
  while (at < end) {
    const code = bytes[at++];
    if (code === OPTION.PAD) continue;
    if (code === OPTION.END || at >= end) break;
    const length = bytes[at++];
    if (at + length > end) break;
    options.push({ code, data: bytes.slice(at, at + length) });
    at += length;
  }
  return {
    op: bytes[offset],
    htype: bytes[offset + 1],
    hlen: bytes[offset + 2],
    hops: bytes[offset + 3],
    xid: view.getUint32(4),
    secs: view.getUint16(8),
    flags: view.getUint16(10),
    ciaddr: readAddress(bytes, offset + 12),
    yiaddr: readAddress(bytes, offset + 16),
    siaddr: readAddress(bytes, offset + 20),
    giaddr: readAddress(bytes, offset + 24),
    chaddr,
    sname: readText(bytes, offset + 44, 64),
    file: readText(bytes, offset + 108, 128),
    options,
  };
}
