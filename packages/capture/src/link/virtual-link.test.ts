import { describe, expect, it, jest } from '@jest/globals';
import { manualClock } from '../clock.js';
import { InvalidOptionError, LinkClosedError } from '../errors.js';
import type { Frame } from '../frame.js';
import { VirtualHub, virtualHub, virtualPair } from './virtual-link.js';

function ethernet(dst: number, src: number, payload = 0): Uint8Array {
  const frame = new Uint8Array(60);
  frame.fill(dst, 0, 6);
  frame.fill(src, 6, 12);
  frame[12] = 0x88;
  frame[13] = 0xb5;
  frame[14] = payload;
  return frame;
}

async function take(frames: AsyncIterableIterator<Frame>, n: number): Promise<Frame[]> {
  const out: Frame[] = [];
  for await (const frame of frames) {
    out.push(frame);
    if (out.length === n) break;
  }
  return out;
}

describe('virtualPair', () => {
  it('delivers a sent frame to the other end, not to the sender', async () => {
    const [a, b] = virtualPair();
    const atA = a.frames();
    const atB = b.frames();
    await a.send(ethernet(0xff, 0x02, 7));
    const [frame] = await take(atB, 1);
    expect(frame.data[14]).toBe(7);
    expect(frame.originalLength).toBe(60);
    expect(frame.linktype).toBe(1);
    await a.close();
    expect(await atA.next()).toEqual({ done: true, value: undefined });
    await b.close();
  });

  it('delivers in a later macrotask, never inside send()', async () => {
    const [a, b] = virtualPair();
    const received: number[] = [];
    const atB = b.frames();
    const reader = (async () => {
      for await (const frame of atB) received.push(frame.data[14]);
    })();
    await a.send(ethernet(0xff, 2, 1));
    await Promise.resolve();
    expect(received).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(received).toEqual([1]);
    await b.close();
    await reader;
    await a.close();
  });

  it('copies the frame at send time, so the sender may reuse its buffer', async () => {
    const [a, b] = virtualPair();
    const atB = b.frames();
    const buffer = ethernet(0xff, 2, 1);
    await a.send(buffer);
    buffer[14] = 99;
    const [frame] = await take(atB, 1);
    expect(frame.data[14]).toBe(1);
    await a.close();
    await b.close();
  });

  it('gives every consumer every frame received after it called frames()', async () => {
    const [a, b] = virtualPair();
    const early = b.frames();
    await a.send(ethernet(0xff, 2, 1));
    await new Promise((resolve) => setImmediate(resolve));
    const late = b.frames();
    await a.send(ethernet(0xff, 2, 2));
    expect((await take(early, 2)).map((f) => f.data[14])).toEqual([1, 2]);
    expect((await take(late, 1)).map((f) => f.data[14])).toEqual([2]);
    await a.close();
    await b.close();
  });

  it('counts frames a slow consumer could not queue, without stalling others', async () => {
    const [a, b] = virtualPair();
    const slow = b.frames({ queueCapacity: 3 });
    const fast = b.frames();
    for (let i = 0; i < 10; i++) await a.send(ethernet(0xff, 2, i));
    expect((await take(fast, 10)).map((f) => f.data[14])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect((await take(slow, 3)).map((f) => f.data[14])).toEqual([0, 1, 2]);
    expect(b.stats).toEqual({ sent: 0, received: 10, dropped: 0, queueDropped: 7 });
    expect(a.stats.sent).toBe(10);
    await a.close();
    await b.close();
  });

  it('rejects send after close with LinkClosedError and ends iterators', async () => {
    const [a, b] = virtualPair();
    const pending = a.frames().next();
    await a.close();
    await a.close();
    expect(await pending).toEqual({ done: true, value: undefined });
    await expect(a.send(ethernet(1, 2))).rejects.toThrow(LinkClosedError);
    await expect(a.send(ethernet(1, 2))).rejects.toThrow('vpair0: link is closed');
    const afterClose = a.frames();
    expect(await afterClose.next()).toEqual({ done: true, value: undefined });
    await b.close();
  });

  it('ends an iterator when its signal aborts, even while next() is pending', async () => {
    const [a, b] = virtualPair();
    const controller = new AbortController();
    const pending = b.frames({ signal: controller.signal }).next();
    controller.abort();
    expect(await pending).toEqual({ done: true, value: undefined });
    await a.close();
    await b.close();
  });

  it('stamps frames with the hub clock', async () => {
    const clock = manualClock({ seconds: 1000, nanoseconds: 5, precision: 9 });
    const [a, b] = virtualPair({ clock });
    const atB = b.frames();
    clock.advance(1.5);
    await a.send(ethernet(0xff, 2));
    const [frame] = await take(atB, 1);
    expect(frame.timestamp).toEqual({ seconds: 1000, nanoseconds: 1_500_005, precision: 9 });
    await a.close();
    await b.close();
  });
});

describe('virtual impairments', () => {
  it('loses about the configured fraction, reproducibly for a seed', async () => {
    async function run(seed: number): Promise<number[]> {
      const [a, b] = virtualPair({ ports: { loss: 0.3, seed } });
      const atB = b.frames();
      for (let i = 0; i < 200; i++) await a.send(ethernet(0xff, 2, i));
      await new Promise((resolve) => setImmediate(resolve));
      await a.close();
      await b.close();
      const got: number[] = [];
      for await (const frame of atB) got.push(frame.data[14]);
      expect(b.stats.dropped).toBe(200 - got.length);
      return got;
    }
    const first = await run(42);
    expect(first.length).toBeGreaterThan(110);
    expect(first.length).toBeLessThan(170);
    expect(await run(42)).toEqual(first);
    expect(await run(43)).not.toEqual(first);
  });

  it('delays delivery by delayMs', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'queueMicrotask', 'nextTick'] });
    try {
      const [a, b] = virtualPair({ ports: { delayMs: 30 } });
      const atB = b.frames();
      await a.send(ethernet(0xff, 2, 1));
      let arrived = false;
      const next = atB.next().then((r) => {
        arrived = true;
        return r;
      });
      jest.advanceTimersByTime(29);
      await Promise.resolve();
      expect(arrived).toBe(false);
      jest.advanceTimersByTime(1);
      expect((await next).value?.data[14]).toBe(1);
      await a.close();
      await b.close();
    } finally {
      jest.useRealTimers();
    }
  });

  it('drops pending delayed frames when every port closes, so nothing keeps the process alive', async () => {
    const [a, b] = virtualPair({ ports: { delayMs: 60_000 } });
    await a.send(ethernet(0xff, 2, 1));
    await a.close();
    await b.close();
    // jest would report an open handle / hang if the 60 s timer survived.
  });

  it('rejects impossible options with the option named', () => {
    expect(() => virtualPair({ ports: { loss: 2 } })).toThrow(InvalidOptionError);
    expect(() => virtualPair({ ports: { loss: 2 } })).toThrow('loss: invalid value 2');
    expect(() => virtualPair({ ports: { delayMs: -1 } })).toThrow('delayMs');
    expect(() => new VirtualHub(1)).toThrow('portCount');
  });
});

