import type { Frame } from '../frame.js';
import { ByteBatch } from './byte-batch.js';
import { CaptureWriteError } from './capture-file-errors.js';
import type { CaptureTarget } from './capture-sink.js';
import { CaptureSink } from './capture-sink.js';
import type { PcapngWriteOptions, PcapWriteOptions } from './capture-write-options.js';
import { PcapFrameEncoder } from './pcap-frame-encoder.js';
import { PcapngFrameEncoder } from './pcapng-frame-encoder.js';

interface FrameEncoder {
  header(batch: ByteBatch): void;
  frame(batch: ByteBatch, frame: Frame): void;
}

/** Batches are handed to the sink once they pass this size, so small frames are not one write each. */
const FLUSH_BYTES = 64 * 1024;

/**
 * Streams frames into a capture file. Frames are encoded into a reused buffer and written in batches;
 * `write` resolves at once unless a batch is being flushed into a slow sink. Always `close()` (it flushes
 * and ends the stream); a file that is not closed may miss its last batch.
 */
export abstract class CaptureWriter {
  private readonly batch = new ByteBatch(FLUSH_BYTES * 2);
  private readonly sink: CaptureSink;
  private closed = false;

  protected constructor(
    target: CaptureTarget,
    private readonly encoder: FrameEncoder,
  ) {
    this.sink = new CaptureSink(target);
    encoder.header(this.batch);
  }

  async write(frame: Frame): Promise<void> {
    if (this.closed)
      throw new CaptureWriteError('writer', undefined, 'closed; open a new writer to write more frames');
    this.encoder.frame(this.batch, frame);
    if (this.batch.length >= FLUSH_BYTES) await this.sink.write(this.batch.take());
  }

  async writeAll(frames: Iterable<Frame> | AsyncIterable<Frame>): Promise<void> {
    for await (const frame of frames) await this.write(frame);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.batch.length > 0) await this.sink.write(this.batch.take());
    await this.sink.end();
  }
}

/** Classic little-endian pcap, one link type, microsecond or nanosecond timestamps. */
export class PcapWriter extends CaptureWriter {
  constructor(target: CaptureTarget, options: PcapWriteOptions) {
    super(target, new PcapFrameEncoder(options));
  }
}

/** Little-endian pcapng: one section, one IDB per (interfaceId, linktype), EPBs. */
export class PcapngWriter extends CaptureWriter {
  constructor(target: CaptureTarget, options: PcapngWriteOptions = {}) {
    super(target, new PcapngFrameEncoder(options));
  }
}

/** A whole classic pcap file in memory. */
export function encodePcap(frames: Iterable<Frame>, options: PcapWriteOptions): Uint8Array {
  return encodeAll(new PcapFrameEncoder(options), frames);
}

/** A whole pcapng file in memory. */
export function encodePcapng(frames: Iterable<Frame>, options: PcapngWriteOptions = {}): Uint8Array {
  return encodeAll(new PcapngFrameEncoder(options), frames);
}

function encodeAll(encoder: FrameEncoder, frames: Iterable<Frame>): Uint8Array {
  const batch = new ByteBatch(4096);
  encoder.header(batch);
  for (const frame of frames) encoder.frame(batch, frame);
  return batch.take();
}
