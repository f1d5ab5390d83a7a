import { describe, expect, it } from '@jest/globals';
import { manualClock, monotonicWallClock, timestampDiffMs } from './clock.js';

describe('monotonicWallClock', () => {
  it('starts at the wall time and never goes backwards', () => {
    const before = Date.now();
    const clock = monotonicWallClock();
    const first = clock();
    expect(first.precision).toBe(9);
    expect(first.nanoseconds).toBeGreaterThanOrEqual(0);
    expect(first.nanoseconds).toBeLessThan(1e9);
    const firstMs = first.seconds * 1000 + first.nanoseconds / 1e6;
    expect(firstMs).toBeGreaterThanOrEqual(before);
    let previous = first;
    for (let i = 0; i < 10_000; i++) {
      const now = clock();
      expect(timestampDiffMs(now, previous)).toBeGreaterThanOrEqual(0);
      previous = now;
    }
  });
});

describe('manualClock', () => {
  it('carries nanoseconds into seconds', () => {
    const clock = manualClock({ seconds: 10, nanoseconds: 999_000_000, precision: 9 });
    clock.advance(2.5);
    expect(clock()).toEqual({ seconds: 11, nanoseconds: 1_500_000, precision: 9 });
    expect(timestampDiffMs(clock(), { seconds: 10, nanoseconds: 999_000_000, precision: 9 })).toBeCloseTo(
      2.5,
      9,
    );
  });
});
