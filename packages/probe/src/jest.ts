// `import '@wirecraft/probe/jest'` in a test file (or a setupFilesAfterEnv file) registers the packet matchers.
import { expect } from '@jest/globals';
import type { Packet } from '@wirecraft/packet';
import type { PacketPattern } from './match.js';
import { toAnswer, toArriveWithin, toHaveLayer, toHaveOption, toMatchPacket } from './packet-matchers.js';

declare module 'expect' {
  interface Matchers<R extends void | Promise<void>> {
    /** The packet has a layer of this name ('DHCP', 'UDP'…). */
    toHaveLayer(name: string): R;
    /** Partial deep match by layer and field; DHCP options by name or code. */
    toMatchPacket(pattern: PacketPattern): R;
    /** The DHCP option is present; with a value, it equals it (as getOption returns it). */
    toHaveOption(name: string, value?: unknown): R;
    /** The packet is a reply to `request` (same xid and chaddr for DHCP). */
    toAnswer(request: Packet): R;
    /** Awaited: a promised packet arrives within `ms` (or a { rttMs } is within it). */
    toArriveWithin(ms: number): Promise<void>;
  }
}

expect.extend({
  toHaveLayer(received: unknown, name: string) {
    return toHaveLayer(received, name);
  },
  toMatchPacket(received: unknown, pattern: PacketPattern) {
    return toMatchPacket(received, pattern);
  },
  toHaveOption(received: unknown, name: string, value?: unknown) {
    return toHaveOption(received, name, value);
  },
  toAnswer(received: unknown, request: unknown) {
    return toAnswer(received, request);
  },
  toArriveWithin(received: unknown, ms: number) {
    return toArriveWithin(received, ms);
  },
});
