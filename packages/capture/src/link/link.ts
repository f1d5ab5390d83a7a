import type { Frame } from '../frame.js';

export interface LinkStats {
  /** Frames handed to the transport by send(). */
  readonly sent: number;
  /** Frames the link received from its transport (before fan-out to consumers). */
  readonly received: number;
  /** Frames the transport itself dropped; undefined when the transport cannot tell (cap has no pcap_stats). */
  readonly dropped: number | undefined;
  /** Frames dropped because a consumer's bounded queue was full, summed over consumers. */
  readonly queueDropped: number;
}

export interface FramesOptions {
  /** Ends the iterator (done, no error) when aborted. */
  signal?: AbortSignal;
  /** Frames buffered for this consumer; further frames are dropped (counted in stats.queueDropped). Default 4096. */
  queueCapacity?: number;
}

/**
 * One interface for every transport: a live NIC, a virtual hub port, a replayed file.
 *
 * Consumers register when they call frames() (not when they first call next()): a consumer that called
 * frames() before a send() sees every reply to it. This is what lets srp avoid scapy's start-up race
 * (secdev/scapy#3208).
 */
export interface Link {
  readonly name: string;
  /** LINKTYPE_* of the frames this link carries. */
  readonly linktype: number;
  readonly mtu?: number;
  /** Rejects with LinkClosedError after close(). */
  send(frame: Uint8Array): Promise<void>;
  /** Each consumer gets every frame received after frames() was called. Frames are shared: treat them as read-only. */
  frames(options?: FramesOptions): AsyncIterableIterator<Frame>;
  readonly stats: LinkStats;
  /** Idempotent; ends every iterator. */
  close(): Promise<void>;
  /** Resolves when the receive side is live. */
  readonly ready: Promise<void>;
  readonly closed: boolean;
}
