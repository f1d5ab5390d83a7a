import { PcapFormatError } from './capture-file-errors.js';

export type OptionVisitor = (code: number, valueOffset: number, length: number) => void;

const OPT_ENDOFOPT = 0;

// Option codes (pcapng sections 4.1, 4.2, 4.6), shared by the decoder and the encoder.
export const SHB_HARDWARE = 2;
export const SHB_OS = 3;
export const SHB_USERAPPL = 4;
export const IF_NAME = 2;
export const IF_DESCRIPTION = 3;
export const IF_TSRESOL = 9;
export const IF_FCSLEN = 13;
export const IF_TSOFFSET = 14;
export const ISB_IFRECV = 4;
export const ISB_IFDROP = 5;

/**
 * Walks the TLV options of a pcapng block in view[start, end). Each value is padded to 4 bytes.
 * `fileDelta` turns a view offset into a file offset for error messages.
 */
export function forEachOption(
  view: DataView,
  start: number,
  end: number,
  little: boolean,
  fileDelta: number,
  blockName: string,
  visit: OptionVisitor,
): void {
  let at = start;
  while (end - at >= 4) {
    const code = view.getUint16(at, little);
    const length = view.getUint16(at + 2, little);
    if (code === OPT_ENDOFOPT) return;
    if (at + 4 + length > end) {
      throw new PcapFormatError(
        at + fileDelta,
        `${blockName} option ${code}`,
        `length ${length} runs past the end of the block (${end - at - 4} bytes left)`,
      );
    }
    visit(code, at + 4, length);
    at += 4 + ((length + 3) & ~3);
  }
}

const utf8 = new TextDecoder('utf-8');

/** A UTF-8 option value; writers often count a trailing NUL in the length. */
export function optionText(view: DataView, offset: number, length: number): string {
  let stop = offset + length;
  while (stop > offset && view.getUint8(stop - 1) === 0) stop -= 1;
  return utf8.decode(new Uint8Array(view.buffer, view.byteOffset + offset, stop - offset));
}

/** A 64-bit unsigned option value as a number (exact below 2^53, which counters never reach). */
export function optionUint64(view: DataView, offset: number, little: boolean): number {
  return Number(view.getBigUint64(offset, little));
}
