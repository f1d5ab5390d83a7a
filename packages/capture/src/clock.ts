import type { Clock, Timestamp } from './frame.js';

const NS_PER_SECOND = 1_000_000_000;

/**
 * A wall clock that cannot jump: the wall time is read once when the clock is created, and every later
 * reading adds the monotonic hrtime elapsed since then (nanosecond resolution). NTP steps or a manual
 * date change after creation therefore never reorder capture timestamps; the price is that the clock
 * drifts from the system wall time by whatever the system clock is slewed while it runs (ppm).
 */
export function monotonicWallClock(): Clock {
  const anchorHr = process.hrtime.bigint();
  const anchorMs = Date.now();
  const anchorSeconds = Math.floor(anchorMs / 1000);
  const anchorNanoseconds = (anchorMs - anchorSeconds * 1000) * 1_000_000;
  return () => {
    // A Number holds the elapsed nanoseconds exactly for 104 days, far past any capture.
    const total = anchorNanoseconds + Number(process.hrtime.bigint() - anchorHr);
    const carry = Math.floor(total / NS_PER_SECOND);
    return { seconds: anchorSeconds + carry, nanoseconds: total - carry * NS_PER_SECOND, precision: 9 };
  };
}

/** A clock that only moves when told to: deterministic timestamps for tests and simulations. */
export interface ManualClock extends Clock {
  advance(milliseconds: number): void;
}

export function manualClock(start: Timestamp = { seconds: 0, nanoseconds: 0, precision: 9 }): ManualClock {
  let seconds = start.seconds;
  let nanoseconds = start.nanoseconds;
  const clock = (() => ({ seconds, nanoseconds, precision: 9 })) as ManualClock;
  clock.advance = (milliseconds: number) => {
    const total = nanoseconds + Math.round(milliseconds * 1_000_000);
    const carry = Math.floor(total / NS_PER_SECOND);
    seconds += carry;
    nanoseconds = total - carry * NS_PER_SECOND;
  };
  return clock;
}

/** Signed difference a - b in milliseconds (fractional). */
export function timestampDiffMs(a: Timestamp, b: Timestamp): number {
  return (a.seconds - b.seconds) * 1000 + (a.nanoseconds - b.nanoseconds) / 1_000_000;
}
