/**
 * Reading the parts of a reply that a pattern match cannot express: chaddr as a MAC, and the option area
 * exactly as it is on the wire (the relay agent option must come back byte for byte, the list must end
 * with 'end', and the whole message must fit the size the client announced).
 */
import { BOOTP, Ether, IP, type Packet } from '@wirecraft/packet';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const ETHER_HEADER = 14;
const UDP_HEADER = 8;
const BOOTP_FIXED = 236;
const COOKIE_LENGTH = 4;

export function chaddrMac(reply: Packet): string {
  const chaddr = reply.layer(BOOTP).chaddr;
  return Array.from(chaddr.subarray(0, 6), (b) => HEX[b]).join(':');
}

export interface WireOption {
  readonly code: number;
  readonly data: Uint8Array;
}

export interface WireOptionArea {
  /** The four bytes after BOOTP's fixed fields. */
  readonly cookie: Uint8Array;
  /** Options in wire order, pads left out. */
  readonly options: readonly WireOption[];
  /** True when the list reached an 'end' (255) before the message ended. */
  readonly ended: boolean;
  /** An option whose length runs past the end of the message, if one does. */
  readonly overrun?: number;
}

/** The DHCP message's bytes (the UDP payload as the IP total length bounds it). */
export function dhcpMessageBytes(reply: Packet): Uint8Array {
  const bytes = reply.build();
  const ipStart = reply.indexOf(IP) === 1 && reply.indexOf(Ether) === 0 ? ETHER_HEADER : -1;
  if (ipStart < 0) throw new Error(`not an Ether / IP frame: ${reply.summary()}`);
  const headerLength = (bytes[ipStart] & 0x0f) * 4;
  const totalLength = (bytes[ipStart + 2] << 8) | bytes[ipStart + 3];
  return bytes.subarray(ipStart + headerLength + UDP_HEADER, Math.min(bytes.length, ipStart + totalLength));
}

export function wireOptionArea(reply: Packet): WireOptionArea {
  const message = dhcpMessageBytes(reply);
  const cookie = message.slice(BOOTP_FIXED, BOOTP_FIXED + COOKIE_LENGTH);
  const options: WireOption[] = [];
  let at = BOOTP_FIXED + COOKIE_LENGTH;
  while (at < message.length) {
    const code = message[at];
    if (code === 255) return { cookie, options, ended: true };
    if (code === 0) {
      at += 1;
      continue;
    }
    if (at + 1 >= message.length) return { cookie, options, ended: false, overrun: code };
    const length = message[at + 1];
    if (at + 2 + length > message.length) return { cookie, options, ended: false, overrun: code };
    options.push({ code, data: message.slice(at + 2, at + 2 + length) });
    at += 2 + length;
  }
  return { cookie, options, ended: false };
}

export function toHexString(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += HEX[byte];
  return text;
}
