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
 * in constant memory: one reusable buffer, frames copied out of it. On corrupt or truncated input every
 * complete frame is yielded first, then a PcapFormatError is thrown. The source is closed when iteration
 * ends, fails or is abandoned (break).
 */
export class CaptureFileReader implements AsyncIterable<Frame> {
  private readonly decoder: CaptureDecoder;
  private readonly source: ChunkSource;
  private readonly chunkBytes: number;
  private readonly frames: AsyncGenerator<Frame, void, undefined>;
  /** A frame read ahead by readInfo(), handed out first by the iterator. */
  private lookahead: IteratorResult<Frame, void> | undefined;

  constructor(source: CaptureSource, options: CaptureStreamOptions = {}) {
    this.decoder = new CaptureDecoder(options);
    this.source = chunkSource(source);
    this.chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
    this.frames = this.decodeAll();
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
    if (this.lookahead === undefined) this.lookahead = await this.frames.next();
    const info = this.decoder.info;
    // decodeAll either fills info or throws before the first frame; this is only reached with info set.
    if (info === undefined) throw new Error('capture reader: header not decoded');
    return info;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Frame, void, undefined> {
    try {
      if (this.lookahead !== undefined) {
        const first = this.lookahead;
        this.lookahead = undefined;
        if (first.done === true) return;
        yield first.value;
      }
      yield* this.frames;
    } finally {
      await this.frames.return();
    }
  }

  /** Stops reading and releases the file or stream. */
  async close(): Promise<void> {
    await this.frames.return();
  }

  private async *decodeAll(): AsyncGenerator<Frame, void, undefined> {
    const decoder = this.decoder;
    const source = this.source;
    let buf = new Uint8Array(this.chunkBytes);
    let view = new DataView(buf.buffer);
    let start = 0;
    let end = 0;
    let fileOffset = 0;
    let atEnd = false;
    try {
      for (;;) {
        if (start < end || atEnd) {
          const consumed = decoder.decode(buf, view, start, end, fileOffset);
          if (consumed > 0) {
            start += consumed;
            fileOffset += consumed;
            const frame = decoder.frame;
            if (frame !== null) yield frame;
            continue;
          }
          if (atEnd) {
            decoder.finish(end - start, fileOffset);
            return;
          }
        }
        const needed = decoder.needed;
        if (start + needed > buf.length) {
          if (needed > buf.length) {
            const grown = new Uint8Array(Math.max(needed, buf.length * 2));
            grown.set(buf.subarray(start, end));
            buf = grown;
            view = new DataView(buf.buffer);
          } else {
            buf.copyWithin(0, start, end);
          }
          end -= start;
          start = 0;
        }
        const count = await source.read(buf, end, buf.length - end);
        if (count === 0) atEnd = true;
        else end += count;
      }
    } finally {
      await source.close();
    }
  }
}

/** Streams the frames of a capture file or stream (see CaptureFileReader). */
export function readCaptureFile(
  source: CaptureSource,
  options: CaptureStreamOptions = {},
): AsyncIterable<Frame> {
  return new CaptureFileReader(source, options);
}
