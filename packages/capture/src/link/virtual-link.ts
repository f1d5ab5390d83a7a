import { monotonicWallClock } from '../clock.js';
import { InvalidOptionError, LinkClosedError } from '../errors.js';
import type { Clock, Frame } from '../frame.js';
import { LINKTYPE } from '../frame.js';
import { FrameFanOut } from './frame-fan-out.js';
import type { FramesOptions, Link, LinkStats } from './link.js';
import { seededRandom } from './seeded-random.js';

/** Impairments applied to the frames a port sends. */
export interface VirtualPortOptions {
  /** Probability 0..1 that a sent frame is lost (for each receiving port independently). */
  loss?: number;
  /** One-way delay in milliseconds. */
  delayMs?: number;
  /** Uniform jitter of +/- jitterMs around delayMs (never below 0). May reorder frames, as a real path can. */
  jitterMs?: number;
  /** Seed of this port's RNG for loss and jitter; the same seed replays the same losses. Default: port index + 1. */
  seed?: number;
  /** Port name; default `${hubName}${index}`. */
  name?: string;
}

export interface VirtualHubOptions {
  name?: string;
  /** Timestamps frames on delivery. Default: monotonicWallClock(). */
  clock?: Clock;
  linktype?: number;
  mtu?: number;
  /**
   * Learn source MACs (Ethernet only) and send unicast frames only to the port that owns the destination,
   * like a switch; unknown, broadcast and multicast destinations still flood.
   */
  learning?: boolean;
  /** Per-port impairments: one object for every port, or one per port. */
  ports?: VirtualPortOptions | VirtualPortOptions[];
}

interface PendingDelivery {
  port: VirtualPort;
  data: Uint8Array;
}

/**
 * A shared segment: a frame sent on one port reaches every other port (flooding), after the sending
 * port's loss and delay. Delivery always happens in a later macrotask (setImmediate or a timer), never
 * inside send(), so a responder that replies from its receive loop cannot recurse into the sender, and
 * two responders ping-ponging cannot starve timers.
 */
export class VirtualHub {
  readonly name: string;
  readonly ports: readonly VirtualPort[];
  readonly clock: Clock;
  readonly linktype: number;
  readonly #learning: boolean;
  readonly #macTable = new Map<string, VirtualPort>();
  #queue: PendingDelivery[] = [];
  #immediate: NodeJS.Immediate | undefined;
  readonly #timers = new Set<NodeJS.Timeout>();

  constructor(portCount: number, options: VirtualHubOptions = {}) {
    if (!Number.isInteger(portCount) || portCount < 2) {
      throw new InvalidOptionError('portCount', portCount, 'an integer >= 2');
    }
    this.name = options.name ?? 'vhub';
    this.clock = options.clock ?? monotonicWallClock();
    this.linktype = options.linktype ?? LINKTYPE.ETHERNET;
    this.#learning = options.learning ?? false;
    const ports: VirtualPort[] = [];
    for (let index = 0; index < portCount; index++) {
      const portOptions = Array.isArray(options.ports) ? (options.ports[index] ?? {}) : (options.ports ?? {});
      ports.push(new VirtualPort(this, index, portOptions, options.mtu));
    }
    this.ports = ports;
  }

  /** Closes every port. */
  async close(): Promise<void> {
    await Promise.all(this.ports.map((port) => port.close()));
  }

  /** @internal called by VirtualPort.send */
  transmit(from: VirtualPort, data: Uint8Array, impairment: Impairment): void {
    const targets = this.#targets(from, data);
    for (const port of targets) {
      if (impairment.loss > 0 && impairment.random() < impairment.loss) {
        port.countLoss();
        continue;
      }
      const delay = impairment.delayFor();
      if (delay > 0) {
        const timer = setTimeout(() => {
          this.#timers.delete(timer);
          port.deliver(data, this.clock());
        }, delay);
        this.#timers.add(timer);
      } else {
        this.#queue.push({ port, data });
      }
    }
    if (this.#queue.length > 0 && !this.#immediate) {
      this.#immediate = setImmediate(() => this.#flush());
    }
  }

  /** @internal once every port is closed, nothing can be delivered: drop timers so the process can exit. */
  portClosed(): void {
    if (this.ports.some((port) => !port.closed)) return;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    if (this.#immediate) clearImmediate(this.#immediate);
    this.#immediate = undefined;
    this.#queue = [];
  }

  #flush(): void {
    this.#immediate = undefined;
    const queue = this.#queue;
    this.#queue = [];
    const timestamp = this.clock();
    for (const { port, data } of queue) port.deliver(data, timestamp);
  }

