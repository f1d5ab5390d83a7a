/**
 * Frame composition and recognition for DHCP over Ethernet/IPv4/UDP, through the packet model (Ether / IP /
 * UDP / BOOTP / DHCP with the registry's option codecs). Recognition checks the Ethernet, IP and UDP headers
 * in place, because a receive loop sees every frame of the link and must reject the non-DHCP ones cheaply;
 * only a datagram to or from port 67/68 is dissected, from BOOTP on. The whole frame is dissected lazily,
 * when an event consumer asks for it.
 */
import type { Frame } from '@wirecraft/capture';
import {
  BOOTP,
  DHCP,
  dissect,
  Ether,
  encodedLength,
  IP,
  type Packet,
  packet,
  readMac,
  UDP,
} from '@wirecraft/packet';
import { BOOTP_MIN_LENGTH, CLIENT_PORT, SERVER_PORT } from './dhcp-constants.js';
import { type BootpLayer, DhcpMessage } from './dhcp-message.js';

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

const BOOTP_AND_COOKIE = 240;

/**
 * RFC 1542 §2.1 asks for at least 300 bytes of BOOTP: zeros after 'end' make up the difference (they are the
 * option list's trailing bytes, so a dissected copy shows the same layers).
 */
function padToMinimum(message: DhcpMessage): void {
  const list = message.options;
  if (list.isFrozen) return;
  const short = BOOTP_MIN_LENGTH - BOOTP_AND_COOKIE - (encodedLength(list) - list.trailing.length);
  if (short > 0 && list.trailing.length !== short) list.trailing = new Uint8Array(short);
}

/** The packet model of a DHCP frame. */
export function dhcpPacket(params: DhcpFrameParams): Packet {
  const request = params.message.op === 1;
  padToMinimum(params.message);
  return packet(
    Ether({ src: params.srcMac, dst: params.dstMac }),
    IP({ src: params.srcIp, dst: params.dstIp, ttl: params.ttl ?? 64 }),
    UDP({
      sport: params.sport ?? (request ? CLIENT_PORT : SERVER_PORT),
      dport: params.dport ?? (request ? SERVER_PORT : CLIENT_PORT),
    }),
    params.message.bootp,
    params.message.dhcp,
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

const macAt = readMac;

function ipAt(b: Uint8Array, o: number): string {
  return `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;
}

const FROM_BOOTP = { first: BOOTP } as const;

/**
 * The BOOTP + DHCP layers of a UDP payload; undefined when it is shorter than BOOTP with the magic cookie or
 * has no cookie. Malformed options stay in the list as raw bytes (the dissection's problems say why).
 */
export function decodeDhcpPayload(payload: Uint8Array): DhcpMessage | undefined {
  if (payload.length < BOOTP_AND_COOKIE) return undefined;
  const layers = dissect(payload, FROM_BOOTP).layers;
  const dhcp = layers[1];
  if (dhcp === undefined || dhcp.def !== DHCP.def) return undefined;
  return new DhcpMessage(layers[0] as BootpLayer, dhcp as ReturnType<typeof DHCP>);
}

/**
 * Recognizes an Ethernet (optionally 802.1Q-tagged) IPv4 UDP frame to or from port 67/68 carrying a
 * DHCP message; undefined for anything else, including non-first IP fragments.
 */
export function parseDhcpFrame(frame: Frame): ReceivedDhcp | undefined {
  const b = frame.data;
  if (b.length < 14 + 20 + 8 + BOOTP_AND_COOKIE) return undefined;
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
  if (end < udp + 8) return undefined;
  const message = decodeDhcpPayload(b.subarray(udp + 8, end));
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
