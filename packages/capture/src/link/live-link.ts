import { createRequire } from 'node:module';
import type { Cap } from 'cap';
import { monotonicWallClock } from '../clock.js';
import {
  InterfaceDownError,
  InvalidOptionError,
  LinkClosedError,
  LinkOpenError,
  SendFailedError,
} from '../errors.js';
import type { Clock, Frame } from '../frame.js';
import { getInterface, listInterfaces } from '../iface/list-interfaces.js';
import { capLinktype, capOpenError } from './cap-errors.js';
import { FrameFanOut } from './frame-fan-out.js';
import type { FramesOptions, Link, LinkStats } from './link.js';
import { createPacketCap, type PacketCap } from './packet-cap.js';
import { whileStderrSilenced } from './stderr-silencer.js';

const ignorePacket = (_nbytes: number): void => {};

/** cap's fixed snap length: it always captures up to 65535 bytes. */
const CAP_SNAPLEN = 65535;
const DEFAULT_BUFFER_SIZE = 10 * 1024 * 1024;
/** Frames sendMany sends between two yields to the event loop (about a millisecond of sending). */
const SEND_MANY_SLICE = 1024;

export interface LiveLinkOptions {
  iface: string;
  /** BPF filter compiled by libpcap (pcap-filter syntax); applied in the kernel. */
  filter?: string;
  /**
   * Kernel capture ring in bytes (default 10 MiB). libpcap in immediate mode cuts it into one slot per
   * frame sized for cap's fixed 65535-byte snaplen whenever the interface offloads (veth and most NICs),
   * so it holds about bufferSize / 64 KiB frames and the kernel pins twice bufferSize. Frames arriving
   * while the ring is full are lost: measured on a veth at 120-170k frames/s, 64 MiB kept 92-97% of a
   * 200k burst (tcpdump with the same ring: 95-96%), 256 MiB kept all of it.
   */
  bufferSize?: number;
  /** Bytes kept per frame (default 65535); smaller values truncate data and keep originalLength. */
  snaplen?: number;
  /** Timestamps frames on receipt. Default: monotonicWallClock(). */
  clock?: Clock;
}

type CapModule = typeof import('cap');

let capModule: CapModule | undefined;

/**
 * cap is a native addon: load it only when a live link is opened, so that importing @wirecraft/capture
 * (for files, virtual links or just types) never needs libpcap.
 */
function loadCap(): CapModule {
  capModule ??= createRequire(import.meta.url)('cap') as CapModule;
  return capModule;
}

/**
 * No Cap object may ever be garbage-collected: its C++ destructor runs nan's AsyncResource destructor
 * from inside a V8 weak callback and segfaults node (caught under gdb: Pcap::~Pcap ->
 * AsyncWrap::EmitDestroy during a scavenge). A Cap whose open() threw is worse still: destroying it
 * stops a poll handle that was never started and aborts. So every Cap stays reachable for the life of
 * the process; after close() one costs a few hundred bytes (a failed open also keeps its pcap handle).
 * The list hangs off cap's own module object, which Node's require cache keeps alive even when a
 * module registry (jest's, per test file) that loaded this file is thrown away.
 */
const KEPT_ALIVE = Symbol.for('wirecraft.capture.capInstances');

function keepAlive(cap: Cap): void {
  const module = loadCap();
  let list: unknown = Reflect.get(module, KEPT_ALIVE);
  if (!Array.isArray(list)) {
    list = [];
    Reflect.set(module, KEPT_ALIVE, list);
  }
  (list as Cap[]).push(cap);
}

/**
 * A Link over a real interface, through libpcap (npm cap).
 *
 * What cap imposes and how this wrapper handles it:
 * - send() on a handle that is not open segfaults: this class tracks its state and rejects with
 *   LinkClosedError instead.
 * - cap copies every packet into one shared buffer: the 'packet' handler copies it out synchronously.
 * - cap gives no timestamp: frames are stamped on receipt with a monotonic-corrected wall clock
 *   (clock.ts: wall time at start + hrtime delta, nanosecond precision), so they are as precise as the
 *   event loop's latency, not the kernel's.
 * - no pcap_stats: stats.dropped is undefined (not known), never a made-up 0.
 * - promiscuous mode is always on (`promiscuous` is true); there is no setdirection.
 * - snaplen is fixed at 65535: a smaller snaplen is emulated by truncating the copy.
 * - open() on an interface with no IPv4 address fprintf()s a warning to fd 2: fd 2 points at /dev/null
 *   meanwhile (stderr-silencer.ts), except when stderr is a socket, which cannot be reopened without dup2.
 * - a handle does not see the frames it sends itself, on a physical NIC as on a veth (measured); another
 *   handle on the same interface does.
 */
export class LiveLink implements Link {
  readonly name: string;
  readonly linktype: number;
  readonly mtu: number;
  readonly filter: string;
  readonly snaplen: number;
  readonly promiscuous = true;
  readonly ready: Promise<void> = Promise.resolve();
  readonly #cap: PacketCap;
  readonly #fanOut = new FrameFanOut();
  /**
   * Every send copies into this one buffer: for frames up to a few KiB a memcpy costs less than the
   * Buffer view cap would otherwise need per call (measured on a veth: about 1.1x the frames/s), and
   * pcap_sendpacket copies into the kernel anyway, so the buffer is free again when send returns.
   */
  readonly #sendBuffer = Buffer.allocUnsafe(CAP_SNAPLEN);
  #closed = false;
  #sent = 0;
  #received = 0;

