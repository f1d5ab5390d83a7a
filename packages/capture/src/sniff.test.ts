import { describe, expect, it } from '@jest/globals';
import { InvalidOptionError, NoSuchInterfaceError } from './errors.js';
import type { Frame } from './frame.js';
import type { VirtualPort } from './link/virtual-link.js';
import { virtualPair } from './link/virtual-link.js';
import { sniff } from './sniff.js';

function frame(tag: number): Uint8Array {
  const data = new Uint8Array(60);
  data.fill(0xff, 0, 6);
  data[14] = tag;
  return data;
}

async function collect(iterator: AsyncIterable<Frame>): Promise<number[]> {
  const tags: number[] = [];
  for await (const f of iterator) tags.push(f.data[14]);
  return tags;
}

/** Sends tags 0..n-1 from `port`, one per macrotask, until told to stop. */
function feed(port: VirtualPort, n: number): Promise<void> {
  return (async () => {
    for (let i = 0; i < n && !port.closed; i++) {
      await port.send(frame(i));
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
}

async function withPair(test: (a: VirtualPort, b: VirtualPort) => Promise<void>): Promise<void> {
  const [a, b] = virtualPair();
  try {
    await test(a, b);
  } finally {
    await a.close();
    await b.close();
  }
}

describe('sniff ends promptly on every stop condition', () => {
  it('count', () =>
    withPair(async (a, b) => {
      const frames = sniff({ link: b, count: 3 });
      await feed(a, 10);
      expect(await collect(frames)).toEqual([0, 1, 2]);
    }));

  it('count after the JS filter: rejected frames are not counted', () =>
    withPair(async (a, b) => {
      const frames = sniff({ link: b, count: 2, filter: (f) => f.data[14] % 2 === 1 });
      await feed(a, 10);
      expect(await collect(frames)).toEqual([1, 3]);
    }));

  it('timeout with nothing arriving (secdev/scapy#4590)', () =>
    withPair(async (_a, b) => {
      const frames = sniff({ link: b, timeout: 20 });
      expect(await collect(frames)).toEqual([]);
    }));

  it('timeout keeps what arrived before it', () =>
    withPair(async (a, b) => {
      const frames = sniff({ link: b, timeout: 50 });
      await a.send(frame(7));
      expect(await collect(frames)).toEqual([7]);
    }));

  it('stop predicate: the stopping frame is included', () =>
    withPair(async (a, b) => {
      const frames = sniff({ link: b, stop: (f) => f.data[14] === 4 });
      await feed(a, 10);
      expect(await collect(frames)).toEqual([0, 1, 2, 3, 4]);
    }));

  it('signal aborted while waiting', () =>
    withPair(async (_a, b) => {
      const controller = new AbortController();
      const frames = sniff({ link: b, signal: controller.signal });
      const pending = frames.next();
      controller.abort();
      expect(await pending).toEqual({ done: true, value: undefined });
    }));

  it('signal already aborted', () =>
    withPair(async (a, b) => {
      const frames = sniff({ link: b, signal: AbortSignal.abort() });
      await a.send(frame(1));
      expect(await collect(frames)).toEqual([]);
    }));

  it('link closed', () =>
    withPair(async (a, b) => {
      const frames = sniff({ link: b });
      await a.send(frame(1));
      setTimeout(() => void b.close(), 10);
      expect(await collect(frames)).toEqual([1]);
    }));

  it('consumer break', () =>
    withPair(async (a, b) => {
      const frames = sniff({ link: b, timeout: 60_000 });
      void feed(a, 5);
      const tags: number[] = [];
      for await (const f of frames) {
        tags.push(f.data[14]);
        if (tags.length === 2) break;
      }
      expect(tags).toEqual([0, 1]);
      // The 60 s timer must be gone, else jest reports an open handle and the run hangs.
      expect(await frames.next()).toEqual({ done: true, value: undefined });
    }));

  it('return() while a next() is pending', () =>
    withPair(async (_a, b) => {
      const frames = sniff({ link: b });
      const pending = frames.next();
      await frames.return?.();
      expect(await pending).toEqual({ done: true, value: undefined });
    }));

  it('count 0 yields nothing', () =>
    withPair(async (a, b) => {
      const frames = sniff({ link: b, count: 0 });
      await a.send(frame(1));
      expect(await collect(frames)).toEqual([]);
    }));
});

describe('sniff bookkeeping', () => {
  it('leaves no abort listener on the caller signal', () =>
    withPair(async (a, b) => {
      const controller = new AbortController();
      let added = 0;
      let removed = 0;
      const signal = controller.signal;
      const add = signal.addEventListener.bind(signal);
      const remove = signal.removeEventListener.bind(signal);
      signal.addEventListener = ((...args: Parameters<typeof add>) => {
        added++;
        add(...args);
      }) as typeof signal.addEventListener;
      signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
        removed++;
        remove(...args);
      }) as typeof signal.removeEventListener;
      const frames = sniff({ link: b, count: 1, signal });
      await a.send(frame(1));
      expect(await collect(frames)).toEqual([1]);
      expect(added).toBe(1);
      expect(removed).toBe(1);
    }));

  it('unsubscribes from the link when it ends', () =>
    withPair(async (a, b) => {
      const frames = sniff({ link: b, count: 1 });
      await a.send(frame(1));
      await collect(frames);
      // Frames sent after the end are not queued for the finished sniffer.
      for (let i = 0; i < 5000; i++) await a.send(frame(2));
      await new Promise((resolve) => setImmediate(resolve));
      expect(b.stats.queueDropped).toBe(0);
    }));

  it('rejects bad options naming them', () =>
    withPair(async (_a, b) => {
      expect(() => sniff({ link: b, count: -1 })).toThrow(InvalidOptionError);
      expect(() => sniff({ link: b, timeout: Number.NaN })).toThrow('timeout');
    }));

  it('reports an interface that does not exist from next()', async () => {
    const frames = sniff({ iface: 'nosuch9', timeout: 10 });
    await expect(frames.next()).rejects.toThrow(NoSuchInterfaceError);
    expect(await frames.next()).toEqual({ done: true, value: undefined });
  });
});
