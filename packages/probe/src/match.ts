import type { Packet } from '@wirecraft/packet';

/** One field that differs; path like 'IP.dst' or 'DHCP.options.lease_time'. */
export interface FieldDifference {
  path: string;
  expected: unknown;
  actual: unknown;
}

/** Partial expectations by layer name, e.g. { BOOTP: { op: 2 }, DHCP: { options: { 'message-type': 'offer' } } }. */
export type PacketPattern = { [layer: string]: Record<string, unknown> | undefined };

export function matchPacket(actual: Packet, pattern: PacketPattern): FieldDifference[] {
  void actual;
  void pattern;
  throw new Error('matchPacket: not implemented yet');
}
