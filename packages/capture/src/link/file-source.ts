import { setTimeout as sleep } from 'node:timers/promises';
import { timestampDiffMs } from '../clock.js';
import { LinkClosedError, SendFailedError } from '../errors.js';
import type { Frame } from '../frame.js';
import { LINKTYPE } from '../frame.js';
import { FrameFanOut } from './frame-fan-out.js';
import type { FramesOptions, Link, LinkStats } from './link.js';

export interface FileSourceOptions {
  name?: string;
  /** Linktype announced before the first frame is read; default Ethernet. */
  linktype?: number;
  /** Replay with the gaps between the frames' timestamps (divided by `speed`); default false (top speed). */
  paced?: boolean;
  /** Pacing speed-up factor; default 1. */
  speed?: number;
}

/**
 * A read-only Link replaying any AsyncIterable<Frame> (a pcap/pcapng reader, a generator, an array):
 * the extension point through which capture files become link sources without this module knowing
 * file formats.
 *
 * Replay starts on the macrotask after the first consumer calls frames(), so every consumer that
 * registers in the same tick sees every frame. Top-speed replay waits for slow consumers instead of
 * dropping. The link closes itself after the last frame, which ends every iterator (and sniff).
 */
export class FileSourceLink implements Link {
  readonly name: string;
  readonly linktype: number;
  readonly ready: Promise<void> = Promise.resolve();
  readonly #source: AsyncIterable<Frame>;
  readonly #fanOut = new FrameFanOut();
  readonly #paced: boolean;
  readonly #speed: number;
  readonly #stop = new AbortController();
  #started = false;
  #closed = false;
  #received = 0;
  /** Settles when replay has finished (or failed); rejects with the source's error. */
  readonly done: Promise<void>;
  #resolveDone!: () => void;
  #rejectDone!: (error: unknown) => void;

  constructor(source: AsyncIterable<Frame>, options: FileSourceOptions = {}) {
    this.#source = source;
    this.name = options.name ?? 'file';
    this.linktype = options.linktype ?? LINKTYPE.ETHERNET;
    this.#paced = options.paced ?? false;
    this.#speed = options.speed ?? 1;
    this.done = new Promise((resolve, reject) => {
      this.#resolveDone = resolve;
      this.#rejectDone = reject;
    });
    // A failed replay must not become an unhandled rejection when nobody awaits `done`.
    this.done.catch(() => undefined);
  }

  get closed(): boolean {
    return this.#closed;
  }

  get stats(): LinkStats {
    return { sent: 0, received: this.#received, dropped: 0, queueDropped: this.#fanOut.queueDropped };
  }

  send(frame: Uint8Array): Promise<void> {
    if (this.#closed) return Promise.reject(new LinkClosedError(this.name));
    return Promise.reject(new SendFailedError(this.name, frame.length, 'a file source is read-only'));
  }

  frames(options?: FramesOptions): AsyncIterableIterator<Frame> {
    const iterator = this.#fanOut.subscribe(options);
    if (!this.#started && !this.#closed) {
      this.#started = true;
      setImmediate(() => {
        this.#replay().then(
          () => this.#resolveDone(),
          (error: unknown) => this.#rejectDone(error),
        );
      });
    }
    return iterator;
  }

  close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.#stop.abort();
      this.#fanOut.close();
      if (!this.#started) this.#resolveDone();
    }
    return Promise.resolve();
  }

  async #replay(): Promise<void> {
    let first: { at: number; timestamp: Frame['timestamp'] } | undefined;
    try {
      for await (const frame of this.#source) {
        if (this.#closed) break;
        if (this.#paced) {
          if (!first) first = { at: performance.now(), timestamp: frame.timestamp };
          const due = first.at + timestampDiffMs(frame.timestamp, first.timestamp) / this.#speed;
          const wait = due - performance.now();
          if (wait > 0) await sleep(wait, undefined, { signal: this.#stop.signal }).catch(() => undefined);
          if (this.#closed) break;
        }
        await this.#fanOut.waitForSpace();
        if (this.#closed) break;
        this.#received++;
        this.#fanOut.publish(frame);
      }
    } finally {
      await this.close();
    }
  }
}

export function fileSource(frames: AsyncIterable<Frame>, options?: FileSourceOptions): FileSourceLink {
  return new FileSourceLink(frames, options);
}

/** Where recordTo writes: a pcap writer, an array push, anything with write(). */
export interface FrameSink {
  write(frame: Frame): void | Promise<void>;
}

export interface RecordOptions {
  signal?: AbortSignal;
  /** Stop after this many frames. */
  count?: number;
}

/**
 * Writes every frame the link receives into `sink` until the link closes, `signal` aborts or `count`
 * frames are written; resolves with the number written. Registers with the link synchronously, so
 * frames that arrive right after the call are recorded.
 */
export async function recordTo(link: Link, sink: FrameSink, options: RecordOptions = {}): Promise<number> {
  const frames = link.frames({ signal: options.signal });
  let written = 0;
  if (options.count !== undefined && options.count <= 0) {
    await frames.return?.();
    return 0;
  }
  for await (const frame of frames) {
    await sink.write(frame);
    written++;
    if (options.count !== undefined && written >= options.count) break;
  }
  return written;
}
