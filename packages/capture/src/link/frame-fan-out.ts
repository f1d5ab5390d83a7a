import type { Frame } from '../frame.js';

const DEFAULT_QUEUE_CAPACITY = 4096;
const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * Delivers each published frame to every registered consumer. Each consumer has its own bounded
 * queue so a slow consumer loses its own frames (counted) instead of stalling the others or growing
 * memory without bound.
 */
export class FrameFanOut {
  #consumers = new Set<FanOutConsumer>();
  #closed = false;
  /** Overflow drops of consumers that have already finished, so the total never goes down. */
  #retiredDrops = 0;
  #spaceWaiters: (() => void)[] = [];

  get consumerCount(): number {
    return this.#consumers.size;
  }

  get queueDropped(): number {
    let total = this.#retiredDrops;
    for (const consumer of this.#consumers) total += consumer.dropped;
    return total;
  }

  /** True when every consumer can take another frame without dropping it. */
  get hasSpace(): boolean {
    for (const consumer of this.#consumers) if (consumer.full) return false;
    return true;
  }

  /**
   * For sources that can wait (file replay): resolves once no consumer's queue is full, so replay at
   * top speed loses nothing. Live sources cannot wait and just publish.
   */
  waitForSpace(): Promise<void> {
    if (this.hasSpace) return Promise.resolve();
    return new Promise((resolve) => this.#spaceWaiters.push(resolve));
  }

  publish(frame: Frame): void {
    for (const consumer of this.#consumers) consumer.push(frame);
  }

  subscribe(options: { signal?: AbortSignal; queueCapacity?: number } = {}): AsyncIterableIterator<Frame> {
    const consumer = new FanOutConsumer(
      options.queueCapacity ?? DEFAULT_QUEUE_CAPACITY,
      (c) => {
        if (this.#consumers.delete(c)) this.#retiredDrops += c.dropped;
        this.#checkSpace();
      },
      () => this.#checkSpace(),
    );
    if (this.#closed) {
      consumer.end();
      return consumer;
    }
    this.#consumers.add(consumer);
    consumer.watch(options.signal);
    return consumer;
  }

  /** Ends every consumer; frames already queued are still delivered. Later subscribers end at once. */
  close(): void {
    this.#closed = true;
    for (const consumer of [...this.#consumers]) consumer.end();
    this.#checkSpace();
  }

  #checkSpace(): void {
    if (this.#spaceWaiters.length === 0 || (!this.hasSpace && !this.#closed)) return;
    const waiters = this.#spaceWaiters;
    this.#spaceWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

class FanOutConsumer implements AsyncIterableIterator<Frame> {
  dropped = 0;
  readonly #capacity: number;
  readonly #onFinish: (consumer: FanOutConsumer) => void;
  readonly #onDequeue: () => void;
  // A ring buffer: publish is the hot path and must not shift arrays.
  readonly #ring: (Frame | undefined)[];
  #head = 0;
  #size = 0;
  #ended = false;
  #waiting: ((result: IteratorResult<Frame, undefined>) => void) | undefined;
  #signal: AbortSignal | undefined;
  readonly #onAbort = () => this.finish();

  constructor(capacity: number, onFinish: (consumer: FanOutConsumer) => void, onDequeue: () => void) {
    this.#capacity = Math.max(1, Math.floor(capacity));
    this.#ring = new Array(this.#capacity);
    this.#onFinish = onFinish;
    this.#onDequeue = onDequeue;
  }

  get full(): boolean {
    return this.#size === this.#capacity;
  }

  watch(signal: AbortSignal | undefined): void {
    if (!signal) return;
    if (signal.aborted) {
      this.finish();
      return;
    }
    this.#signal = signal;
    signal.addEventListener('abort', this.#onAbort, { once: true });
  }

  push(frame: Frame): void {
    if (this.#ended) return;
    const waiting = this.#waiting;
    if (waiting) {
      this.#waiting = undefined;
      waiting({ done: false, value: frame });
      return;
    }
    if (this.#size === this.#capacity) {
      this.dropped++;
      return;
    }
    this.#ring[(this.#head + this.#size) % this.#capacity] = frame;
    this.#size++;
  }

  /** No more frames will come; queued ones are still delivered. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#detach();
    if (this.#size === 0) this.#resolveDone();
  }

  /** Stop now: drop what is queued. */
  finish(): void {
    this.#ended = true;
    this.#size = 0;
    this.#ring.fill(undefined);
    this.#detach();
    this.#resolveDone();
  }

  next(): Promise<IteratorResult<Frame, undefined>> {
    if (this.#size > 0) {
      const frame = this.#ring[this.#head]!;
      this.#ring[this.#head] = undefined;
      this.#head = (this.#head + 1) % this.#capacity;
      this.#size--;
      if (this.#size === this.#capacity - 1) this.#onDequeue();
      return Promise.resolve({ done: false, value: frame });
    }
    if (this.#ended) return Promise.resolve(DONE);
    if (this.#waiting)
      return Promise.reject(new Error('frames(): next() called again before the previous one settled'));
    return new Promise((resolve) => {
      this.#waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<Frame, undefined>> {
    this.finish();
    return Promise.resolve(DONE);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<Frame> {
    return this;
  }

  #resolveDone(): void {
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.(DONE);
  }

  #detach(): void {
    this.#signal?.removeEventListener('abort', this.#onAbort);
    this.#signal = undefined;
    this.#onFinish(this);
  }
}
