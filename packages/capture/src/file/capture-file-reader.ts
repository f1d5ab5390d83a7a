import type { Frame } from '../frame.js';
import { CaptureDecoder } from './capture-decoder.js';
import type { CaptureInfo } from './capture-info.js';
import type { CaptureSource, ChunkSource } from './chunk-source.js';
import { chunkSource } from './chunk-source.js';
import type { CaptureReadOptions } from './format-decoder.js';

export interface CaptureStreamOptions extends CaptureReadOptions {
  /** Read-buffer size in bytes (default 256 KiB); it grows only for a record larger than itself. */
  chunkBytes?: number;
}

const DEFAULT_CHUNK_BYTES = 256 * 1024;

/**
 * Streams the frames of a pcap or pcapng file (a path, a Node Readable or an async iterable of chunks)
 * in constant memory: one reusable buffer, frames copied out of it (or viewed in it: `frameData: 'view'`).
 * Iterate frame by frame (`for await`), or batch by batch with `nextBatch()`/`batches()`, which costs
 * one promise per read chunk instead of one per frame. On corrupt or truncated input every
 * complete frame is yielded first, then a PcapFormatError is thrown. The source is closed when iteration
 * ends, fails or is abandoned (break).
 */
export class CaptureFileReader implements AsyncIterable<Frame>, AsyncIterator<Frame, undefined> {
  private readonly decoder: CaptureDecoder;
  private readonly source: ChunkSource;
  private buf: Uint8Array;
  private view: DataView;
  private start = 0;
  private end = 0;
  private fileOffset = 0;
  private atEnd = false;
  private finished = false;
  /** A frame read ahead by readInfo(), handed out first by next(). */
  private lookahead: IteratorResult<Frame, undefined> | undefined;
  /** An error met after some frames of a batch: those are returned first, the error on the next call. */
  private deferredError: { error: unknown } | undefined;

  constructor(source: CaptureSource, options: CaptureStreamOptions = {}) {
    this.decoder = new CaptureDecoder(options);
    this.source = chunkSource(source);
    this.buf = new Uint8Array(options.chunkBytes ?? DEFAULT_CHUNK_BYTES);
    this.view = new DataView(this.buf.buffer);
  }

  /** What is known of the file so far; undefined before the first read. */
  get info(): CaptureInfo | undefined {
    return this.decoder.info;
  }

  /**
   * Reads up to the first frame (or the end) so that `info` holds the file header and, for pcapng, every
   * interface declared before the first packet. The frame read ahead is still yielded by the iterator.
   */
  async readInfo(): Promise<CaptureInfo> {
    if (this.lookahead === undefined && !this.finished) this.lookahead = await this.next();
    const info = this.decoder.info;
    // next() either fills info or throws before the first frame; this is only reached with info set.
    if (info === undefined) throw new Error('capture reader: header not decoded');
    return info;
  }

  [Symbol.asyncIterator](): AsyncIterator<Frame, undefined> {
    return this;
  }

  /**
   * A hand-written iterator rather than an async generator: frames already in the buffer are decoded
   * synchronously, which keeps the per-record cost to one settled promise.
   */
  async next(): Promise<IteratorResult<Frame, undefined>> {
    const ahead = this.lookahead;
    if (ahead !== undefined) {
      this.lookahead = undefined;
      return ahead;
    }
    this.throwDeferred();
    const decoder = this.decoder;
    try {
      for (;;) {
        if (this.finished) return { done: true, value: undefined };
        if (this.start < this.end || this.atEnd) {
          const consumed = decoder.decode(this.buf, this.view, this.start, this.end, this.fileOffset);
          if (consumed > 0) {
            this.start += consumed;
            this.fileOffset += consumed;
            const frame = decoder.frame;
            if (frame !== null) return { done: false, value: frame };
            continue;
          }
          if (this.atEnd) {
            decoder.finish(this.end - this.start, this.fileOffset);
            await this.close();
            return { done: true, value: undefined };
          }
        }
        await this.fill(decoder.needed);
      }
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  /**
   * Every frame already decodable from the read buffer, reading more first only when none is: one
   * promise per read chunk (256 KiB by default, about 800 DHCP frames) instead of one per frame.
   * Resolves to undefined at the end. On corrupt or truncated input the complete frames before the
   * fault come in a batch first, and the next call throws. With `frameData: 'view'`, the frames' bytes
   * are views of the read buffer, valid until the next call to nextBatch() or next().
   */
  async nextBatch(): Promise<Frame[] | undefined> {
    const batch: Frame[] = [];
    const ahead = this.lookahead;
    if (ahead !== undefined) {
      this.lookahead = undefined;
      if (ahead.done === true) return undefined;
      batch.push(ahead.value);
    }
    this.throwDeferred();
    const decoder = this.decoder;
    try {
      for (;;) {
        if (this.finished) return batch.length > 0 ? batch : undefined;
        if (this.start < this.end || this.atEnd) {
          const consumed = decoder.decode(this.buf, this.view, this.start, this.end, this.fileOffset);
          if (consumed > 0) {
            this.start += consumed;
            this.fileOffset += consumed;
            const frame = decoder.frame;
            if (frame !== null) batch.push(frame);
            continue;
          }
          if (this.atEnd) {
            decoder.finish(this.end - this.start, this.fileOffset);
            await this.close();
            return batch.length > 0 ? batch : undefined;
          }
        }
        // Reading now would move the bytes that this batch's views point into.
        if (batch.length > 0) return batch;
        await this.fill(decoder.needed);
      }
    } catch (error) {
      await this.close();
      if (batch.length === 0) throw error;
      this.deferredError = { error };
      return batch;
    }
  }

  /** The frames in batches (see nextBatch); leaving the loop early closes the source. */
  async *batches(): AsyncGenerator<Frame[], void, undefined> {
    try {
      for (;;) {
        const batch = await this.nextBatch();
        if (batch === undefined) return;
        yield batch;
      }
    } finally {
      await this.close();
    }
  }

  async return(): Promise<IteratorResult<Frame, undefined>> {
    await this.close();
    return { done: true, value: undefined };
  }

  /** Stops reading and releases the file or stream. */
  async close(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    await this.source.close();
  }

  private throwDeferred(): void {
    const deferred = this.deferredError;
    if (deferred !== undefined) {
      this.deferredError = undefined;
      throw deferred.error;
    }
  }

  /** Makes room for `needed` bytes from `start` (compacting, or growing for a large record) and reads. */
  private async fill(needed: number): Promise<void> {
    if (this.start + needed > this.buf.length) {
      if (needed > this.buf.length) {
        const grown = new Uint8Array(Math.max(needed, this.buf.length * 2));
        grown.set(this.buf.subarray(this.start, this.end));
        this.buf = grown;
        this.view = new DataView(grown.buffer);
      } else {
        this.buf.copyWithin(0, this.start, this.end);
      }
      this.end -= this.start;
      this.start = 0;
    }
    const count = await this.source.read(this.buf, this.end, this.buf.length - this.end);
    if (count === 0) this.atEnd = true;
    else this.end += count;
  }
}

/** Streams the frames of a capture file or stream (see CaptureFileReader). */
export function readCaptureFile(
  source: CaptureSource,
  options: CaptureStreamOptions = {},
): AsyncIterable<Frame> {
  return new CaptureFileReader(source, options);
}
