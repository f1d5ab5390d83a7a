/**
 * RFC 5227 §2.1.1 address probe: ARP who-has for the address with sender IP 0.0.0.0, so a probe never
 * pollutes other hosts' ARP caches. Any ARP from another host claiming the address is a conflict.
 */
import type { Link } from '@wirecraft/capture';
import { ARP, Ether, packet } from '@wirecraft/packet';
import type { EngineTime } from '../time.js';

export interface ProbeHost {
  readonly link: Link;
  readonly mac: string;
  readonly time: EngineTime;
  readonly signal: AbortSignal;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The MAC of a host that claims `address` in this ARP frame, or undefined. */
export function arpClaimant(data: Uint8Array, address: string, ourMac: string): string | undefined {
  if (data.length < 42 || data[12] !== 0x08 || data[13] !== 0x06) return undefined;
  const sender = Array.from(data.subarray(22, 28), (b) => HEX[b]).join(':');
  if (sender === ourMac) return undefined;
  const senderIp = `${data[28]}.${data[29]}.${data[30]}.${data[31]}`;
  return senderIp === address ? sender : undefined;
}

export function arpProbeFrame(mac: string, address: string): Uint8Array {
  return packet(
    Ether({ src: mac, dst: 'ff:ff:ff:ff:ff:ff' }),
    ARP({ op: 1, hwsrc: mac, psrc: '0.0.0.0', hwdst: '00:00:00:00:00:00', pdst: address }),
  ).build();
}

/**
 * Sends `probes` probes `waitMs` (RFC ms) apart and listens until the last wait ends. Resolves with the
 * MAC of a host that answered for the address, or undefined when nobody did.
 */
export async function probeAddress(
  host: ProbeHost,
  address: string,
  probes: number,
  waitMs: number,
): Promise<string | undefined> {
  const listen = new AbortController();
  const onAbort = () => listen.abort();
  host.signal.addEventListener('abort', onAbort, { once: true });
  const frames = host.link.frames({ signal: listen.signal });
  let owner: string | undefined;
  const watcher = (async () => {
    for await (const frame of frames) {
      owner = arpClaimant(frame.data, address, host.mac);
      if (owner) {
        listen.abort();
        return;
      }
    }
  })();
  try {
    const probe = arpProbeFrame(host.mac, address);
    for (let i = 0; i < probes && !owner && !listen.signal.aborted; i++) {
      await host.link.send(probe);
      await host.time.sleep(waitMs, listen.signal, 'ARP probe').catch(() => undefined);
    }
  } finally {
    listen.abort();
    host.signal.removeEventListener('abort', onAbort);
    await watcher;
  }
  return owner;
}
