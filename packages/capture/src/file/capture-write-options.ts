import type { Frame } from '../frame.js';
import { CaptureWriteError } from './capture-file-errors.js';

export type TimestampPrecision = 'micro' | 'nano';

export interface PcapWriteOptions {
  /** LINKTYPE_* of every frame in the file (classic pcap holds one link type). */
  linktype: number;
  /** Longer frames are cut to this many bytes, keeping their original length (default 262144). */
  snaplen?: number;
  /** 'micro' (magic a1b2c3d4, default) drops sub-microsecond digits; 'nano' (a1b23c4d) keeps them. */
  precision?: TimestampPrecision;
}

export interface PcapngWriteOptions {
  /** Per-interface snap length written to every IDB; longer frames are cut (default 262144). */
  snaplen?: number;
  /** 'micro' (default, no if_tsresol) or 'nano' (if_tsresol=9 on every IDB). */
  precision?: TimestampPrecision;
  /** shb_userappl; default "wirecraft". */
  application?: string;
  /** if_name per frame interfaceId, written to the IDB created for it. */
  interfaceNames?: Readonly<Record<number, string>>;
}

export const DEFAULT_SNAPLEN = 262_144;
const MAX_UINT32 = 0xffff_ffff;

export function checkSnaplen(snaplen: number): number {
  if (!Number.isInteger(snaplen) || snaplen < 1 || snaplen > MAX_UINT32) {
    throw new CaptureWriteError('snaplen', snaplen, 'must be an integer in 1..4294967295');
  }
  return snaplen;
}

/** Rejects what a 32-bit seconds field and the length fields cannot hold, naming the field. */
export function checkFrame(frame: Frame): void {
  const { seconds, nanoseconds } = frame.timestamp;
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_UINT32) {
    throw new CaptureWriteError('frame.timestamp.seconds', seconds, 'must be an integer in 0..4294967295');
  }
  if (!Number.isInteger(nanoseconds) || nanoseconds < 0 || nanoseconds > 999_999_999) {
    throw new CaptureWriteError(
      'frame.timestamp.nanoseconds',
      nanoseconds,
      'must be an integer in 0..999999999',
    );
  }
  const original = frame.originalLength;
  if (!Number.isInteger(original) || original < 0 || original > MAX_UINT32) {
    throw new CaptureWriteError('frame.originalLength', original, 'must be an integer in 0..4294967295');
  }
}
