import { describe, expect, it } from '@jest/globals';
import { type Frame, LINKTYPE, virtualPair } from '@wirecraft/capture';
import { LinktypeMismatchError, replayFrames, scheduleOffsets } from './replay-frames.js';

const frame = (
  byte: number,
  seconds: number,
  nanoseconds = 0,
  linktype: number = LINKTYPE.ETHERNET,
): Frame => ({
  data: Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 2, 0, 0, 0, 0, byte, 0x08, 0x00, byte),
  timestamp: { seconds, nanoseconds, precision: 9 },
  originalLength: 15,
  linktype,
});

describe('replayFrames', () => {
  it('sends every frame of every loop, in order, and counts frames and bytes', async () => {
    const [sender, receiver] = virtualPair();
    const received: number[] = [];
    const frames = [frame(1, 10), frame(2, 10, 500), frame(3, 11)];
    const seen = (async () => {
      for await (const f of receiver.frames()) {
        received.push(f.data[14]);
        if (received.length === 6) return;
      }
    })();
    const progress: number[] = [];
    const result = await replayFrames(sender, frames, {
      timing: { kind: 'topspeed' },
      loops: 2,
      onProgress: (p) => progress.push(p.frames),
    });
    await seen;
    expect(received).toEqual([1, 2, 3, 1, 2, 3]);
    expect(result).toMatchObject({ frames: 6, bytes: 90, complete: true });
    expect(progress.at(-1)).toBe(6);
    await sender.close();
    await receiver.close();
  });

  it('at top speed hands a batch-sending link (LiveLink.sendMany) whole slices, in order', async () => {
    const [sender, receiver] = virtualPair();
    const batches: number[] = [];
    const batchLink = Object.assign(sender, {
      async sendMany(list: readonly Uint8Array[]): Promise<number> {
        batches.push(list.length);
        for (const data of list) await sender.send(data);
        return list.length;
      },
    });
    const received: number[] = [];
    const frames = Array.from({ length: 5000 }, (_, i) => frame(i % 256, 10));
    const seen = (async () => {
      for await (const f of receiver.frames()) {
        received.push(f.data[14]);
        if (received.length === 3) return;
      }
    })();
    const result = await replayFrames(batchLink, frames, { timing: { kind: 'topspeed' }, loops: 2 });
    await seen;
    expect(batches).toEqual([4096, 904, 4096, 904]);
    expect(received).toEqual([0, 1, 2]);
    expect(result).toMatchObject({ frames: 10_000, bytes: 150_000, complete: true });
    await sender.close();
    await receiver.close();
  });

  it('stops early when aborted and says so', async () => {
    const [sender, receiver] = virtualPair();
    const controller = new AbortController();
    const result = await replayFrames(sender, [frame(1, 0), frame(2, 1000)], {
      timing: { kind: 'speed', factor: 1 },
      loops: 1,
      signal: controller.signal,
      onProgress: () => controller.abort(),
      progressMs: 0,
    });
    expect(result).toMatchObject({ frames: 1, complete: false });
    await sender.close();
    await receiver.close();
  });

  it('refuses frames of another link layer, naming the frame and both linktypes', async () => {
    const [sender, receiver] = virtualPair();
    await expect(
      replayFrames(sender, [frame(1, 0), frame(2, 0, 0, LINKTYPE.RAW)], {
        timing: { kind: 'topspeed' },
        loops: 1,
      }),
    ).rejects.toThrow(LinktypeMismatchError);
    await sender.close();
    await receiver.close();
  });
});

describe('scheduleOffsets', () => {
  const frames = [frame(1, 100), frame(2, 100, 250_000_000), frame(3, 101), frame(4, 100, 900_000_000)];
  it('keeps the capture gaps, divided by the speed factor, never going backwards', () => {
    expect(scheduleOffsets(frames, { kind: 'speed', factor: 1 })).toEqual([0, 250, 1000, 1000]);
    expect(scheduleOffsets(frames, { kind: 'speed', factor: 2 })).toEqual([0, 125, 500, 500]);
  });
  it('spaces frames evenly at a fixed rate, or not at all at top speed', () => {
    expect(scheduleOffsets(frames, { kind: 'pps', rate: 100 })).toEqual([0, 10, 20, 30]);
    expect(scheduleOffsets(frames, { kind: 'topspeed' })).toEqual([0, 0, 0, 0]);
  });
});
