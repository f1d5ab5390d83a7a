/**
 * Engine time. Every RFC duration (4 s retransmit, T1, lease expiry) goes through `EngineTime.scaled()`,
 * so a timeScale of 0.001 turns the RFC's seconds into milliseconds and unit tests over a VirtualLink run
 * fast without changing a single protocol constant.
 */
export type CancelTimer = () => void;

/** Where time comes from: the real monotonic clock, or a manual one tests advance by hand. */
export interface TimerClock {
  /** Milliseconds, monotonic, arbitrary origin. */
  now(): number;
  setTimer(callback: () => void, delayMs: number): CancelTimer;
}

export class InvalidTimeScaleError extends Error {
  override name = 'InvalidTimeScaleError';
  constructor(readonly value: unknown) {
    super(
      `timeScale must be a finite number > 0 (got ${String(value)}); use 1 for RFC timing, 0.001 for tests`,
    );
  }
}

export const realClock: TimerClock = {
  now: () => performance.now(),
  setTimer(callback, delayMs) {
    const timer = setTimeout(callback, Math.max(0, delayMs));
    return () => clearTimeout(timer);
  },
};

/** A clock that moves only when advance() is called; timers fire in due order during the advance. */
export interface ManualTimerClock extends TimerClock {
  advance(ms: number): void;
  /** Timers still waiting. */
  readonly pending: number;
}

export function manualTimerClock(start = 0): ManualTimerClock {
  let now = start;
  let sequence = 0;
  const timers = new Map<number, { due: number; callback: () => void }>();
  return {
    now: () => now,
    setTimer(callback, delayMs) {
      const id = sequence++;
      timers.set(id, { due: now + Math.max(0, delayMs), callback });
      return () => timers.delete(id);
    },
    advance(ms) {
      const target = now + ms;
      for (;;) {
        let nextId = -1;
        let nextDue = Number.POSITIVE_INFINITY;
        for (const [id, timer] of timers) {
          if (timer.due <= target && timer.due < nextDue) {
            nextDue = timer.due;
            nextId = id;
          }
        }
        if (nextId < 0) break;
        const timer = timers.get(nextId)!;
        timers.delete(nextId);
        now = timer.due;
        timer.callback();
      }
      now = target;
    },
    get pending() {
      return timers.size;
    },
  };
}

export class OperationAbortedError extends Error {
  override name = 'OperationAbortedError';
  constructor(readonly operation: string) {
    super(`${operation} was aborted (engine stopped)`);
  }
}

export interface EngineTimeOptions {
  timeScale?: number;
  clock?: TimerClock;
}

export class EngineTime {
  readonly timeScale: number;
  readonly clock: TimerClock;
  readonly #origin: number;

  constructor(options: EngineTimeOptions = {}) {
    const timeScale = options.timeScale ?? 1;
    if (typeof timeScale !== 'number' || !Number.isFinite(timeScale) || timeScale <= 0) {
      throw new InvalidTimeScaleError(timeScale);
    }
    this.timeScale = timeScale;
    this.clock = options.clock ?? realClock;
    this.#origin = this.clock.now();
  }

  /** Real milliseconds since the engine started (the `time` of every event). */
  elapsed(): number {
    return this.clock.now() - this.#origin;
  }

  /** Real milliseconds for an RFC duration in milliseconds. */
  scaled(rfcMs: number): number {
    return rfcMs * this.timeScale;
  }

  /** RFC seconds elapsed since a real-time mark (for BOOTP `secs`), clamped to 16 bits. */
  rfcSecondsSince(markMs: number): number {
    const seconds = Math.floor((this.clock.now() - markMs) / this.timeScale / 1000);
    return Math.min(0xffff, Math.max(0, seconds));
  }

  /** Runs callback after an RFC duration; returns its cancel function. */
  after(rfcMs: number, callback: () => void): CancelTimer {
    return this.clock.setTimer(callback, this.scaled(rfcMs));
  }

  /** Waits an RFC duration; rejects with OperationAbortedError when the signal aborts. */
  sleep(rfcMs: number, signal?: AbortSignal, operation = 'sleep'): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(new OperationAbortedError(operation));
        return;
      }
      const onAbort = () => {
        cancel();
        reject(new OperationAbortedError(operation));
      };
      const cancel = this.after(rfcMs, () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
