import type { Frame } from '../frame.js';
import type { ByteBatch } from './byte-batch.js';
import { CaptureWriteError } from './capture-file-errors.js';
import type { PcapngWriteOptions } from './capture-write-options.js';
import { checkFrame, checkSnaplen, DEFAULT_SNAPLEN } from './capture-write-options.js';
import { PCAPNG_BLOCK, PCAPNG_BYTE_ORDER_MAGIC } from './pcap-magic.js';
import { IF_NAME, IF_TSRESOL, SHB_USERAPPL } from './pcapng-options.js';

const EPB_FIXED_BYTES = 32;
const TWO_POW_32 = 0x1_0000_0000;
const TWO_POW_16 = 0x1_0000;

const utf8 = new TextEncoder();

/**
 * Encodes a little-endian pcapng: one SHB, then an IDB the first time each (interfaceId, linktype)
 * pair appears, then one EPB per frame. Interface ids in the file are assigned in order of first use.
 */
export class PcapngFrameEncoder {
  private readonly snaplen: number;
  private readonly nano: boolean;
  private readonly application: string;
  private readonly interfaceNames: Readonly<Record<number, string>>;
  /** Key: interfaceId * 2^32 + linktype (both uint32, so the key is exact). Value: id in the file. */
  private readonly interfaces = new Map<number, number>();

  constructor(options: PcapngWriteOptions = {}) {
    this.snaplen = checkSnaplen(options.snaplen ?? DEFAULT_SNAPLEN);
    this.nano = options.precision === 'nano';
    this.application = options.application ?? 'wirecraft';
    this.interfaceNames = options.interfaceNames ?? {};
  }

  header(batch: ByteBatch): void {
    const appl = utf8.encode(this.application);
    // Fixed part 24, the option, opt_endofopt, trailing length.
    const length = 24 + optionBytes(appl.length) + 4 + 4;
    const at = batch.reserve(length);
    const view = batch.view;
    view.setUint32(at, PCAPNG_BLOCK.SECTION_HEADER, true);
    view.setUint32(at + 4, length, true);
    view.setUint32(at + 8, PCAPNG_BYTE_ORDER_MAGIC, true);
    view.setUint16(at + 12, 1, true);
    view.setUint16(at + 14, 0, true);
    // Section length unknown (-1): the file is written as a stream.
    view.setInt32(at + 16, -1, true);
    view.setInt32(at + 20, -1, true);
    const end = writeOption(batch, at + 24, SHB_USERAPPL, appl);
    view.setUint32(end, 0, true);
    view.setUint32(end + 4, length, true);
  }

  frame(batch: ByteBatch, frame: Frame): void {
    checkFrame(frame);
    const interfaceId = this.interfaceFor(batch, frame);
    const captured = Math.min(frame.data.length, this.snaplen);
    const padded = (captured + 3) & ~3;
    const length = EPB_FIXED_BYTES + padded;
    const at = batch.reserve(length);
    const view = batch.view;
    view.setUint32(at, PCAPNG_BLOCK.ENHANCED_PACKET, true);
    view.setUint32(at + 4, length, true);
    view.setUint32(at + 8, interfaceId, true);
    const { seconds, nanoseconds } = frame.timestamp;
    let high: number;
    let low: number;
    if (this.nano) {
      // seconds * 1e9 can pass 2^53: split seconds in 16-bit halves so every partial product is exact.
      const secondsHigh = Math.floor(seconds / TWO_POW_16);
      const scaledHigh = secondsHigh * 1e9;
      const scaledHighTop = Math.floor(scaledHigh / TWO_POW_16);
      const rest =
        (scaledHigh - scaledHighTop * TWO_POW_16) * TWO_POW_16 +
        (seconds - secondsHigh * TWO_POW_16) * 1e9 +
        nanoseconds;
      const carry = Math.floor(rest / TWO_POW_32);
      high = scaledHighTop + carry;
      low = rest - carry * TWO_POW_32;
    } else {
      const ticks = seconds * 1e6 + Math.floor(nanoseconds / 1000);
      high = Math.floor(ticks / TWO_POW_32);
      low = ticks - high * TWO_POW_32;
    }
    view.setUint32(at + 12, high, true);
    view.setUint32(at + 16, low, true);
    view.setUint32(at + 20, captured, true);
    view.setUint32(at + 24, frame.originalLength, true);
    batch.bytes.set(captured === frame.data.length ? frame.data : frame.data.subarray(0, captured), at + 28);
    // Padding must be zero, and a reused batch buffer may hold old bytes there.
    batch.bytes.fill(0, at + 28 + captured, at + 28 + padded);
    view.setUint32(at + 28 + padded, length, true);
  }

  private interfaceFor(batch: ByteBatch, frame: Frame): number {
    const requested = frame.interfaceId ?? 0;
    if (!Number.isInteger(requested) || requested < 0 || requested > 0xffff_ffff) {
      throw new CaptureWriteError('frame.interfaceId', requested, 'must be an integer in 0..4294967295');
    }
    const linktype = frame.linktype;
    if (!Number.isInteger(linktype) || linktype < 0 || linktype > 0xffff) {
      throw new CaptureWriteError(
        'frame.linktype',
        linktype,
        'must be a LINKTYPE_* integer in 0..65535 for pcapng',
      );
    }
    const key = requested * TWO_POW_32 + linktype;
    const known = this.interfaces.get(key);
    if (known !== undefined) return known;
    const id = this.interfaces.size;
    this.interfaces.set(key, id);
    this.interfaceDescription(batch, linktype, this.interfaceNames[requested]);
    return id;
  }

  private interfaceDescription(batch: ByteBatch, linktype: number, name: string | undefined): void {
    const nameBytes = name === undefined ? undefined : utf8.encode(name);
    const options =
      (this.nano ? optionBytes(1) : 0) + (nameBytes === undefined ? 0 : optionBytes(nameBytes.length));
    // Fixed part 16, options and their opt_endofopt when there are any, trailing length.
    const length = 16 + (options > 0 ? options + 4 : 0) + 4;
    const at = batch.reserve(length);
    const view = batch.view;
    view.setUint32(at, PCAPNG_BLOCK.INTERFACE_DESCRIPTION, true);
    view.setUint32(at + 4, length, true);
    view.setUint16(at + 8, linktype, true);
    view.setUint16(at + 10, 0, true);
    view.setUint32(at + 12, this.snaplen, true);
    let end = at + 16;
    if (this.nano) end = writeOption(batch, end, IF_TSRESOL, Uint8Array.of(9));
    if (nameBytes !== undefined) end = writeOption(batch, end, IF_NAME, nameBytes);
    if (options > 0) {
      view.setUint32(end, 0, true);
      end += 4;
    }
    view.setUint32(end, length, true);
  }
}

function optionBytes(valueLength: number): number {
  return 4 + ((valueLength + 3) & ~3);
}

function writeOption(batch: ByteBatch, at: number, code: number, value: Uint8Array): number {
  if (value.length > 0xffff)
    throw new CaptureWriteError(`pcapng option ${code}`, value.length, 'is over 65535 bytes');
  const padded = (value.length + 3) & ~3;
  batch.view.setUint16(at, code, true);
  batch.view.setUint16(at + 2, value.length, true);
  batch.bytes.set(value, at + 4);
  batch.bytes.fill(0, at + 4 + value.length, at + 4 + padded);
  return at + 4 + padded;
}
