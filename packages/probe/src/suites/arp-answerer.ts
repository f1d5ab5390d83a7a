/**
 * Answers ARP for an address a check pretends to hold. The probe has no IP stack, yet a server replies to
 * ciaddr at IP level (RFC 2131 §4.1): its kernel must resolve ciaddr first, or the reply never leaves it.
 */
import { ARP, dissect, Ether, packet } from '@wirecraft/packet';
import type { ProbeContext } from '../probe.js';

const WHO_HAS = 1;
const IS_AT = 2;

export interface ArpAnswerer {
  stop(): void;
}

/** Registers with the link before it returns, so no who-has sent after this call is missed. */
export function answerArp(ctx: ProbeContext, address: string, mac: string): ArpAnswerer {
  const controller = new AbortController();
  const signal = AbortSignal.any([ctx.signal, controller.signal]);
  const frames = ctx.link.frames({ signal });
  void (async () => {
    try {
      for await (const frame of frames) {
        // ARP frames are the only ones with EtherType 0x0806: skip the rest without dissecting them.
        if (frame.data[12] !== 0x08 || frame.data[13] !== 0x06) continue;
        const arp = dissect(frame.data).get(ARP);
        if (arp === undefined || arp.op !== WHO_HAS || arp.pdst !== address) continue;
        const reply = packet(
          Ether({ src: mac, dst: arp.hwsrc }),
          ARP({ op: IS_AT, hwsrc: mac, psrc: address, hwdst: arp.hwsrc, pdst: arp.psrc }),
        );
        await ctx.link.send(reply.build());
      }
    } catch (error) {
      if (!signal.aborted) ctx.note(`ARP answers for ${address} stopped: ${String(error)}`);
    }
  })();
  return { stop: () => controller.abort() };
}
