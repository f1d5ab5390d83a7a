import { type Link, sniff as sniffLink, srp as srpLink, srp1 as srp1Link } from '@wirecraft/capture';
import { createDhcpClient, type DhcpClient } from '@wirecraft/dhcp';
import { dissect, type Packet } from '@wirecraft/packet';
import type { ProbeContext, ProbeTarget } from './probe.js';
import { RecordingLink } from './recording-link.js';
import type { RunIdentity } from './run-identity.js';

/** srp/srp1 wait this long for a reply when the check gives no timeoutMs. */
export const DEFAULT_REPLY_TIMEOUT_MS = 2000;

/** How long cleanup waits for a client to stop: a wedged one must not hold up the run. */
const CLIENT_STOP_GRACE_MS = 1000;

/** Everything one check runs with, and what it leaves to clean up. */
export class CheckSession {
  readonly context: ProbeContext;
  readonly notes: string[] = [];
  readonly #link: RecordingLink;
  readonly #clients: DhcpClient[] = [];

  constructor(
    link: Link,
    target: ProbeTarget,
    signal: AbortSignal,
    identity: RunIdentity,
    startedAt: number,
  ) {
    const recording = new RecordingLink(link, startedAt);
    this.#link = recording;
    const clients = this.#clients;
    const notes = this.notes;
    this.context = {
      link: recording,
      target,
      signal,
      newMac: () => identity.newMac(),
      newXid: () => identity.newXid(),
      send: (packet) => recording.send(packet.build()),
      async srp1(packet, options = {}) {
        const answer = await srp1Link(recording, packet, {
          timeout: options.timeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS,
          signal,
        });
        return answer?.reply;
      },
      async srp(packet, options = {}) {
        const result = await srpLink(recording, packet, {
          timeout: options.timeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS,
          multi: options.multi,
          signal,
        });
        return result.answered.map((answer) => answer.reply);
      },
      async sniff(options) {
        const packets: Packet[] = [];
        const frames = sniffLink({ link: recording, timeout: options.timeoutMs, signal });
        for await (const frame of frames) {
          const packet = dissect(frame.data, { linktype: frame.linktype });
          if (options.filter && !options.filter(packet)) continue;
          packets.push(packet);
          if (options.count !== undefined && packets.length >= options.count) break;
        }
        return packets;
      },
      client(options = {}) {
        const client = createDhcpClient({
          ...options,
          mac: options.mac ?? identity.newMac(),
          link: recording,
        });
        clients.push(client);
        return client;
      },
      note(text) {
        notes.push(text);
      },
    };
  }

  get sent(): string[] {
    return this.#link.sent.finish();
  }

  get received(): string[] {
    return this.#link.received.finish();
  }

  /** Stops the check's clients and detaches its link; safe to call while the check still runs. */
  async end(): Promise<void> {
    const stopping = Promise.allSettled(this.#clients.map((client) => client.stop()));
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, CLIENT_STOP_GRACE_MS);
    });
    await Promise.race([stopping, grace]);
    clearTimeout(timer);
    await this.#link.close();
  }
}
