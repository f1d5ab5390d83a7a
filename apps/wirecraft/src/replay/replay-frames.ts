import { type Frame, type Link, timestampDiffMs } from '@wirecraft/capture';

/** How frames are spaced: as fast as the link takes them, the capture's own gaps divided by `factor`, or a fixed rate. */
export type ReplayTiming =
  | { kind: 'topspeed' }
  | { kind: 'speed'; factor: number }
  | { kind: 'pps'; rate: number };

export interface ReplayProgress {
  frames: number;
  bytes: number;
  /** Frames this run will send in all (file frames x loops). */
  total: number;
  elapsedMs: number;
}

export interface ReplayResult {
  frames: number;
  bytes: number;
  seconds: number;
  pps: number;
  /** False when stopped early (Ctrl-C). */
  complete: boolean;
}

export class LinktypeMismatchError extends Error {
  override name = 'LinktypeMismatchError';
  constructor(
    readonly frameIndex: number,
    readonly frameLinktype: number,
    readonly link: string,
    readonly linkLinktype: number,
  ) {
    super(
      `frame ${frameIndex + 1} has linktype ${frameLinktype} but ${link} carries linktype ${linkLinktype}; ` +
        'replay only captures of the same link layer (Ethernet on Ethernet interfaces)',
    );
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/** A link that sends a list of frames in one call (LiveLink: one promise, not one per frame). */
interface BatchSendLink extends Link {
  sendMany(frames: readonly Uint8Array[]): Promise<number>;
}

function sendsInBatches(link: Link): link is BatchSendLink {
  return typeof (link as Partial<BatchSendLink>).sendMany === 'function';
}

/** Frames per sendMany call at top speed: small enough for progress and Ctrl-C to stay prompt. */
const TOPSPEED_BATCH = 4096;

/**
 * Sends preloaded frames on a link, `loops` times, on the schedule `timing` gives. The schedule is absolute
 * (frame i is due at start + offset_i), so timer lateness does not accumulate; waits under 1 ms are skipped
 * and the frames sent back to back, since a timer cannot wait that little.
 */
export async function replayFrames(
  link: Link,
  frames: readonly Frame[],
  options: {
    timing: ReplayTiming;
    loops: number;
    signal?: AbortSignal;
    onProgress?: (progress: ReplayProgress) => void;
    progressMs?: number;
  },
): Promise<ReplayResult> {
  frames.forEach((frame, index) => {
    if (frame.linktype !== link.linktype)
      throw new LinktypeMismatchError(index, frame.linktype, link.name, link.linktype);
  });
  const offsets = scheduleOffsets(frames, options.timing);
  const loopLength =
    frames.length === 0
      ? 0
      : options.timing.kind === 'pps'
        ? (frames.length * 1000) / options.timing.rate
        : offsets[offsets.length - 1];
  const total = frames.length * options.loops;
  const start = performance.now();
  const progressMs = options.progressMs ?? 100;
  let sentFrames = 0;
  let bytes = 0;
  let lastProgress = start;
  const report = () =>
    options.onProgress?.({ frames: sentFrames, bytes, total, elapsedMs: performance.now() - start });
  const progress = () => {
    const now = performance.now();
    if (now - lastProgress >= progressMs) {
      lastProgress = now;
      report();
    }
  };
  if (options.timing.kind === 'topspeed' && sendsInBatches(link)) {
    // tcpreplay --topspeed's pace needs the per-frame promise gone: one sendMany per slice of the file.
    const data = frames.map((frame) => frame.data);
    batches: for (let loop = 0; loop < options.loops; loop++) {
      for (let i = 0; i < data.length; i += TOPSPEED_BATCH) {
        if (options.signal?.aborted) break batches;
        const batch = data.slice(i, i + TOPSPEED_BATCH);
        sentFrames += await link.sendMany(batch);
        for (const frame of batch) bytes += frame.length;
        progress();
      }
    }
  } else {
    outer: for (let loop = 0; loop < options.loops; loop++) {
      for (let i = 0; i < frames.length; i++) {
        if (options.signal?.aborted) break outer;
        if (options.timing.kind !== 'topspeed') {
          const due = start + loop * loopLength + offsets[i];
          const wait = due - performance.now();
          if (wait >= 1) await sleep(wait, options.signal);
          if (options.signal?.aborted) break outer;
        }
        await link.send(frames[i].data);
        sentFrames++;
        bytes += frames[i].data.length;
        progress();
      }
    }
  }
  report();
  const seconds = (performance.now() - start) / 1000;
  return {
    frames: sentFrames,
    bytes,
    seconds,
    pps: seconds > 0 ? sentFrames / seconds : 0,
    complete: sentFrames === total,
  };
}

/** Milliseconds after the start at which each frame of one pass is due. */
export function scheduleOffsets(frames: readonly Frame[], timing: ReplayTiming): number[] {
  if (frames.length === 0) return [];
  switch (timing.kind) {
    case 'topspeed':
      return frames.map(() => 0);
    case 'pps':
      return frames.map((_, i) => (i * 1000) / timing.rate);
    case 'speed': {
      const first = frames[0].timestamp;
      // A capture's clock can step backwards; never schedule a frame before the previous one.
      let previous = 0;
      return frames.map((frame) => {
        previous = Math.max(previous, timestampDiffMs(frame.timestamp, first) / timing.factor);
        return previous;
      });
    }
  }
}
