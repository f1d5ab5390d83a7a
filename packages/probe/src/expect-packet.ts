import type { Packet } from '@wirecraft/packet';
import type { PacketPattern } from './match.js';

export interface PacketExpectation {
  toHaveLayer(name: string): void;
  toMatchPacket(pattern: PacketPattern): void;
  toHaveOption(name: string, value?: unknown): void;
  notToHaveOption(name: string): void;
  toAnswer(request: Packet): void;
}

export function expectPacket(actual: Packet | undefined, what?: string): PacketExpectation {
  void actual;
  void what;
  throw new Error('expectPacket: not implemented yet');
}

export function expectNoReply(actual: Packet | undefined, what?: string): void {
  void actual;
  void what;
  throw new Error('expectNoReply: not implemented yet');
}
