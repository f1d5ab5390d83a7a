import type { Frame } from '../frame.js';
import { PcapTruncatedError } from './capture-file-errors.js';
import type { CaptureInfo } from './capture-info.js';

export interface CaptureReadOptions {
  /**
   * Largest record or block accepted, in bytes (default 16 MiB). A length field above it is reported as
   * corrupt instead of making the reader buffer gigabytes. Raise it for genuine jumbo captures.
   */
  maxRecordBytes?: number;
  /**
   * 'copy' (default): every frame owns its bytes. 'view': `frame.data` is a view of the reader's input
   * instead, with no copy. For the streaming reader the view is valid only until the next call to
   * `next()` or `nextBatch()` (the read buffer is then reused); for the in-memory reader, for as long as
   * the input bytes are left unchanged. Use it when each frame is consumed at once (dissect() copies the
   * bytes it keeps); keep `frame.data.slice()` for anything held longer.
   */
  frameData?: 'copy' | 'view';
}

export const DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;

/**
 * Incremental decoding of one container format. `decode` looks at buf[offset, end) and either consumes
 * exactly one header, record or block (returns its size, with `frame` set when it held a packet) or
 * returns 0 when more bytes are needed (and remembers how many, for the truncation error at EOF).
 */
export abstract class FormatDecoder {
  frame: Frame | null = null;
  /** Hand out views of the input instead of copies (CaptureReadOptions.frameData 'view'). */
  viewData = false;
  /** Bytes, counted from the offset of the last decode call, the pending item needs. */
  needed = 0;
  private pendingWhat = '';
  private pendingDeclared = true;

  constructor(
    /** Filled in as headers, interfaces and metadata blocks are decoded. */
    readonly info: CaptureInfo,
    protected readonly maxRecordBytes: number,
  ) {}

  abstract decode(buf: Uint8Array, view: DataView, offset: number, end: number, fileOffset: number): number;

  /** The packet bytes buf[start, start + length) as the frame will hold them: a copy, or a view. */
  protected frameBytes(buf: Uint8Array, start: number, length: number): Uint8Array {
    return this.viewData ? buf.subarray(start, start + length) : copyBytes(buf, start, length);
  }

  protected needMore(what: string, needed: number, declared: boolean): 0 {
    this.needed = needed;
    this.pendingWhat = what;
    this.pendingDeclared = declared;
    return 0;
  }

  /** Called at end of input with the bytes left unconsumed. */
  truncated(remaining: number, fileOffset: number): PcapTruncatedError {
    return new PcapTruncatedError(fileOffset, this.pendingWhat, this.needed, remaining, this.pendingDeclared);
  }
}

/**
 * Frame copies are carved out of shared slabs that are never reused (as Node's Buffer pool does): a fresh
 * ArrayBuffer per frame over 64 bytes is allocated off the V8 heap and cost more than decoding the record.
 * A frame kept alive keeps its slab (SLAB_BYTES) alive; larger frames get their own buffer.
 */
const SLAB_BYTES = 64 * 1024;
const LARGEST_POOLED = 4096;
let slab = new Uint8Array(SLAB_BYTES);
let slabUsed = 0;

/** A copy the frame owns: bytes no reader will ever write again (a plain Uint8Array even from a Buffer). */
export function copyBytes(buf: Uint8Array, start: number, length: number): Uint8Array {
  if (length > LARGEST_POOLED) return Uint8Array.prototype.slice.call(buf, start, start + length);
  if (slabUsed + length > SLAB_BYTES) {
    slab = new Uint8Array(SLAB_BYTES);
    slabUsed = 0;
  }
  const at = slabUsed;
  // 8-byte alignment, so a consumer may wrap a frame in wider typed arrays.
  slabUsed = (at + length + 7) & ~7;
  slab.set(buf.subarray(start, start + length), at);
  return slab.subarray(at, at + length);
}
