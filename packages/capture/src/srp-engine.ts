import { setTimeout as sleep } from 'node:timers/promises';
import { InvalidOptionError } from './errors.js';
import type { Frame } from './frame.js';
import type { Link } from './link/link.js';

/** What srp needs from a packet model; @wirecraft/packet provides it (see srp.ts). */
export interface SrpCodec<P> {
  build(p: P): Uint8Array;
  dissect(bytes: Uint8Array, options?: { linktype?: number }): P;
  /** True when `reply` answers `request` (scapy's answers). */
  answers(request: P, reply: P): boolean;
  /** A request and each of its replies share the same key (scapy's hashret). */
  hashKey(p: P): string;
}

export interface SrpOptions<P> {
  /** Milliseconds to wait for answers after the last frame of each round is sent. */
  timeout: number;
  /** Extra rounds that resend the requests still unanswered; default 0. */
  retry?: number;
  /** Keep collecting every answer to each request until the timeout (several DHCP offers); default false. */
  multi?: boolean;
  /** Called after each new answer; true ends srp at once (e.g. after 2 offers). */
  stop?: (answered: readonly SrpAnswer<P>[]) => boolean;
  /** Milliseconds between two sends; default 0. */
  inter?: number;
  /** Aborting ends srp early; it resolves with what was answered so far. */
  signal?: AbortSignal;
}

export interface SrpAnswer<P> {
  request: P;
  reply: P;
  frame: Frame;
  /** From the last send of the request to the reply's arrival in this process. */
  rttMs: number;
}

export interface SrpResult<P> {
  answered: SrpAnswer<P>[];
  unanswered: P[];
}

/**
 * Sends requests on a link and pairs them with their replies.
 *
 * The receive side is registered (link.frames()) and the link is ready before the first send, so a
 * reply that comes back faster than any scheduling delay is still seen (the race of secdev/scapy#3208).
 * Replies are looked up by hashKey, then confirmed with answers(); frames byte-identical to one of the
 * requests (our own frames echoed by the transport) are ignored; frames that do not dissect are skipped.
 */
export async function srpWith<P>(
  codec: SrpCodec<P>,
  link: Link,
  requests: P | readonly P[],
  options: SrpOptions<P>,
): Promise<SrpResult<P>> {
  const list: readonly P[] = Array.isArray(requests) ? requests : [requests as P];
  validate(options);
  const multi = options.multi ?? false;
  const inter = options.inter ?? 0;
  const rounds = 1 + (options.retry ?? 0);

  const encoded = list.map((p) => codec.build(p));
  // answers() sees each request as it went on the wire, with every automatic field (lengths, types,
  // checksums) filled in, exactly as the reply will be dissected; the caller still gets its own object.
  const onWire = encoded.map((bytes) => codec.dissect(bytes, { linktype: link.linktype }));
  const ownByLength = new Map<number, number[]>();
  encoded.forEach((bytes, i) => {
    const same = ownByLength.get(bytes.length);
    if (same) same.push(i);
    else ownByLength.set(bytes.length, [i]);
  });
  const pending = new Map<string, number[]>();
  onWire.forEach((p, i) => {
    const key = codec.hashKey(p);
    const same = pending.get(key);
    if (same) same.push(i);
    else pending.set(key, [i]);
  });

  const answered: SrpAnswer<P>[] = [];
  const answerCount = new Array<number>(list.length).fill(0);
  const sentAt = new Array<number>(list.length).fill(0);
  let unansweredLeft = list.length;

  const finished = new AbortController();
  const finish = () => finished.abort();
  const external = options.signal;
  if (external?.aborted || list.length === 0) finish();
  external?.addEventListener('abort', finish, { once: true });

  // Registered now, before anything is sent: no reply can be missed.
  const frames = link.frames({ signal: finished.signal });

  const isOwn = (data: Uint8Array): boolean => {
    for (const i of ownByLength.get(data.length) ?? []) {
      if (equalBytes(encoded[i], data)) return true;
    }
    return false;
  };

  const receive = async () => {
    for await (const frame of frames) {
      if (isOwn(frame.data)) continue;
      let reply: P;
      let key: string;
      try {
        reply = codec.dissect(frame.data, { linktype: frame.linktype });
        key = codec.hashKey(reply);
      } catch {
        continue;
      }
      const candidates = pending.get(key);
      if (!candidates) continue;
      const arrived = performance.now();
      for (let c = 0; c < candidates.length; c++) {
        const i = candidates[c];
        if (!codec.answers(onWire[i], reply)) continue;
        answered.push({ request: list[i], reply, frame, rttMs: arrived - sentAt[i] });
        if (answerCount[i]++ === 0) unansweredLeft--;
        if (!multi) {
          candidates.splice(c, 1);
          if (candidates.length === 0) pending.delete(key);
        }
        break;
      }
      if (options.stop?.(answered) || (!multi && unansweredLeft === 0)) finish();
    }
  };

  try {
    await link.ready;
    const receiving = receive();
    // A throwing stop() or codec ends the sends at once; the error is rethrown by `await receiving`.
    receiving.catch(finish);
    try {
      for (let round = 0; round < rounds && !finished.signal.aborted; round++) {
        const targets = list.map((_, i) => i).filter((i) => answerCount[i] === 0);
        if (targets.length === 0) break;
        for (let t = 0; t < targets.length && !finished.signal.aborted; t++) {
          const i = targets[t];
          sentAt[i] = performance.now();
          await link.send(encoded[i]);
          if (inter > 0 && t < targets.length - 1) await pause(inter, finished.signal);
        }
        await pause(options.timeout, finished.signal);
      }
    } finally {
      finish();
      await receiving;
    }
  } finally {
    external?.removeEventListener('abort', finish);
    finish();
  }

  return { answered, unanswered: list.filter((_, i) => answerCount[i] === 0) };
}

/** Like srpWith with one request; resolves with its first answer as soon as it arrives (cf. secdev/scapy#3610). */
export async function srp1With<P>(
  codec: SrpCodec<P>,
  link: Link,
  request: P,
  options: Omit<SrpOptions<P>, 'multi' | 'stop'>,
): Promise<SrpAnswer<P> | undefined> {
  const { answered } = await srpWith(codec, link, [request], { ...options, stop: (a) => a.length > 0 });
  return answered[0];
}

function validate<P>(options: SrpOptions<P>): void {
  if (!(options.timeout >= 0)) throw new InvalidOptionError('timeout', options.timeout, 'milliseconds >= 0');
  const retry = options.retry ?? 0;
  if (!(Number.isInteger(retry) && retry >= 0))
    throw new InvalidOptionError('retry', options.retry, 'an integer >= 0');
  const inter = options.inter ?? 0;
  if (!(inter >= 0)) throw new InvalidOptionError('inter', options.inter, 'milliseconds >= 0');
}

/** Waits `ms`, or less if `signal` aborts first; never rejects. */
async function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return;
  await sleep(ms, undefined, { signal }).catch(() => undefined);
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
