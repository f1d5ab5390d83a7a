import { CaptureError } from '../errors.js';

/**
 * A capture file that cannot be read past some point. `offset` is the byte position (from the start of
 * the file or byte array) of the header, record or block at fault. Every complete record before it has
 * already been delivered when this is raised.
 */
export class PcapFormatError extends CaptureError {
  override name = 'PcapFormatError';
  constructor(
    readonly offset: number,
    /** What is at fault: "pcapng block", "record", "file header"... */
    readonly subject: string,
    readonly detail: string,
  ) {
    super(`${subject} at byte ${offset}: ${detail}`);
  }
}

/** The input ended inside a header, record or block: `needed` bytes were declared, `available` remain. */
export class PcapTruncatedError extends PcapFormatError {
  override name = 'PcapTruncatedError';
  constructor(
    offset: number,
    readonly what: string,
    readonly needed: number,
    readonly available: number,
    /** True when `needed` comes from a length field in the file, false for a fixed-size header. */
    declared = true,
  ) {
    super(
      offset,
      `truncated ${what}`,
      `${declared ? 'header says' : 'needs'} ${needed} bytes, ${available} remain`,
    );
  }
}

/** A frame or option that a capture writer cannot represent in the chosen format. */
export class CaptureWriteError extends CaptureError {
  override name = 'CaptureWriteError';
  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly reason: string,
  ) {
    super(
      value === undefined
        ? `${field}: ${reason}`
        : `${field}: ${reason} (got ${typeof value === 'string' ? JSON.stringify(value) : String(value)})`,
    );
  }
}

/** A capture file that cannot be opened: names the path and says why in words (no such file, ...). */
export class CaptureFileOpenError extends CaptureError {
  override name = 'CaptureFileOpenError';
  constructor(
    readonly path: string,
    /** The system error code, e.g. 'ENOENT'. */
    readonly code: string | undefined,
  ) {
    super(`${path}: ${openFailureReason(code)}`);
  }
}

function openFailureReason(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a capture file';
    default:
      return `cannot be opened (${code ?? 'unknown error'})`;
  }
}
