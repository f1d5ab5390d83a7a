import { bytesEqual } from './hex.js';
import { randomInt } from './field/random.js';
import type { Packet } from './packet.js';

/** A random 32-bit transaction id (DHCP xid). */
export function randomXid(): number {
  return randomInt(0x10000) * 0x10000 + randomInt(0x10000);
}

export interface FuzzOptions {
  /**
   * Also randomise auto fields left unset (lengths, checksums, binding-driven types). Off by default, as in
   * scapy: computed fields stay consistent, so the fuzzed packet gets past a receiver's first checks.
   */
  auto?: boolean;
}

function isDefault(value: unknown, def: unknown): boolean {
  if (value instanceof Uint8Array && def instanceof Uint8Array) return bytesEqual(value, def);
  return value === def;
}

/**
 * scapy's fuzz(): a copy in which every field still at its default gets a random valid value
 * (field.random()); fields the caller set keep their value. The values are drawn once, here.
 */
export function fuzz(p: Packet, options: FuzzOptions = {}): Packet {
  const copy = p.copy();
  for (const layer of copy.layers) {
    const { fields, defaults } = layer.def;
    for (let i = 0; i < fields.length; i++) {
      const value = layer.values[i];
      const unset = value === undefined ? options.auto === true : isDefault(value, defaults[i]);
      if (unset) layer.values[i] = fields[i].random();
    }
  }
  return copy;
}
