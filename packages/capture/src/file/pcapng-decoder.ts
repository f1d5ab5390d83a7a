import type { Frame } from '../frame.js';
import { PcapFormatError } from './capture-file-errors.js';
import type { CaptureInterface, CaptureSection } from './capture-info.js';
import { FormatDecoder } from './format-decoder.js';
import { hex32, PCAPNG_BLOCK, PCAPNG_BYTE_ORDER_MAGIC } from './pcap-magic.js';
import {
  forEachOption,
  IF_DESCRIPTION,
  IF_FCSLEN,
  IF_NAME,
  IF_TSOFFSET,
  IF_TSRESOL,
  ISB_IFDROP,
  ISB_IFRECV,
  optionText,
  optionUint64,
  SHB_HARDWARE,
  SHB_OS,
  SHB_USERAPPL,
} from './pcapng-options.js';
import { MICROSECONDS, resolutionFromTsresol, ticksToTimestamp } from './timestamp-resolution.js';
import type { TimestampResolution } from './timestamp-resolution.js';

const BLOCK_OVERHEAD = 12;
const SWAPPED_BYTE_ORDER_MAGIC = 0x4d3c2b1a;

const NRB_END = 0;
const NRB_IPV4 = 1;
const NRB_IPV6 = 2;

const BLOCK_NAMES: Record<number, string> = {
  [PCAPNG_BLOCK.SECTION_HEADER]: 'section header block',
  [PCAPNG_BLOCK.INTERFACE_DESCRIPTION]: 'interface description block',
  [PCAPNG_BLOCK.PACKET]: 'packet block',
  [PCAPNG_BLOCK.SIMPLE_PACKET]: 'simple packet block',
  [PCAPNG_BLOCK.NAME_RESOLUTION]: 'name resolution block',
  [PCAPNG_BLOCK.INTERFACE_STATISTICS]: 'interface statistics block',
  [PCAPNG_BLOCK.ENHANCED_PACKET]: 'enhanced packet block',
};

function blockName(type: number): string {
  return BLOCK_NAMES[type] ?? `pcapng block ${hex32(type)}`;
}

/**
 * pcapng: a sequence of sections, each opened by a Section Header Block that sets the byte order and
 * starts a fresh interface list. Block lengths are checked against their trailer so that corruption is
 * reported where it starts instead of being read as packets.
 */
export class PcapngDecoder extends FormatDecoder {
  private little = true;
  /** Interfaces of the current section, indexed by their id inside it. */
  private sectionInterfaces: CaptureInterface[] = [];

  decode(buf: Uint8Array, view: DataView, offset: number, end: number, fileOffset: number): number {
    this.frame = null;
    const available = end - offset;
    if (available < BLOCK_OVERHEAD) return this.needMore('pcapng block header', BLOCK_OVERHEAD, false);
    const type = view.getUint32(offset, this.little);
    let little = this.little;
    if (type === PCAPNG_BLOCK.SECTION_HEADER) {
      const byteOrderMagic = view.getUint32(offset + 8, true);
      if (byteOrderMagic === PCAPNG_BYTE_ORDER_MAGIC) little = true;
      else if (byteOrderMagic === SWAPPED_BYTE_ORDER_MAGIC) little = false;
      else {
        throw new PcapFormatError(
          fileOffset + 8,
          'section header block',
          `byte-order magic ${hex32(byteOrderMagic)} is neither 0x1a2b3c4d nor 0x4d3c2b1a`,
        );
      }
    }
    const length = view.getUint32(offset + 4, little);
    if (length < BLOCK_OVERHEAD || length % 4 !== 0) {
      throw new PcapFormatError(
        fileOffset,
        blockName(type),
        `total length ${length} is ${length < BLOCK_OVERHEAD ? 'below the 12-byte minimum' : 'not a multiple of 4'}`,
      );
    }
    if (length > this.maxRecordBytes) {
      throw new PcapFormatError(
        fileOffset,
        blockName(type),
        `total length ${length} exceeds the ${this.maxRecordBytes}-byte limit (corrupt file, or raise maxRecordBytes)`,
      );
    }
    if (available < length) return this.needMore(blockName(type), length, true);
    const trailer = view.getUint32(offset + length - 4, little);
    if (trailer !== length) {
      throw new PcapFormatError(
        fileOffset,
        blockName(type),
        `trailing length ${trailer} does not match the leading length ${length}`,
      );
    }
    const body = offset + 8;
    const bodyEnd = offset + length - 4;
    const fileDelta = fileOffset - offset;
    switch (type) {
      case PCAPNG_BLOCK.ENHANCED_PACKET:
        this.frame = this.packet(buf, view, body, bodyEnd, fileDelta, type);
        break;
      case PCAPNG_BLOCK.SIMPLE_PACKET:
        this.frame = this.simplePacket(buf, view, body, bodyEnd, fileDelta);
        break;
      case PCAPNG_BLOCK.PACKET:
        this.frame = this.packet(buf, view, body, bodyEnd, fileDelta, type);
        break;
      case PCAPNG_BLOCK.SECTION_HEADER:
        this.little = little;
        this.sectionHeader(view, body, bodyEnd, fileDelta);
        break;
      case PCAPNG_BLOCK.INTERFACE_DESCRIPTION:
        this.interfaceDescription(view, body, bodyEnd, fileDelta);
        break;
      case PCAPNG_BLOCK.INTERFACE_STATISTICS:
        this.interfaceStatistics(view, body, bodyEnd, fileDelta);
        break;
      case PCAPNG_BLOCK.NAME_RESOLUTION:
        this.nameResolution(view, body, bodyEnd, fileDelta);
        break;
      case PCAPNG_BLOCK.CUSTOM:
      case PCAPNG_BLOCK.CUSTOM_NO_COPY:
        this.info.customBlocks += 1;
        break;
      default:
        this.info.unknownBlocks += 1;
    }
    return length;
  }

