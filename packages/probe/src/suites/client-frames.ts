/**
 * The frames a DHCP client (or a relay agent) sends, composed from fresh identities per check so that no
 * check sees the state another one left in the server.
 */
import { BOOTP, DHCP, type DhcpOptionItem, Ether, IP, type Packet, packet, UDP } from '@wirecraft/packet';

export const BROADCAST_MAC = 'ff:ff:ff:ff:ff:ff';
export const BROADCAST_IP = '255.255.255.255';
export const UNSPECIFIED_IP = '0.0.0.0';
export const BROADCAST_FLAG = 0x8000;
export const SERVER_PORT = 67;
export const CLIENT_PORT = 68;

export interface ClientFrame {
  /** Client hardware address: chaddr, and the Ethernet source unless `srcMac` says otherwise. */
  mac: string;
  xid: number;
  /** DHCP options after the cookie; 'end' is appended by the DHCP layer. Empty means plain BOOTP. */
  options: readonly DhcpOptionItem[];
  /** Omit the DHCP layer (and so the magic cookie): a BOOTP request (RFC 951). */
  bootpOnly?: boolean;
  ciaddr?: string;
  giaddr?: string;
  hops?: number;
  flags?: number;
  srcMac?: string;
  dstMac?: string;
  srcIp?: string;
  dstIp?: string;
  sport?: number;
  dport?: number;
}

export function clientFrame(frame: ClientFrame): Packet {
  const bootp = BOOTP({
    op: 1,
    xid: frame.xid,
    chaddr: frame.mac,
    flags: frame.flags ?? 0,
    hops: frame.hops ?? 0,
    ciaddr: frame.ciaddr ?? UNSPECIFIED_IP,
    giaddr: frame.giaddr ?? UNSPECIFIED_IP,
    // RFC 951's vendor area is 64 bytes; an all-zero one carries no RFC 1497 data and no cookie.
    ...(frame.bootpOnly === true ? { options: new Uint8Array(64) } : {}),
  });
  const layers = [
    Ether({ src: frame.srcMac ?? frame.mac, dst: frame.dstMac ?? BROADCAST_MAC }),
    IP({ src: frame.srcIp ?? UNSPECIFIED_IP, dst: frame.dstIp ?? BROADCAST_IP }),
    UDP({ sport: frame.sport ?? CLIENT_PORT, dport: frame.dport ?? SERVER_PORT }),
    bootp,
  ];
  if (frame.bootpOnly === true) return packet(...layers);
  return packet(...layers, DHCP({ options: frame.options }));
}
