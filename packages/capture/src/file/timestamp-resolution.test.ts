import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { resolutionFromTsresol, ticksToTimestamp } from './timestamp-resolution.js';

/** Reference conversion in bigint arithmetic: slow but obviously exact. */
function reference(high: number, low: number, tsresol: number): { seconds: number; nanoseconds: number } {
  const ticks = (BigInt(high) << 32n) | BigInt(low);
  const exponent = BigInt(tsresol & 0x7f);
  const units = tsresol & 0x80 ? 1n << exponent : 10n ** exponent;
  return {
    seconds: Number(ticks / units),
    nanoseconds: Number(((ticks % units) * 1_000_000_000n) / units),
  };
}

describe('if_tsresol', () => {
  it('decodes the power-of-10 form', () => {
    expect(resolutionFromTsresol(6)).toMatchObject({
      unitsPerSecond: 1e6,
      nanosecondsPerTick: 1000,
      precision: 6,
    });
    expect(resolutionFromTsresol(9)).toMatchObject({
      unitsPerSecond: 1e9,
      nanosecondsPerTick: 1,
      precision: 9,
    });
    expect(resolutionFromTsresol(0)).toMatchObject({ unitsPerSecond: 1, precision: 0 });
    expect(resolutionFromTsresol(12)).toMatchObject({
      unitsPerSecond: 1e12,
      nanosecondsPerTick: 0,
      precision: 9,
    });
  });

  it('decodes the power-of-2 form (bit 7 set)', () => {
    expect(resolutionFromTsresol(0x80 | 10)).toMatchObject({ unitsPerSecond: 1024, precision: 9 });
    expect(resolutionFromTsresol(0x80 | 1)).toMatchObject({ unitsPerSecond: 2, precision: 9 });
    expect(resolutionFromTsresol(0x80 | 30)).toMatchObject({ unitsPerSecond: 2 ** 30, precision: 9 });
  });
});

describe('ticksToTimestamp', () => {
  it('keeps every nanosecond of a 2024 nanosecond timestamp (past 2^53 ticks)', () => {
    // 1_700_000_000.123456789 s in ns = 1_700_000_000_123_456_789
    const ticks = 1_700_000_000_123_456_789n;
    const t = ticksToTimestamp(
      Number(ticks >> 32n),
      Number(ticks & 0xffff_ffffn),
      resolutionFromTsresol(9),
      0,
    );
    expect(t).toEqual({ seconds: 1_700_000_000, nanoseconds: 123_456_789, precision: 9 });
  });

  it('splits microsecond ticks and adds if_tsoffset seconds', () => {
    const t = ticksToTimestamp(0, 2_500_001, resolutionFromTsresol(6), 100);
    expect(t).toEqual({ seconds: 102, nanoseconds: 500_001_000, precision: 6 });
  });

  it('converts 2^-n ticks by truncating to nanoseconds', () => {
    // 3.5 s plus one tick of 2^-30 s (0.93 ns) truncates to 500000000 ns.
    const ticks = 3n * 2n ** 30n + 2n ** 29n + 1n;
    const t = ticksToTimestamp(
      Number(ticks >> 32n),
      Number(ticks & 0xffff_ffffn),
      resolutionFromTsresol(0x80 | 30),
      0,
    );
    expect(t).toEqual({ seconds: 3, nanoseconds: 500_000_000, precision: 9 });
  });

  it('matches exact bigint arithmetic for any 64-bit tick count and common resolutions', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffff_ffff }),
        fc.integer({ min: 0, max: 0xffff_ffff }),
        fc.constantFrom(0, 3, 6, 9, 12, 0x80 | 10, 0x80 | 20, 0x80 | 32, 0x80 | 40),
        (high, low, tsresol) => {
          const t = ticksToTimestamp(high, low, resolutionFromTsresol(tsresol), 0);
          expect({ seconds: t.seconds, nanoseconds: t.nanoseconds }).toEqual(reference(high, low, tsresol));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
