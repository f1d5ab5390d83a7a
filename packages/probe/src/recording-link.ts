import {
  type FramesOptions,
  type Frame,
  type Link,
  LinkClosedError,
  type LinkStats,
} from '@wirecraft/capture';
import { dissect } from '@wirecraft/packet';

/** Lines kept per direction: a flood (a load check, a chatty segment) must not grow a report without bound. */
export const MAX_RECORDED_LINES = 200;

/** One direction of a check's traffic as summary lines with the time since the check started. */
export class TrafficLog {
  readonly lines: string[] = [];
  #dropped = 0;

  constructor(readonly startedAt: number) {}

  record(data: Uint8Array, linktype: number): void {
    if (this.lines.length >= MAX_RECORDED_LINES) {
      this.#dropped++;
      return;
    }
    const elapsed = (performance.now() - this.startedAt).toFixed(1);
    let text: string;
    try {
      text = dissect(data, { linktype }).summary();
    } catch (error) {
      text = `${data.length} bytes that do not dissect (${error instanceof Error ? error.message : String(error)})`;
    }
    this.lines.push(`+${elapsed}ms ${text}`);
  }

  /** The lines, with a last one counting what was left out. */
  finish(): string[] {
    if (this.#dropped > 0) this.lines.push(`… ${this.#dropped} more frames not listed`);
    return this.lines;
  }
}

/**
 * The link one check sees: everything sent through it and everything the underlying link receives while
 * the check runs is recorded for the report. end() detaches it, so a check that timed out and keeps
 * running in the background can neither send nor pollute the next check's record.
 */
export class RecordingLink implements Link {
  readonly sent: TrafficLog;
  readonly received: TrafficLog;
  readonly #inner: Link;
  readonly #detach = new AbortController();
  readonly #recorder: Promise<void>;

  constructor(inner: Link, startedAt: number) {
    this.#inner = inner;
    this.sent = new TrafficLog(startedAt);
    this.received = new TrafficLog(startedAt);
    // Registered now, before the check sends anything, so no reply escapes the record.
    const frames = inner.frames({ signal: this.#detach.signal });
    this.#recorder = this.#record(frames);
  }

  get name(): string {
    return this.#inner.name;
  }

  get linktype(): number {
    return this.#inner.linktype;
  }

  get mtu(): number | undefined {
    return this.#inner.mtu;
  }

  get stats(): LinkStats {
    return this.#inner.stats;
  }

  get ready(): Promise<void> {
    return this.#inner.ready;
  }

  get closed(): boolean {
    return this.#detach.signal.aborted || this.#inner.closed;
  }

  async send(frame: Uint8Array): Promise<void> {
    if (this.closed) throw new LinkClosedError(this.name);
    this.sent.record(frame, this.linktype);
    await this.#inner.send(frame);
  }

  frames(options: FramesOptions = {}): AsyncIterableIterator<Frame> {
    const signal = options.signal
      ? AbortSignal.any([options.signal, this.#detach.signal])
      : this.#detach.signal;
    return this.#inner.frames({ ...options, signal });
  }

  /** The check is over: ends every iterator handed out and stops recording. The underlying link stays open. */
  async close(): Promise<void> {
    this.#detach.abort();
    await this.#recorder;
  }

  async #record(frames: AsyncIterableIterator<Frame>): Promise<void> {
    for await (const frame of frames) this.received.record(frame.data, frame.linktype);
  }
}
