import type { Cap } from 'cap';

type CapModule = typeof import('cap');

/** A Cap that hands each packet's length straight to one function instead of emitting an event. */
export interface PacketCap extends Cap {
  onPacket: (nbytes: number) => void;
}

const ignorePacket = (_nbytes: number): void => {};

let packetCapClass: (new () => PacketCap) | undefined;

/**
 * cap's C++ constructor looks up `emit` on the new object once and calls it for every packet as
 * emit('packet', nbytes, truncated). EventEmitter's emit gathers those arguments into a fresh array and
 * walks a listener list per packet; a subclass whose own emit calls onPacket directly skips both. The
 * subclass is made on first use because cap itself is loaded lazily (live-link.ts).
 */
export function createPacketCap(capModule: CapModule): PacketCap {
  packetCapClass ??= class extends capModule.Cap implements PacketCap {
    onPacket = ignorePacket;

    override emit(event: string | symbol, nbytes?: unknown, truncated?: unknown): boolean {
      if (event === 'packet' && typeof nbytes === 'number') {
        this.onPacket(nbytes);
        return true;
      }
      return super.emit(event, nbytes, truncated);
    }
  };
  return new packetCapClass();
}
