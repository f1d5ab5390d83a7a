import { InvalidOptionError } from './errors.js';
import type { Frame } from './frame.js';
import type { Link } from './link/link.js';
import { openLiveLink } from './link/live-link.js';

interface SniffCommonOptions {
  /** JS predicate over each frame; frames it rejects are skipped and not counted. */
  filter?: (frame: Frame) => boolean;
  /** End after this many (filtered) frames. */
  count?: number;
  /** End this many milliseconds after sniff() was called, even if nothing arrives (cf. secdev/scapy#4590). */
  timeout?: number;
  /** End after the first frame for which this returns true; that frame is still yielded (scapy's stop_filter). */
  stop?: (frame: Frame) => boolean;
  signal?: AbortSignal;
  /** Per-consumer queue capacity on the link. */
  queueCapacity?: number;
}

export interface SniffLinkOptions extends SniffCommonOptions {
  link: Link;
}

/** sniff opens its own LiveLink on `iface` (with the kernel BPF filter `bpf`) and closes it when it ends. */
export interface SniffIfaceOptions extends SniffCommonOptions {
  iface: string;
  bpf?: string;
  bufferSize?: number;
  snaplen?: number;
}

export type SniffOptions = SniffLinkOptions | SniffIfaceOptions;

interface SniffSource {
  frames: AsyncIterableIterator<Frame>;
  /** The link sniff opened itself and must close. */
  owned: Link | undefined;
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * Frames from a link until a stop condition: count, timeout, stop predicate, abort signal, link closed,
 * or the consumer leaving the loop. Every condition ends the iterator promptly (a pending next()
 * resolves done) and leaves no timer, listener or link behind.
 *
 * With `link`, frames are those received after sniff() was called. With `iface`, those received after
 * the link opened (await the first next(), or use `link` and await link.ready, when that moment matters).
 */
export function sniff(options: SniffOptions): AsyncIterableIterator<Frame> {
  return new Sniffer(options);
}

class Sniffer implements AsyncIterableIterator<Frame> {
  readonly #options: SniffOptions;
  readonly #stopAll = new AbortController();
  readonly #source: Promise<SniffSource>;
  #timer: NodeJS.Timeout | undefined;
  #count = 0;
  #finished = false;
  #cleanup: Promise<void> | undefined;
  readonly #onAbort = () => void this.#finish();

  constructor(options: SniffOptions) {
    this.#options = options;
    const { count, timeout } = options;
    if (count !== undefined && !(Number.isInteger(count) && count >= 0)) {
      throw new InvalidOptionError('count', count, 'an integer >= 0');
    }
    if (timeout !== undefined && !(timeout >= 0)) {
      throw new InvalidOptionError('timeout', timeout, 'a number of milliseconds >= 0');
    }
    const frameOptions = { signal: this.#stopAll.signal, queueCapacity: options.queueCapacity };
    if ('link' in options) {
      this.#source = Promise.resolve({ frames: options.link.frames(frameOptions), owned: undefined });
    } else {
      this.#source = openLiveLink({
        iface: options.iface,
        filter: options.bpf,
        bufferSize: options.bufferSize,
        snaplen: options.snaplen,
      }).then((link) => {
        if (this.#finished) {
          void link.close();
          return { frames: link.frames(frameOptions), owned: undefined };
        }
        return { frames: link.frames(frameOptions), owned: link };
      });
      // An open error surfaces from next(); do not also report it as unhandled.
      this.#source.catch(() => undefined);
    }
    if (options.signal?.aborted || count === 0) {
      void this.#finish();
      return;
    }
    options.signal?.addEventListener('abort', this.#onAbort, { once: true });
    if (timeout !== undefined) this.#timer = setTimeout(this.#onAbort, timeout);
  }

  async next(): Promise<IteratorResult<Frame, undefined>> {
    if (this.#finished) {
      await this.#cleanup;
      return DONE;
    }
    let source: SniffSource;
    try {
      source = await this.#source;
    } catch (error) {
      await this.#finish();
      throw error;
    }
    const { filter, stop, count } = this.#options;
    for (;;) {
      const result = await source.frames.next();
      if (result.done || this.#finished) {
        await this.#finish();
        return DONE;
      }
      const frame = result.value;
      if (filter && !filter(frame)) continue;
      this.#count++;
      if ((count !== undefined && this.#count >= count) || stop?.(frame)) void this.#finish();
      return { done: false, value: frame };
    }
  }

  async return(): Promise<IteratorResult<Frame, undefined>> {
    await this.#finish();
    return DONE;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<Frame> {
    return this;
  }

  #finish(): Promise<void> {
    if (this.#cleanup) return this.#cleanup;
    this.#finished = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#options.signal?.removeEventListener('abort', this.#onAbort);
    // Ends a pending frames.next() at once.
    this.#stopAll.abort();
    this.#cleanup = this.#source.then(
      ({ owned }) => owned?.close(),
      () => undefined,
    );
    return this.#cleanup;
  }
}
