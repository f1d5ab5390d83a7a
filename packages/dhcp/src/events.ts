/**
 * Typed engine events, delivered two ways: `on(listener)` for synchronous consumers (tests, counters) and
 * `events()` as an async iterator (the terminal app renders them live). Each iterator has its own bounded
 * queue so a slow renderer cannot stall the engine; overflow drops the oldest events and counts them.
 */
import type { Packet } from '@wirecraft/packet';
import type { DhcpMessage } from './wire/dhcp-message.js';
import type { DhcpMessageSummary } from './wire/message-summary.js';

export interface EngineEvent {
  readonly type: string;
  /** Real milliseconds since the engine started. */
  readonly time: number;
}

export type EventListener<E> = (event: E) => void;
export type Unsubscribe = () => void;

export interface EventSource<E extends EngineEvent> {
  on(listener: EventListener<E>): Unsubscribe;
  events(options?: { signal?: AbortSignal; queueCapacity?: number }): AsyncIterableIterator<E>;
}

export class EventHub<E extends EngineEvent> implements EventSource<E> {
  readonly #listeners = new Set<EventListener<E>>();
  #closed = false;
  #dropped = 0;
  readonly #closers = new Set<() => void>();

  /** Events an iterator lost because its queue was full. */
  get dropped(): number {
    return this.#dropped;
  }

  /** True when anyone listens: lets hot paths skip building event payloads. */
  get active(): boolean {
    return this.#listeners.size > 0;
  }

  on(listener: EventListener<E>): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: E): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // A failing listener must not break the protocol engine; it only loses its own view.
      }
    }
  }

  /** Ends every iterator (after it drains its queue). */
  close(): void {
    this.#closed = true;
    for (const close of this.#closers) close();
    this.#closers.clear();
  }

  events(options: { signal?: AbortSignal; queueCapacity?: number } = {}): AsyncIterableIterator<E> {
    const capacity = options.queueCapacity ?? 10_000;
    const queue: E[] = [];
    let wake: (() => void) | undefined;
    let ended = this.#closed;
    const end = () => {
      ended = true;
      unsubscribe();
      wake?.();
    };
    const unsubscribe = this.on((event) => {
      if (queue.length >= capacity) {
        queue.shift();
        this.#dropped++;
      }
      queue.push(event);
      wake?.();
    });
    this.#closers.add(end);
    options.signal?.addEventListener('abort', end, { once: true });
    const iterator: AsyncIterableIterator<E> = {
      [Symbol.asyncIterator]: () => iterator,
      next: async (): Promise<IteratorResult<E>> => {
        while (queue.length === 0 && !ended) {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = undefined;
        }
        const event = queue.shift();
        if (event !== undefined) return { value: event, done: false };
        return { value: undefined, done: true };
      },
      return: async (): Promise<IteratorResult<E>> => {
        end();
        this.#closers.delete(end);
        return { value: undefined, done: true };
      },
    };
    return iterator;
  }
}

/** A message an engine sent or received. `packet` is dissected on first read (cheap when unused). */
export interface DhcpMessageEvent extends EngineEvent {
  readonly type: 'sent' | 'received';
  readonly summary: DhcpMessageSummary;
  readonly message: DhcpMessage;
  readonly packet: Packet;
}

export function messageEvent(
  type: 'sent' | 'received',
  time: number,
  summary: DhcpMessageSummary,
  message: DhcpMessage,
  makePacket: () => Packet,
): DhcpMessageEvent {
  let made: Packet | undefined;
  return {
    type,
    time,
    summary,
    message,
    get packet() {
      made ??= makePacket();
      return made;
    },
  };
}
