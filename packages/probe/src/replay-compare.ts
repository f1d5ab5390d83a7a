import { type Frame, type Link, srp1 } from '@wirecraft/capture';
import { DHCP, type Packet } from '@wirecraft/packet';
import type { FieldDifference } from './match.js';
import { type RecordedExchange, recordedExchanges } from './replay-exchanges.js';
import { diffReplies } from './replay-field-diff.js';
import { type ReplayRewriteOptions, ReplayRewriter } from './replay-rewrite.js';

export interface CompareReplayOptions extends ReplayRewriteOptions {
  /** The client side: recorded client messages go out here, live answers come back. */
  link: Link;
  /** How long to wait for the live answer to each client message. */
  timeoutMs: number;
  /** Aborting stops before the next message; the steps so far are returned. */
  signal?: AbortSignal;
  onStep?(step: ReplayStep): void;
}

/**
 * - same: both answered and only expected-variable fields differ
 * - differs: both answered and some other field differs
 * - no-live-reply: the recorded server answered, the live one did not
 * - unexpected-reply: the live server answered a message the recorded one left unanswered
 * - both-silent: neither answered (a RELEASE, a DECLINE, a REQUEST for another server)
 */
export type ReplayOutcome = 'same' | 'differs' | 'no-live-reply' | 'unexpected-reply' | 'both-silent';

export interface ReplayStep {
  /** 1-based position of the client message among those replayed. */
  index: number;
  frameNumber: number;
  replyFrameNumber?: number;
  /** Message type (or 'bootp') of the client message, e.g. 'discover'. */
  message: string;
  /** Summaries: the message as sent, the recorded answer, the live answer (xid/chaddr mapped back). */
  sent: string;
  recorded?: string;
  live?: string;
  outcome: ReplayOutcome;
  differences: readonly FieldDifference[];
  /** Fields that differ as expected (the address handed out, lengths, checksums...). */
  variable: readonly FieldDifference[];
  /** What was changed in the recorded message before sending it. */
  rewrites: readonly string[];
  rttMs?: number;
  extraRecordedReplies: number;
}

export interface ReplayComparison {
  steps: ReplayStep[];
  counts: Record<ReplayOutcome, number>;
  /** Frames of the capture that are not BOOTP/DHCP and were not sent. */
  otherFrames: number;
  unpairedReplies: number;
  /** True when every client message was replayed (not stopped by the signal). */
  complete: boolean;
}

/** A capture that cannot be replayed on the given link. */
export class ReplayCompareError extends Error {
  override name = 'ReplayCompareError';
}

function messageName(packet: Packet): string {
  const type = packet.get(DHCP)?.messageType;
  return type === undefined ? 'bootp' : String(type);
}

function outcomeOf(
  recorded: Packet | undefined,
  live: Packet | undefined,
  differences: number,
): ReplayOutcome {
  if (recorded && live) return differences === 0 ? 'same' : 'differs';
  if (recorded) return 'no-live-reply';
  return live ? 'unexpected-reply' : 'both-silent';
}

async function replayOne(
  exchange: RecordedExchange,
  index: number,
  rewriter: ReplayRewriter,
  options: CompareReplayOptions,
): Promise<ReplayStep> {
  const { packet, notes } = rewriter.rewriteRequest(exchange.request);
  const answer = await srp1(options.link, packet, {
    timeout: options.timeoutMs,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const recorded = exchange.reply;
  const live = answer ? rewriter.restoreReply(answer.reply) : undefined;
  if (recorded && answer) rewriter.learn(recorded, answer.reply);
  const diff = recorded && live ? diffReplies(recorded, live) : { differences: [], variable: [] };
  return {
    index,
    frameNumber: exchange.frameNumber,
    ...(exchange.replyFrameNumber !== undefined ? { replyFrameNumber: exchange.replyFrameNumber } : {}),
    message: messageName(exchange.request),
    sent: packet.summary(),
    ...(recorded ? { recorded: recorded.summary() } : {}),
    ...(live ? { live: live.summary() } : {}),
    outcome: outcomeOf(recorded, live, diff.differences.length),
    differences: diff.differences,
    variable: diff.variable,
    rewrites: notes,
    ...(answer ? { rttMs: answer.rttMs } : {}),
    extraRecordedReplies: exchange.extraReplies,
  };
}

/**
 * Replays the client messages (BOOTP op 1) of a capture against a live server, one at a time, and compares
 * each live answer with the answer recorded in the capture, field by field.
 */
export async function compareReplay(
  frames: Iterable<Frame>,
  options: CompareReplayOptions,
): Promise<ReplayComparison> {
  if (!(options.timeoutMs > 0)) {
    throw new ReplayCompareError(
      `timeoutMs ${options.timeoutMs} must be > 0 (milliseconds to wait per message)`,
    );
  }
  const capture = recordedExchanges(frames);
  const foreign = capture.exchanges.find((e) => e.frame.linktype !== options.link.linktype);
  if (foreign) {
    throw new ReplayCompareError(
      `frame ${foreign.frameNumber} has linktype ${foreign.frame.linktype} but ${options.link.name} carries ` +
        `linktype ${options.link.linktype}: replay needs a capture of the same link type (Ethernet is 1)`,
    );
  }
  const rewriter = new ReplayRewriter(options);
  const steps: ReplayStep[] = [];
  const counts: Record<ReplayOutcome, number> = {
    same: 0,
    differs: 0,
    'no-live-reply': 0,
    'unexpected-reply': 0,
    'both-silent': 0,
  };
  await options.link.ready;
  for (const exchange of capture.exchanges) {
    if (options.signal?.aborted) break;
    const step = await replayOne(exchange, steps.length + 1, rewriter, options);
    // Stopped while waiting: the missing answer says nothing about the server.
    if (options.signal?.aborted) break;
    steps.push(step);
    counts[step.outcome]++;
    options.onStep?.(step);
  }
  return {
    steps,
    counts,
    otherFrames: capture.otherFrames,
    unpairedReplies: capture.unpairedReplies,
    complete: steps.length === capture.exchanges.length,
  };
}