  #targets(from: VirtualPort, data: Uint8Array): readonly VirtualPort[] {
    if (!this.#learning || this.linktype !== LINKTYPE.ETHERNET || data.length < 14) {
      return this.ports.filter((port) => port !== from);
    }
    this.#macTable.set(macKey(data, 6), from);
    // Group bit set: broadcast or multicast, always flooded.
    if ((data[0] & 1) === 0) {
      const owner = this.#macTable.get(macKey(data, 0));
      if (owner) return owner === from ? [] : [owner];
    }
    return this.ports.filter((port) => port !== from);
  }
}

function macKey(data: Uint8Array, offset: number): string {
  let key = '';
  for (let i = offset; i < offset + 6; i++) key += data[i].toString(16).padStart(2, '0');
  return key;
}

class Impairment {
  readonly loss: number;
  readonly random: () => number;
  readonly #delayMs: number;
  readonly #jitterMs: number;

  constructor(options: VirtualPortOptions, index: number) {
    const loss = options.loss ?? 0;
    if (!(loss >= 0 && loss <= 1))
      throw new InvalidOptionError('loss', options.loss, 'a probability from 0 to 1');
    const delayMs = options.delayMs ?? 0;
    if (!(delayMs >= 0))
      throw new InvalidOptionError('delayMs', options.delayMs, 'a number of milliseconds >= 0');
    const jitterMs = options.jitterMs ?? 0;
    if (!(jitterMs >= 0))
      throw new InvalidOptionError('jitterMs', options.jitterMs, 'a number of milliseconds >= 0');
    this.loss = loss;
    this.#delayMs = delayMs;
    this.#jitterMs = jitterMs;
    this.random = seededRandom(options.seed ?? index + 1);
  }

  delayFor(): number {
    if (this.#jitterMs === 0) return this.#delayMs;
    return Math.max(0, this.#delayMs + (this.random() * 2 - 1) * this.#jitterMs);
  }
}

/** One port of a VirtualHub: a Link whose frames reach the other ports of the hub. */
export class VirtualPort implements Link {
  readonly name: string;
  readonly linktype: number;
  readonly mtu?: number;
  readonly index: number;
  readonly ready: Promise<void> = Promise.resolve();
  readonly #hub: VirtualHub;
  readonly #impairment: Impairment;
  readonly #fanOut = new FrameFanOut();
  #closed = false;
  #sent = 0;
  #received = 0;
  #lost = 0;

  constructor(hub: VirtualHub, index: number, options: VirtualPortOptions, mtu: number | undefined) {
    this.#hub = hub;
    this.index = index;
    this.name = options.name ?? `${hub.name}${index}`;
    this.linktype = hub.linktype;
    if (mtu !== undefined) this.mtu = mtu;
    this.#impairment = new Impairment(options, index);
  }

  get closed(): boolean {
    return this.#closed;
  }

  get stats(): LinkStats {
    return {
      sent: this.#sent,
      received: this.#received,
      dropped: this.#lost,
      queueDropped: this.#fanOut.queueDropped,
    };
  }

  send(frame: Uint8Array): Promise<void> {
    if (this.#closed) return Promise.reject(new LinkClosedError(this.name));
    this.#sent++;
    // The caller may reuse its buffer as soon as send() returns: take a copy shared by all receivers.
    this.#hub.transmit(this, frame.slice(), this.#impairment);
    return Promise.resolve();
  }

  frames(options?: FramesOptions): AsyncIterableIterator<Frame> {
    return this.#fanOut.subscribe(options);
  }

  close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.#fanOut.close();
      this.#hub.portClosed();
    }
    return Promise.resolve();
  }

  /** @internal */
  deliver(data: Uint8Array, timestamp: Frame['timestamp']): void {
    if (this.#closed) return;
    this.#received++;
    this.#fanOut.publish({
      data,
      timestamp,
      originalLength: data.length,
      linktype: this.linktype,
      interfaceId: this.index,
    });
  }

  /** @internal loss is charged to the receiving port, where a capture would have missed it. */
  countLoss(): void {
    this.#lost++;
  }
}

/** Two ports joined back to back, like a veth pair or a cable. */
export function virtualPair(options: VirtualHubOptions = {}): [VirtualPort, VirtualPort] {
  const hub = new VirtualHub(2, { name: 'vpair', ...options });
  return [hub.ports[0], hub.ports[1]];
}

/** n ports on one flooding hub (or a learning switch with `learning: true`). */
export function virtualHub(portCount: number, options: VirtualHubOptions = {}): VirtualPort[] {
  return [...new VirtualHub(portCount, options).ports];
}
