/**
 * RFC 2131 §4.1 retransmission: 4 s before the second attempt, doubling up to 64 s, each randomized by
 * +/- 1 s. Values are RFC milliseconds (EngineTime scales them).
 */
export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  jitterMs?: number;
  /** Uniform 0..1; injectable so tests can pin the randomization. */
  random?: () => number;
}

export function retransmitDelay(attempt: number, options: BackoffOptions = {}): number {
  const initial = options.initialMs ?? 4000;
  const max = options.maxMs ?? 64000;
  const jitter = options.jitterMs ?? 1000;
  const random = options.random ?? Math.random;
  const base = Math.min(max, initial * 2 ** Math.max(0, attempt - 1));
  return Math.max(0, base + (random() * 2 - 1) * jitter);
}