  private requireBody(body: number, bodyEnd: number, needed: number, fileDelta: number, type: number): void {
    if (bodyEnd - body < needed) {
      throw new PcapFormatError(
        body - 8 + fileDelta,
        blockName(type),
        `body is ${bodyEnd - body} bytes, below the ${needed}-byte minimum for this block type`,
      );
    }
  }

  private interfaceFor(id: number, at: number, type: number): CaptureInterface {
    const iface = this.sectionInterfaces[id];
    if (iface === undefined) {
      const count = this.sectionInterfaces.length;
      throw new PcapFormatError(
        at,
        blockName(type),
        `interface id ${id} is not defined in this section (it has ${count} interface${count === 1 ? '' : 's'})`,
      );
    }
    return iface;
  }

  /** Enhanced Packet Block and the obsolete Packet Block share a layout after the interface id. */
  private packet(
    buf: Uint8Array,
    view: DataView,
    body: number,
    bodyEnd: number,
    fileDelta: number,
    type: number,
  ): Frame {
    const little = this.little;
    this.requireBody(body, bodyEnd, 20, fileDelta, type);
    const interfaceId =
      type === PCAPNG_BLOCK.PACKET ? view.getUint16(body, little) : view.getUint32(body, little);
    const iface = this.interfaceFor(interfaceId, body - 8 + fileDelta, type);
    const high = view.getUint32(body + 4, little);
    const low = view.getUint32(body + 8, little);
    const capturedLength = view.getUint32(body + 12, little);
    const originalLength = view.getUint32(body + 16, little);
    const room = bodyEnd - body - 20;
    if (capturedLength > room) {
      throw new PcapFormatError(
        body - 8 + fileDelta,
        blockName(type),
        `captured length ${capturedLength} runs past the block end (${room} bytes of packet room)`,
      );
    }
    return {
      data: this.frameBytes(buf, body + 20, capturedLength),
      timestamp: ticksToTimestamp(high, low, iface.resolution, iface.offsetSeconds),
      originalLength,
      linktype: iface.linktype,
      interfaceId: iface.id,
    };
  }

  /** SPBs carry no timestamp (reported as 0 s with precision 0) and always belong to interface 0. */
  private simplePacket(
    buf: Uint8Array,
    view: DataView,
    body: number,
    bodyEnd: number,
    fileDelta: number,
  ): Frame {
    this.requireBody(body, bodyEnd, 4, fileDelta, PCAPNG_BLOCK.SIMPLE_PACKET);
    const iface = this.interfaceFor(0, body - 8 + fileDelta, PCAPNG_BLOCK.SIMPLE_PACKET);
    const originalLength = view.getUint32(body, this.little);
    let capturedLength = Math.min(originalLength, bodyEnd - body - 4);
    if (iface.snaplen !== 0 && capturedLength > iface.snaplen) capturedLength = iface.snaplen;
    return {
      data: this.frameBytes(buf, body + 4, capturedLength),
      timestamp: { seconds: 0, nanoseconds: 0, precision: 0 },
      originalLength,
      linktype: iface.linktype,
      interfaceId: iface.id,
    };
  }

