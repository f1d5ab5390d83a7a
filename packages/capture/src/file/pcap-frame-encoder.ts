import type { Frame } from '../frame.js';
import type { ByteBatch } from './byte-batch.js';
import { CaptureWriteError } from './capture-file-errors.js';
import type { PcapWriteOptions } from './capture-write-options.js';
import { checkFrame, checkSnaplen, DEFAULT_SNAPLEN } from './capture-write-options.js';
import { CLASSIC_HEADER_BYTES, CLASSIC_RECORD_HEADER_BYTES, MAGIC } from './pcap-magic.js';

/** Encodes a little-endian classic pcap: the file header once, then one record per frame. */
export class PcapFrameEncoder {
  private readonly linktype: number;
  private readonly snaplen: number;
  private readonly nano: boolean;

  constructor(options: PcapWriteOptions) {
    if (!Number.isInteger(options.linktype) || options.linktype < 0 || options.linktype > 0x03ff_ffff) {
      throw new CaptureWriteError(
        'linktype',
        options.linktype,
        'must be a LINKTYPE_* integer in 0..67108863',
      );
    }
    this.linktype = options.linktype;
    this.snaplen = checkSnaplen(options.snaplen ?? DEFAULT_SNAPLEN);
    this.nano = options.precision === 'nano';
  }

  header(batch: ByteBatch): void {
    const at = batch.reserve(CLASSIC_HEADER_BYTES);
    const view = batch.view;
    view.setUint32(at, this.nano ? MAGIC.PCAP_NANO_LE : MAGIC.PCAP_MICRO_LE, true);
    view.setUint16(at + 4, 2, true);
    view.setUint16(at + 6, 4, true);
    view.setInt32(at + 8, 0, true);
    view.setUint32(at + 12, 0, true);
    view.setUint32(at + 16, this.snaplen, true);
    view.setUint32(at + 20, this.linktype, true);
  }

  frame(batch: ByteBatch, frame: Frame): void {
    checkFrame(frame);
    if (frame.linktype !== this.linktype) {
      throw new CaptureWriteError(
        'frame.linktype',
        frame.linktype,
        `this pcap file is linktype ${this.linktype} and classic pcap holds one link type (write pcapng for mixed links)`,
      );
    }
    const captured = Math.min(frame.data.length, this.snaplen);
    const at = batch.reserve(CLASSIC_RECORD_HEADER_BYTES + captured);
    const view = batch.view;
    const { seconds, nanoseconds } = frame.timestamp;
    view.setUint32(at, seconds, true);
    view.setUint32(at + 4, this.nano ? nanoseconds : Math.floor(nanoseconds / 1000), true);
    view.setUint32(at + 8, captured, true);
    view.setUint32(at + 12, frame.originalLength, true);
    batch.bytes.set(
      captured === frame.data.length ? frame.data : frame.data.subarray(0, captured),
      at + CLASSIC_RECORD_HEADER_BYTES,
    );
  }
}
