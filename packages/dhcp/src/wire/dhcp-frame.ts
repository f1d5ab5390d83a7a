/**
 * Frame composition and recognition for DHCP over Ethernet/IPv4/UDP. Composition goes through the packet
 * model (Ether / IP / UDP with computed lengths and checksums); recognition reads the headers in place,
 * because a receive loop sees every frame of the link and must reject the non-DHCP ones cheaply. The full
 * dissection (a Packet) is made lazily, only when an event consumer asks for it.
 */
import type { Frame } from '@wirecraft/capture';
import { dissect, Ether, IP, type Packet, packet, Raw, UDP } from '@wirecraft/packet';
import { CLIENT_PORT, SERVER_PORT } from './dhcp-constants.js';
import { type DhcpMessage, decodeDhcpMessage, encodeDhcpMessage, encodedLength } from './dhcp-message.js';

export interface DhcpFrameParams {
  message: DhcpMessage;
  srcMac: string;
  dstMac: string;
  srcIp: string;
  dstIp: string;
  /** Default: 68 for BOOTREQUEST, 67 for BOOTREPLY. */
  sport?: number;
  /** Default: 67 for BOOTREQUEST, 68 for BOOTREPLY. */
  dport?: number;
  ttl?: number;
}

/** The packet model of a DHCP frame (the BOOTP payload encoded as bytes). */
export function dhcpPacket(params: DhcpFrameParams): Packet {
  const request = params.message.op === 1;
  const payload = new Uint8Array(encodedLength(params.message));
  encodeDhcpMessage(params.message, payload, 0);
  return packet(
    Ether({ src: params.srcMac, dst: params.dstMac }),
    IP({ src: params.srcIp, dst: params.dstIp, ttl: params.ttl ?? 64 }),
    UDP({
      sport: params.sport ?? (request ? CLIENT_PORT : SERVER_PORT),
      dport: params.dport ?? (request ? SERVER_PORT : CLIENT_PORT),
    }),
    Raw({ load: payload }),
  );
}

export function composeDhcpFrame(params: DhcpFrameParams): Uint8Array {
  return dhcpPacket(params).build();
}

/** A DHCP message found in a received frame, with the addressing it arrived with. */
export class ReceivedDhcp {
  readonly frame: Frame;
  readonly message: DhcpMessage;
  readonly srcMac: string;
  readonly dstMac: string;
  readonly srcIp: string;
  readonly dstIp: string;
  readonly sport: number;
  readonly dport: number;
  #packet: Packet | undefined;

  constructor(
    frame: Frame,
    message: DhcpMessage,
    addressing: {
      srcMac: string;
      dstMac: string;
      srcIp: string;
      dstIp: string;
      sport: number;
      dport: number;
    },
  ) {
    this.frame = frame;
    this.message = message;
    this.srcMac = addressing.srcMac;
    this.dstMac = addressing.dstMac;
    this.srcIp = addressing.srcIp;
    this.dstIp = addressing.dstIp;
    this.sport = addressing.sport;
    this.dport = addressing.dport;
  }

  /** The full dissection of the frame (made on first use). */
  get packet(): Packet {
    this.#packet ??= dissect(this.frame.data);
    return this.#packet;
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function macAt(b: Uint8Array, o: number): string {
  return `${HEX[b[o]]}:${HEX[b[o + 1]]}:${HEX[b[o + 2]]}:${HEX[b[o + 3]]}:${HEX[b[o + 4]]}:${HEX[b[o + 5]]}`;
}

function ipAt(b: Uint8Array, o: number): string {
  return `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;
}

/**
 * Recognizes an Ethernet (optionally 802.1Q-tagged) IPv4 UDP frame to or from port 67/68 carrying a
 * DHCP message; undefined for anything else, including non-first IP fragments.
 */
export function parseDhcpFrame(frame: Frame): ReceivedDhcp | undefined {
  const b = frame.data;
  if (b.length < 14 + 20 + 8 + 240) return undefined;
  let at = 12;
  let type = (b[at] << 8) | b[at + 1];
  if (type === 0x8100 || type === 0x88a8) {
    at += 4;
    type = (b[at] << 8) | b[at + 1];
    if (type === 0x8100) {
      at += 4;
      type = (b[at] << 8) | b[at + 1];
    }
  }
  if (type !== 0x0800) return undefined;
  const ip = at + 2;
  if (b[ip] >> 4 !== 4 || b[ip + 9] !== 17) return undefined;
  // Fragment offset must be 0 and MF clear: a DHCP message never needs fragments here.
  if ((((b[ip + 6] << 8) | b[ip + 7]) & 0x3fff) !== 0) return undefined;
  const ihl = (b[ip] & 0x0f) * 4;
  const ipTotal = (b[ip + 2] << 8) | b[ip + 3];
  const udp = ip + ihl;
  if (udp + 8 > b.length) return undefined;
  const sport = (b[udp] << 8) | b[udp + 1];
  const dport = (b[udp + 2] << 8) | b[udp + 3];
  if (
    !(sport === SERVER_PORT || sport === CLIENT_PORT) ||
    !(dport === SERVER_PORT || dport === CLIENT_PORT)
  ) {
    return undefined;
  }
  const udpLength = (b[udp + 4] << 8) | b[udp + 5];
  const end = Math.min(b.length, ip + ipTotal, udp + Math.max(8, udpLength));
  const message = decodeDhcpMessage(b, udp + 8, end);
  if (!message) return undefined;
  return new ReceivedDhcp(frame, message, {
    srcMac: macAt(b, 6),
    dstMac: macAt(b, 0),
    srcIp: ipAt(b, ip + 12),
    dstIp: ipAt(b, ip + 16),
    sport,
    dport,
  });
}
