import type { Frame } from '../frame.js';
import { CaptureDecoder } from './capture-decoder.js';
import type { CaptureInfo } from './capture-info.js';
import type { CaptureReadOptions } from './format-decoder.js';

/**
 * Reads a whole capture held in memory (pcap or pcapng, detected from the magic). Iterating yields every
 * frame in file order; on corrupt or truncated input it yields every complete frame first, then throws
 * a PcapFormatError. `info` is filled as soon as the file header has been read (on the first `next()`).
 */
export class CaptureBytesReader implements Iterable<Frame> {
  private readonly decoder: CaptureDecoder;
  private readonly bytes: Uint8Array;

  constructor(bytes: Uint8Array, options: CaptureReadOptions = {}) {
    // A plain Uint8Array view, so copies made for frames are real copies even when given a Buffer.
    this.bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.decoder = new CaptureDecoder(options);
  }

  get info(): CaptureInfo | undefined {
    return this.decoder.info;
  }

  /**
   * A hand-written iterator rather than a generator: no generator resume per frame, which keeps the
   * in-memory read close to the cost of decoding the record headers.
   */
  [Symbol.iterator](): Iterator<Frame, undefined> {
    return new BytesFrameIterator(this.bytes, this.decoder);
  }
}

class BytesFrameIterator implements Iterator<Frame, undefined> {
  private readonly view: DataView;
  private offset = 0;
  private done = false;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly decoder: CaptureDecoder,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  next(): IteratorResult<Frame, undefined> {
    const { bytes, decoder } = this;
    const end = bytes.length;
    while (!this.done) {
      const consumed = decoder.decode(bytes, this.view, this.offset, end, this.offset);
      if (consumed === 0) {
        this.done = true;
        decoder.finish(end - this.offset, this.offset);
        break;
      }
      this.offset += consumed;
      const frame = decoder.frame;
      if (frame !== null) return { done: false, value: frame };
    }
    return { done: true, value: undefined };
  }

  return(): IteratorResult<Frame, undefined> {
    this.done = true;
    return { done: true, value: undefined };
  }
}

/** Every frame of an in-memory capture, as an array (throws PcapFormatError on corrupt input). */
export function readCaptureBytes(bytes: Uint8Array, options: CaptureReadOptions = {}): Frame[] {
  return [...new CaptureBytesReader(bytes, options)];
}
