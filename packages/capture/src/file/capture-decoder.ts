import type { Frame } from '../frame.js';
import { PcapFormatError, PcapTruncatedError } from './capture-file-errors.js';
import type { CaptureInfo } from './capture-info.js';
import { ClassicPcapDecoder } from './classic-pcap-decoder.js';
import type { CaptureReadOptions, FormatDecoder } from './format-decoder.js';
import { DEFAULT_MAX_RECORD_BYTES } from './format-decoder.js';
import { hex32, MAGIC } from './pcap-magic.js';
import { PcapngDecoder } from './pcapng-decoder.js';

/**
 * Recognises the container from its magic number, then hands every later call to the format's decoder.
 * Shared by the in-memory and the streaming readers so both behave identically on every input.
 */
export class CaptureDecoder {
  info: CaptureInfo | undefined;
  private format: FormatDecoder | undefined;
  private readonly maxRecordBytes: number;
  private readonly viewData: boolean;

  constructor(options: CaptureReadOptions = {}) {
    this.maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
    this.viewData = options.frameData === 'view';
  }

  /** The packet held by the last consumed item, or null when it was metadata. */
  get frame(): Frame | null {
    return this.format?.frame ?? null;
  }

  /** Bytes (from the offset of the last decode call) needed before decode can make progress. */
  get needed(): number {
    return this.format?.needed ?? 4;
  }

  /** Consumes one item from buf[offset, end): returns its size, or 0 when more bytes are needed. */
  decode(buf: Uint8Array, view: DataView, offset: number, end: number, fileOffset: number): number {
    if (this.format === undefined) {
      if (end - offset < 4) return 0;
      this.format = this.detect(view.getUint32(offset, true), fileOffset);
      this.format.viewData = this.viewData;
    }
    return this.format.decode(buf, view, offset, end, fileOffset);
  }

  /** End of input with `remaining` bytes unconsumed: throws unless the input ended on an item boundary. */
  finish(remaining: number, fileOffset: number): void {
    if (this.format === undefined) {
      if (remaining === 0)
        throw new PcapFormatError(fileOffset, 'capture file', 'empty: no pcap or pcapng header');
      throw new PcapTruncatedError(fileOffset, 'file magic', 4, remaining, false);
    }
    if (remaining > 0) throw this.format.truncated(remaining, fileOffset);
  }

  private detect(magic: number, fileOffset: number): FormatDecoder {
    const info: CaptureInfo = {
      format: magic === MAGIC.PCAPNG ? 'pcapng' : 'pcap',
      sections: [],
      interfaces: [],
      names: [],
      customBlocks: 0,
      unknownBlocks: 0,
    };
    switch (magic) {
      case MAGIC.PCAP_MICRO_LE:
      case MAGIC.PCAP_MICRO_BE:
      case MAGIC.PCAP_NANO_LE:
      case MAGIC.PCAP_NANO_BE:
        this.info = info;
        return new ClassicPcapDecoder(info, this.maxRecordBytes);
      case MAGIC.PCAPNG:
        this.info = info;
        return new PcapngDecoder(info, this.maxRecordBytes);
      default:
        throw new PcapFormatError(
          fileOffset,
          'capture file',
          `magic ${hex32(magic)} (read little-endian) is neither pcap (a1b2c3d4, a1b23c4d, either byte order) nor pcapng (0a0d0d0a)`,
        );
    }
  }
}
