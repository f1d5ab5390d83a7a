import type { Frame } from '../frame.js';
import { PcapFormatError } from './capture-file-errors.js';
import type { CaptureInterface } from './capture-info.js';
import { FormatDecoder } from './format-decoder.js';
import {
  CLASSIC_FCS_PRESENT,
  CLASSIC_HEADER_BYTES,
  CLASSIC_LINKTYPE_MASK,
  CLASSIC_RECORD_HEADER_BYTES,
  MAGIC,
} from './pcap-magic.js';
import { MICROSECONDS, NANOSECONDS } from './timestamp-resolution.js';

/** Classic libpcap files: 24-byte file header, then 16-byte record headers each followed by the bytes. */
export class ClassicPcapDecoder extends FormatDecoder {
  private little = true;
  private nano = false;
  private linktype = 0;
  private headerDone = false;

  decode(buf: Uint8Array, view: DataView, offset: number, end: number, fileOffset: number): number {
    this.frame = null;
    if (!this.headerDone) return this.decodeHeader(view, offset, end);
    const available = end - offset;
    if (available < CLASSIC_RECORD_HEADER_BYTES) {
      return this.needMore('record header', CLASSIC_RECORD_HEADER_BYTES, false);
    }
    const little = this.little;
    const seconds = view.getUint32(offset, little);
    const fraction = view.getUint32(offset + 4, little);
    const capturedLength = view.getUint32(offset + 8, little);
    const originalLength = view.getUint32(offset + 12, little);
    if (capturedLength > this.maxRecordBytes) {
      throw new PcapFormatError(
        fileOffset,
        'record',
        `captured length ${capturedLength} exceeds the ${this.maxRecordBytes}-byte limit (corrupt file, or raise maxRecordBytes)`,
      );
    }
    const total = CLASSIC_RECORD_HEADER_BYTES + capturedLength;
    if (available < total) return this.needMore('record', total, true);
    // A fraction past one second (seen in fuzzed files) is carried into the seconds.
    const perSecond = this.nano ? 1_000_000_000 : 1_000_000;
    const carry = fraction >= perSecond ? Math.floor(fraction / perSecond) : 0;
    const nanoseconds = (fraction - carry * perSecond) * (this.nano ? 1 : 1000);
    const frame: Frame = {
      data: this.frameBytes(buf, offset + CLASSIC_RECORD_HEADER_BYTES, capturedLength),
      timestamp: { seconds: seconds + carry, nanoseconds, precision: this.nano ? 9 : 6 },
      originalLength,
      linktype: this.linktype,
    };
    this.frame = frame;
    return total;
  }

  private decodeHeader(view: DataView, offset: number, end: number): number {
    if (end - offset < CLASSIC_HEADER_BYTES)
      return this.needMore('pcap file header', CLASSIC_HEADER_BYTES, false);
    const magic = view.getUint32(offset, true);
    this.little = magic === MAGIC.PCAP_MICRO_LE || magic === MAGIC.PCAP_NANO_LE;
    this.nano = magic === MAGIC.PCAP_NANO_LE || magic === MAGIC.PCAP_NANO_BE;
    const little = this.little;
    const snaplen = view.getUint32(offset + 16, little);
    const linktypeField = view.getUint32(offset + 20, little);
    this.linktype = linktypeField & CLASSIC_LINKTYPE_MASK;
    const iface: CaptureInterface = {
      id: 0,
      section: 0,
      idInSection: 0,
      linktype: this.linktype,
      snaplen,
      resolution: this.nano ? NANOSECONDS : MICROSECONDS,
      offsetSeconds: 0,
      ...(linktypeField & CLASSIC_FCS_PRESENT ? { fcsLength: ((linktypeField >>> 28) & 0xf) * 2 } : {}),
    };
    this.info.sections.push({
      byteOrder: little ? 'little' : 'big',
      versionMajor: view.getUint16(offset + 4, little),
      versionMinor: view.getUint16(offset + 6, little),
    });
    this.info.interfaces.push(iface);
    this.headerDone = true;
    return CLASSIC_HEADER_BYTES;
  }
}
