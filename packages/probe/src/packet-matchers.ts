import { Packet } from '@wirecraft/packet';
import { expectPacket } from './expect-packet.js';
import type { PacketPattern } from './match.js';
import { ProbeAssertionError } from './probe-assertion-error.js';

/** What a jest matcher returns; `message` is read only when the assertion fails (either way round with .not). */
export interface MatcherOutcome {
  pass: boolean;
  message(): string;
}

/** A matcher given something it cannot judge (not a packet, a negative time…). */
export class MatcherInputError extends Error {
  override name = 'MatcherInputError';
  constructor(
    readonly matcher: string,
    readonly value: unknown,
    fix: string,
  ) {
    super(`${matcher}: cannot use ${describeValue(value)}; ${fix}`);
  }
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'object') return `an object of type ${value.constructor?.name ?? 'Object'}`;
  return `${typeof value} ${String(value)}`;
}

function requirePacket(matcher: string, received: unknown): Packet | undefined {
  if (received === undefined || received instanceof Packet) return received;
  throw new MatcherInputError(matcher, received, 'give a Packet (or undefined for "no reply")');
}

/** Runs one expectPacket assertion and turns it into a pass/fail both directions of jest can read. */
function outcome(assertion: () => void, negated: string): MatcherOutcome {
  try {
    assertion();
    return { pass: true, message: () => negated };
  } catch (error) {
    if (!(error instanceof ProbeAssertionError)) throw error;
    return { pass: false, message: () => error.message };
  }
}

export function toHaveLayer(received: unknown, name: string): MatcherOutcome {
  const packet = requirePacket('toHaveLayer', received);
  return outcome(() => expectPacket(packet).toHaveLayer(name), `expected packet not to have a ${name} layer`);
}

export function toMatchPacket(received: unknown, pattern: PacketPattern): MatcherOutcome {
  const packet = requirePacket('toMatchPacket', received);
  return outcome(
    () => expectPacket(packet).toMatchPacket(pattern),
    `expected packet not to match ${JSON.stringify(pattern)}`,
  );
}

export function toHaveOption(received: unknown, name: string, value?: unknown): MatcherOutcome {
  const packet = requirePacket('toHaveOption', received);
  return outcome(
    () => expectPacket(packet).toHaveOption(name, value),
    value === undefined
      ? `expected packet not to have option ${name}`
      : `expected option ${name} not to match`,
  );
}

export function toAnswer(received: unknown, request: unknown): MatcherOutcome {
  const packet = requirePacket('toAnswer', received);
  if (!(request instanceof Packet))
    throw new MatcherInputError('toAnswer', request, 'give the request Packet');
  return outcome(
    () => expectPacket(packet, 'reply').toAnswer(request),
    'expected packet not to answer the request',
  );
}

/** Something that took a measured time, e.g. a load run's or srp's result. */
export interface RoundTrip {
  rttMs: number;
}

function isRoundTrip(value: unknown): value is RoundTrip {
  return (
    typeof value === 'object' && value !== null && typeof (value as Partial<RoundTrip>).rttMs === 'number'
  );
}

/**
 * Passes when a promised packet arrives (resolves to a packet) within `ms`, or when a { rttMs } is at most
 * `ms`. A promise that resolves to undefined (srp1's "no reply") or rejects fails.
 */
export async function toArriveWithin(received: unknown, ms: number): Promise<MatcherOutcome> {
  if (!(Number.isFinite(ms) && ms >= 0))
    throw new MatcherInputError('toArriveWithin', ms, 'give a time in ms >= 0');
  if (isRoundTrip(received)) {
    const rtt = received.rttMs;
    return rtt <= ms
      ? { pass: true, message: () => `expected a round trip over ${ms} ms, took ${rtt} ms` }
      : { pass: false, message: () => `expected a round trip within ${ms} ms, took ${rtt} ms` };
  }
  if (!(received instanceof Promise)) {
    throw new MatcherInputError(
      'toArriveWithin',
      received,
      'give a Promise of a packet or an object with rttMs',
    );
  }
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
  });
  try {
    const arrived = await Promise.race([received.then((value: unknown) => ({ value })), deadline]);
    if (arrived === 'late')
      return { pass: false, message: () => `expected a packet within ${ms} ms, none arrived` };
    const elapsed = (performance.now() - started).toFixed(1);
    if (isRoundTrip(arrived.value)) return toArriveWithin(arrived.value, ms);
    if (!(arrived.value instanceof Packet)) {
      return {
        pass: false,
        message: () => `expected a packet within ${ms} ms, got no reply (after ${elapsed} ms)`,
      };
    }
    const summary = arrived.value.summary();
    return {
      pass: true,
      message: () => `expected no packet within ${ms} ms, got ${summary} after ${elapsed} ms`,
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      pass: false,
      message: () => `expected a packet within ${ms} ms, the promise rejected: ${reason}`,
    };
  } finally {
    clearTimeout(timer);
  }
}
