import type { Timestamp } from '../frame.js';

/**
 * How many ticks make a second on one interface, from pcapng if_tsresol (or the classic pcap magic).
 * Kept as both a number and, for the rare resolutions finer than 2^-32 s, a bigint, so conversion
 * stays exact without paying for bigint on the common paths.
 */
export interface TimestampResolution {
  /** The raw if_tsresol byte: bit 7 clear = 10^-n s, set = 2^-n s. */
  readonly tsresol: number;
  readonly unitsPerSecond: number;
  /** 10^(9-n) when a tick is a whole number of nanoseconds (10^-n, n <= 9), else 0. */
  readonly nanosecondsPerTick: number;
  /** Fractional decimal digits shown, 0..9 (tshark's: 9 for every binary resolution). */
  readonly precision: number;
}

const TWO_POW_32 = 0x1_0000_0000;
const TWO_POW_16 = 0x1_0000;

export const MICROSECONDS: TimestampResolution = resolutionFromTsresol(6);
export const NANOSECONDS: TimestampResolution = resolutionFromTsresol(9);

/** Decodes an if_tsresol byte (pcapng section 4.2): bit 7 picks base 2 or 10, bits 0-6 the negative exponent. */
export function resolutionFromTsresol(tsresol: number): TimestampResolution {
  const exponent = tsresol & 0x7f;
  if (tsresol & 0x80) {
    const unitsPerSecond = 2 ** exponent;
    // Binary fractions have no short decimal form: shown in nanoseconds, as tshark's frame.time_epoch does
    // for every 2^-n resolution (2^-1 prints .500000000).
    return { tsresol, unitsPerSecond, nanosecondsPerTick: 0, precision: 9 };
  }
  const unitsPerSecond = 10 ** exponent;
  const nanosecondsPerTick = exponent <= 9 ? 10 ** (9 - exponent) : 0;
  return { tsresol, unitsPerSecond, nanosecondsPerTick, precision: Math.min(9, exponent) };
}

/**
 * Converts a 64-bit tick count (given as two unsigned 32-bit halves) into an exact Timestamp.
 * `offsetSeconds` is pcapng if_tsoffset.
 */
export function ticksToTimestamp(
  high: number,
  low: number,
  resolution: TimestampResolution,
  offsetSeconds: number,
): Timestamp {
  const units = resolution.unitsPerSecond;
  let seconds: number;
  let remainder: number;
  if (!Number.isSafeInteger(units)) {
    return bigTicksToTimestamp(high, low, resolution, offsetSeconds);
  }
  if (high < 0x20_0000) {
    // Below 2^53 the tick count is an exact double.
    const ticks = high * TWO_POW_32 + low;
    seconds = Math.floor(ticks / units);
    remainder = ticks - seconds * units;
    if (remainder < 0) {
      seconds -= 1;
      remainder += units;
    } else if (remainder >= units) {
      seconds += 1;
      remainder -= units;
    }
  } else if (units <= TWO_POW_32) {
    // Long division in 16-bit digits: every intermediate stays below 2^48, so exact in a double.
    let rest = 0;
    let quotient = 0;
    const digits = [high >>> 16, high & 0xffff, low >>> 16, low & 0xffff];
    for (const digit of digits) {
      const current = rest * TWO_POW_16 + digit;
      const q = Math.floor(current / units);
      rest = current - q * units;
      quotient = quotient * TWO_POW_16 + q;
    }
    seconds = quotient;
    remainder = rest;
  } else {
    return bigTicksToTimestamp(high, low, resolution, offsetSeconds);
  }
  let nanoseconds: number;
  if (resolution.nanosecondsPerTick > 0) {
    nanoseconds = remainder * resolution.nanosecondsPerTick;
  } else if (remainder * 1e9 <= Number.MAX_SAFE_INTEGER) {
    nanoseconds = Math.floor((remainder * 1e9) / units);
  } else {
    return bigTicksToTimestamp(high, low, resolution, offsetSeconds);
  }
  return { seconds: seconds + offsetSeconds, nanoseconds, precision: resolution.precision };
}

function bigTicksToTimestamp(
  high: number,
  low: number,
  resolution: TimestampResolution,
  offsetSeconds: number,
): Timestamp {
  const ticks = (BigInt(high) << 32n) | BigInt(low);
  const exponent = BigInt(resolution.tsresol & 0x7f);
  const units = resolution.tsresol & 0x80 ? 1n << exponent : 10n ** exponent;
  return {
    seconds: Number(ticks / units) + offsetSeconds,
    nanoseconds: Number(((ticks % units) * 1_000_000_000n) / units),
    precision: resolution.precision,
  };
}