  private constructor(
    cap: PacketCap,
    iface: string,
    filter: string,
    snaplen: number,
    linktype: number,
    mtu: number,
  ) {
    this.#cap = cap;
    this.name = iface;
    this.filter = filter;
    this.snaplen = snaplen;
    this.linktype = linktype;
    this.mtu = mtu;
  }

  /**
   * Opens a live capture on `iface`. Throws NoSuchInterfaceError, InterfaceDownError, PermissionError,
   * InvalidFilterError or LinkOpenError.
   */
  static async open(options: LiveLinkOptions): Promise<LiveLink> {
    const filter = options.filter ?? '';
    const snaplen = options.snaplen ?? CAP_SNAPLEN;
    if (!Number.isInteger(snaplen) || snaplen < 1 || snaplen > CAP_SNAPLEN) {
      throw new InvalidOptionError('snaplen', options.snaplen, `an integer from 1 to ${CAP_SNAPLEN}`);
    }
    const bufferSize = options.bufferSize ?? DEFAULT_BUFFER_SIZE;
    if (!Number.isInteger(bufferSize) || bufferSize < 1) {
      throw new InvalidOptionError('bufferSize', options.bufferSize, 'a positive integer number of bytes');
    }
    const info = getInterface(options.iface);
    if (!info.up) throw new InterfaceDownError(options.iface);

    const cap = createPacketCap(loadCap());
    keepAlive(cap);
    const shared = Buffer.alloc(CAP_SNAPLEN);
    let linktypeName: string;
    try {
      const open = () => cap.open(options.iface, filter, bufferSize, shared);
      // cap prints "Warning: <if>: no IPv4 address assigned - This may not actually work" straight to
      // fd 2 when pcap_lookupnet fails, which breaks the CLI's one-line error rule. cap takes no netmask
      // argument; the only cost of the failure is a netmask of 0 for filters that use "ip broadcast".
      linktypeName = info.ipv4.length === 0 ? whileStderrSilenced(open) : open();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw capOpenError(options.iface, filter, message, () => listInterfaces().map((i) => i.name));
    }
    const linktype = capLinktype(linktypeName);
    if (linktype === undefined) {
      cap.close();
      throw new LinkOpenError(options.iface, `unrecognised linktype ${JSON.stringify(linktypeName)}`);
    }
    const link = new LiveLink(cap, options.iface, filter, snaplen, linktype, info.mtu);
    link.#listen(shared, options.clock ?? monotonicWallClock());
    return link;
  }

  get closed(): boolean {
    return this.#closed;
  }

  get stats(): LinkStats {
    return {
      sent: this.#sent,
      received: this.#received,
      dropped: undefined,
      queueDropped: this.#fanOut.queueDropped,
    };
  }

  send(frame: Uint8Array): Promise<void> {
    if (this.#closed) return Promise.reject(new LinkClosedError(this.name));
    const failure = this.#sendOne(frame);
    return failure ? Promise.reject(failure) : Promise.resolve();
  }

  /**
   * Sends `frames` in order, as fast as libpcap takes them: one promise for the whole list instead of
   * one per frame (for replay at top speed and benchmarks). Every SEND_MANY_SLICE frames it yields to
   * the event loop once, so receivers in the same process keep draining the capture ring. Resolves with
   * the number sent; rejects on the first failure (SendFailedError, with the frames before it sent and
   * counted in stats.sent) or with LinkClosedError when the link closes meanwhile.
   */
  async sendMany(frames: readonly Uint8Array[]): Promise<number> {
    let index = 0;
    while (index < frames.length) {
      if (this.#closed) throw new LinkClosedError(this.name);
      const end = Math.min(frames.length, index + SEND_MANY_SLICE);
      for (; index < end; index++) {
        const failure = this.#sendOne(frames[index]);
        if (failure) throw failure;
      }
      if (index < frames.length) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return index;
  }

  /** The caller checked #closed: cap segfaults on a closed handle. Returns the error instead of throwing. */
  #sendOne(frame: Uint8Array): SendFailedError | undefined {
    let buffer: Buffer;
    if (frame.length <= this.#sendBuffer.length) {
      buffer = this.#sendBuffer;
      buffer.set(frame);
    } else {
      buffer = Buffer.isBuffer(frame) ? frame : Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
    }
    try {
      this.#cap.send(buffer, frame.length);
    } catch (error) {
      return new SendFailedError(
        this.name,
        frame.length,
        error instanceof Error ? error.message : String(error),
      );
    }
    this.#sent++;
    return undefined;
  }

  frames(options?: FramesOptions): AsyncIterableIterator<Frame> {
    return this.#fanOut.subscribe(options);
  }

  close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.#cap.close();
      this.#cap.onPacket = ignorePacket;
      this.#fanOut.close();
    }
    return Promise.resolve();
  }

  #listen(shared: Buffer, clock: Clock): void {
    const snaplen = this.snaplen;
    const linktype = this.linktype;
    const fanOut = this.#fanOut;
    this.#cap.onPacket = (nbytes: number) => {
      this.#received++;
      // Nobody would see this frame: skip the clock, the copy and the allocations. Draining the ring
      // faster is what keeps libpcap from dropping under a burst (see bufferSize).
      if (fanOut.consumerCount === 0) return;
      const timestamp = clock();
      // Copy now: cap overwrites the shared buffer with the next packet.
      const data = new Uint8Array(Math.min(nbytes, snaplen));
      data.set(shared.subarray(0, data.length));
      fanOut.publish({ data, timestamp, originalLength: nbytes, linktype });
    };
  }
}

/** Opens a LiveLink; see LiveLink.open. */
export function openLiveLink(options: LiveLinkOptions): Promise<LiveLink> {
  return LiveLink.open(options);
}
