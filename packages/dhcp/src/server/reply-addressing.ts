import {
  BROADCAST_FLAG,
  BROADCAST_IP,
  BROADCAST_MAC,
  CLIENT_PORT,
  SERVER_PORT,
  ZERO_IP,
} from '../wire/dhcp-constants.js';
import type { DhcpMessage } from '../wire/dhcp-message.js';

export interface ReplyAddressing {
  dstMac: string;
  dstIp: string;
  dport: number;
  /** Why this destination: shown in events, asserted by tests. */
  rule: 'relay' | 'ciaddr' | 'broadcast-flag' | 'nak-broadcast' | 'yiaddr';
}

/**
 * Where a reply goes, RFC 2131 §4.1: through the relay when giaddr is set (port 67; a NAK asks the relay to
 * broadcast it by setting the broadcast bit); else to ciaddr; else broadcast when the client asked for it
 * (or for a NAK); else unicast to yiaddr at chaddr, which the client can receive before it has an address.
 * `requestSrcMac` is the Ethernet source of the request: the relay's MAC when relayed.
 */
export function replyAddressing(
  request: DhcpMessage,
  reply: DhcpMessage,
  requestSrcMac: string,
  isNak: boolean,
): ReplyAddressing {
  if (request.giaddr !== ZERO_IP) {
    return { dstMac: requestSrcMac, dstIp: request.giaddr, dport: SERVER_PORT, rule: 'relay' };
  }
  if (isNak) return { dstMac: BROADCAST_MAC, dstIp: BROADCAST_IP, dport: CLIENT_PORT, rule: 'nak-broadcast' };
  if (request.ciaddr !== ZERO_IP) {
    return { dstMac: requestSrcMac, dstIp: request.ciaddr, dport: CLIENT_PORT, rule: 'ciaddr' };
  }
  if ((request.flags & BROADCAST_FLAG) !== 0 || reply.yiaddr === ZERO_IP) {
    return { dstMac: BROADCAST_MAC, dstIp: BROADCAST_IP, dport: CLIENT_PORT, rule: 'broadcast-flag' };
  }
  return { dstMac: request.chaddr, dstIp: reply.yiaddr, dport: CLIENT_PORT, rule: 'yiaddr' };
}