  private sectionHeader(view: DataView, body: number, bodyEnd: number, fileDelta: number): void {
    this.requireBody(body, bodyEnd, 16, fileDelta, PCAPNG_BLOCK.SECTION_HEADER);
    const little = this.little;
    let hardware: string | undefined;
    let os: string | undefined;
    let application: string | undefined;
    forEachOption(view, body + 16, bodyEnd, little, fileDelta, 'section header block', (code, at, length) => {
      if (code === SHB_HARDWARE) hardware = optionText(view, at, length);
      else if (code === SHB_OS) os = optionText(view, at, length);
      else if (code === SHB_USERAPPL) application = optionText(view, at, length);
    });
    const section: CaptureSection = {
      byteOrder: little ? 'little' : 'big',
      versionMajor: view.getUint16(body + 4, little),
      versionMinor: view.getUint16(body + 6, little),
      ...(hardware === undefined ? {} : { hardware }),
      ...(os === undefined ? {} : { os }),
      ...(application === undefined ? {} : { application }),
    };
    this.info.sections.push(section);
    this.sectionInterfaces = [];
  }

  private interfaceDescription(view: DataView, body: number, bodyEnd: number, fileDelta: number): void {
    this.requireBody(body, bodyEnd, 8, fileDelta, PCAPNG_BLOCK.INTERFACE_DESCRIPTION);
    const little = this.little;
    let resolution: TimestampResolution = MICROSECONDS;
    let offsetSeconds = 0;
    let name: string | undefined;
    let description: string | undefined;
    let fcsLength: number | undefined;
    forEachOption(
      view,
      body + 8,
      bodyEnd,
      little,
      fileDelta,
      'interface description block',
      (code, at, length) => {
        if (code === IF_TSRESOL && length >= 1) resolution = resolutionFromTsresol(view.getUint8(at));
        else if (code === IF_TSOFFSET && length >= 8) offsetSeconds = Number(view.getBigInt64(at, little));
        else if (code === IF_NAME) name = optionText(view, at, length);
        else if (code === IF_DESCRIPTION) description = optionText(view, at, length);
        else if (code === IF_FCSLEN && length >= 1) fcsLength = view.getUint8(at);
      },
    );
    const iface: CaptureInterface = {
      id: this.info.interfaces.length,
      section: this.info.sections.length - 1,
      idInSection: this.sectionInterfaces.length,
      linktype: view.getUint16(body, little),
      snaplen: view.getUint32(body + 4, little),
      resolution,
      offsetSeconds,
      ...(fcsLength === undefined ? {} : { fcsLength }),
      ...(name === undefined ? {} : { name }),
      ...(description === undefined ? {} : { description }),
    };
    this.info.interfaces.push(iface);
    this.sectionInterfaces.push(iface);
  }

  private interfaceStatistics(view: DataView, body: number, bodyEnd: number, fileDelta: number): void {
    this.requireBody(body, bodyEnd, 12, fileDelta, PCAPNG_BLOCK.INTERFACE_STATISTICS);
    const little = this.little;
    const iface = this.interfaceFor(
      view.getUint32(body, little),
      body - 8 + fileDelta,
      PCAPNG_BLOCK.INTERFACE_STATISTICS,
    );
    const statistics = { ...iface.statistics };
    forEachOption(
      view,
      body + 12,
      bodyEnd,
      little,
      fileDelta,
      'interface statistics block',
      (code, at, length) => {
        if (code === ISB_IFRECV && length >= 8) statistics.received = optionUint64(view, at, little);
        else if (code === ISB_IFDROP && length >= 8) statistics.dropped = optionUint64(view, at, little);
      },
    );
    iface.statistics = statistics;
  }

  private nameResolution(view: DataView, body: number, bodyEnd: number, fileDelta: number): void {
    const little = this.little;
    let at = body;
    while (bodyEnd - at >= 4) {
      const recordType = view.getUint16(at, little);
      const length = view.getUint16(at + 2, little);
      if (recordType === NRB_END) return;
      const value = at + 4;
      if (value + length > bodyEnd) {
        throw new PcapFormatError(
          at + fileDelta,
          'name resolution record',
          `length ${length} runs past the end of the block (${bodyEnd - value} bytes left)`,
        );
      }
      const addressBytes = recordType === NRB_IPV4 ? 4 : recordType === NRB_IPV6 ? 16 : 0;
      if (addressBytes > 0 && length > addressBytes) {
        const address = formatAddress(view, value, addressBytes);
        const names = optionText(view, value + addressBytes, length - addressBytes)
          .split('\0')
          .filter((name) => name.length > 0);
        this.info.names.push({ address, names });
      }
      at = value + ((length + 3) & ~3);
    }
  }
}

function formatAddress(view: DataView, at: number, bytes: number): string {
  if (bytes === 4) {
    return `${view.getUint8(at)}.${view.getUint8(at + 1)}.${view.getUint8(at + 2)}.${view.getUint8(at + 3)}`;
  }
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(view.getUint16(at + i, false).toString(16));
  return groups.join(':');
}