describe('virtualHub', () => {
  it('floods a frame to every other port', async () => {
    const ports = virtualHub(4);
    const iterators = ports.map((port) => port.frames());
    await ports[1].send(ethernet(0xff, 0x11, 5));
    for (const i of [0, 2, 3]) {
      const [frame] = await take(iterators[i], 1);
      expect(frame.interfaceId).toBe(i);
      expect(frame.data[14]).toBe(5);
    }
    await Promise.all(ports.map((port) => port.close()));
    expect(await iterators[1].next()).toEqual({ done: true, value: undefined });
  });

  it('with learning, sends unicast only to the port that owns the destination MAC', async () => {
    const ports = virtualHub(3, { learning: true });
    const iterators = ports.map((port) => port.frames());
    // Port 2 announces its MAC by sending a broadcast (reaches 0 and 1).
    await ports[2].send(ethernet(0xff, 0x22, 1));
    // A unicast from port 0 to port 2's MAC (0x22..) must not reach port 1.
    await ports[0].send(ethernet(0x22, 0x10, 2));
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all(ports.map((port) => port.close()));
    const collect = async (i: number) => {
      const out: number[] = [];
      for await (const frame of iterators[i]) out.push(frame.data[14]);
      return out;
    };
    expect(await collect(0)).toEqual([1]);
    expect(await collect(1)).toEqual([1]);
    expect(await collect(2)).toEqual([2]);
  });
});
