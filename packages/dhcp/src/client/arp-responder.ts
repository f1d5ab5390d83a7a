/**
 * Answers ARP who-has for the address we hold. The client has no IP stack, yet servers unicast renewal
 * ACKs to ciaddr at IP level (RFC 2131 §4.3.2 / §4.4.5): their kernel must resolve ciaddr to our MAC
 * first, so without these answers a renewal against dnsmasq or kea never gets its ACK.
 */
import type { Link } from '@wirecraft/capture';
import { ARP, Ether, packet } from '@wirecraft/packet';

const ETHERTYPE_ARP_HI = 0x08;
const ETHERTYPE_ARP_LO = 0x06;
const ARP_FRAME_LENGTH = 42;
const OP_WHO_HAS = 1;

/** A who-has request read from a frame, enough to answer it. */
export interface ArpRequest {
  readonly senderMac: string;
  readonly senderIp: string;
  readonly targetIp: string;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * The Ethernet/IPv4 who-has request in `data`, or undefined for anything else. Reads bytes directly:
 * every frame on the link passes through here, and most are not ARP.
 */
export function arpWhoHas(data: Uint8Array): ArpRequest | undefined {
  if (data.length < ARP_FRAME_LENGTH || data[12] !== ETHERTYPE_ARP_HI || data[13] !== ETHERTYPE_ARP_LO) {
    return undefined;
  }
  // hwtype 1, ptype 0x0800, hwlen 6, plen 4, op who-has.
  if (data[14] !== 0 || data[15] !== 1 || data[16] !== 0x08 || data[17] !== 0 || data[18] !== 6) {
    return undefined;
  }
  if (data[19] !== 4 || data[20] !== 0 || data[21] !== OP_WHO_HAS) return undefined;
  return {
    senderMac: `${HEX[data[22]]}:${HEX[data[23]]}:${HEX[data[24]]}:${HEX[data[25]]}:${HEX[data[26]]}:${HEX[data[27]]}`,
    senderIp: `${data[28]}.${data[29]}.${data[30]}.${data[31]}`,
    targetIp: `${data[38]}.${data[39]}.${data[40]}.${data[41]}`,
  };
}

/** The is-at reply to `request`, unicast to the asker, saying `ourMac` has `request.targetIp`. */
export function arpReplyFrame(request: ArpRequest, ourMac: string): Uint8Array {
  return packet(
    Ether({ src: ourMac, dst: request.senderMac }),
    ARP({
      op: 2,
      hwsrc: ourMac,
      psrc: request.targetIp,
      hwdst: request.senderMac,
      pdst: request.senderIp,
    }),
  ).build();
}

export interface ArpResponderHost {
  readonly link: Link;
  readonly mac: string;
  readonly signal: AbortSignal;
  /** The address to answer for right now; undefined while we hold none (nothing is answered). */
  answeringFor(): string | undefined;
  /** Called after each reply is sent. */
  answered(request: ArpRequest): void;
  failed(error: Error): void;
}

/**
 * Runs until `host.signal` aborts. Registers with the link before it returns (frames() is called
 * synchronously), so no request that arrives after the call is missed.
 */
export function runArpResponder(host: ArpResponderHost): Promise<void> {
  const frames = host.link.frames({ signal: host.signal });
  return (async () => {
    try {
      for await (const frame of frames) {
        const address = host.answeringFor();
        if (address === undefined) continue;
        const request = arpWhoHas(frame.data);
        // Probes (sender IP 0.0.0.0, RFC 5227) are answered too, as Linux does: that is how the prober
        // learns the address is taken.
        if (!request || request.targetIp !== address) continue;
        if (request.senderMac === host.mac) continue;
        await host.link.send(arpReplyFrame(request, host.mac));
        host.answered(request);
      }
    } catch (error) {
      if (!host.signal.aborted) host.failed(error as Error);
    }
  })();
}
