import type { DhcpMessageTypeName } from '@wirecraft/packet';
import type { DhcpMessage } from './dhcp-message.js';

/** What an event shows of a message: enough for a one-line live view without dissecting again. */
export interface DhcpMessageSummary {
  messageType: string;
  xid: number;
  chaddr: string;
  ciaddr: string;
  yiaddr: string;
  giaddr: string;
  serverId?: string;
  requestedAddress?: string;
  leaseTime?: number;
  srcIp: string;
  dstIp: string;
  srcMac: string;
  dstMac: string;
}

/** 'DISCOVER' for option 53's registry name, 'type-N' for unregistered types, 'BOOTP' without option 53. */
export function messageTypeLabel(type: DhcpMessageTypeName | number | undefined): string {
  if (type === undefined) return 'BOOTP';
  return typeof type === 'number' ? `type-${type}` : type.toUpperCase();
}

export function summarizeMessage(
  message: DhcpMessage,
  addressing: { srcIp: string; dstIp: string; srcMac: string; dstMac: string },
): DhcpMessageSummary {
  const summary: DhcpMessageSummary = {
    messageType: messageTypeLabel(message.messageType),
    xid: message.xid,
    chaddr: message.chaddr,
    ciaddr: message.ciaddr,
    yiaddr: message.yiaddr,
    giaddr: message.giaddr,
    srcIp: addressing.srcIp,
    dstIp: addressing.dstIp,
    srcMac: addressing.srcMac,
    dstMac: addressing.dstMac,
  };
  const serverId = message.option('server_id');
  if (serverId !== undefined) summary.serverId = serverId;
  const requested = message.option('requested_addr');
  if (requested !== undefined) summary.requestedAddress = requested;
  const lease = message.option('lease_time');
  if (lease !== undefined) summary.leaseTime = lease;
  return summary;
}

export function formatSummary(s: DhcpMessageSummary): string {
  const parts = [
    `DHCP ${s.messageType}`,
    `xid=0x${s.xid.toString(16).padStart(8, '0')}`,
    `chaddr=${s.chaddr}`,
  ];
  if (s.yiaddr !== '0.0.0.0') parts.push(`yiaddr=${s.yiaddr}`);
  if (s.ciaddr !== '0.0.0.0') parts.push(`ciaddr=${s.ciaddr}`);
  if (s.requestedAddress) parts.push(`requested=${s.requestedAddress}`);
  if (s.serverId) parts.push(`server=${s.serverId}`);
  if (s.leaseTime !== undefined) parts.push(`lease=${s.leaseTime}s`);
  return `${parts.join(' ')} (${s.srcIp} > ${s.dstIp})`;
}
