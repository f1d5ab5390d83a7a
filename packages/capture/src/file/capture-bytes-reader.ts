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

  *[Symbol.iterator](): Generator<Frame, void, undefined> {
    const bytes = this.bytes;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const decoder = this.decoder;
    const end = bytes.length;
    let offset = 0;
    for (;;) {
      const consumed = decoder.decode(bytes, view, offset, end, offset);
      if (consumed === 0) {
        decoder.finish(end - offset, offset);
        return;
      }
      offset += consumed;
      const frame = decoder.frame;
      if (frame !== null) yield frame;
    }
  }
}

/** Every frame of an in-memory capture, as an array (throws PcapFormatError on corrupt input). */
export function readCaptureBytes(bytes: Uint8Array, options: CaptureReadOptions = {}): Frame[] {
  return [...new CaptureBytesReader(bytes, options)];
}
