import { describe, expect, it } from '@jest/globals';
import { SendFailedError } from '../errors.js';
import type { Frame } from '../frame.js';
import { sniff } from '../sniff.js';
import { fileSource, recordTo } from './file-source.js';
import { virtualPair } from './virtual-link.js';

function frameAt(tag: number, ms: number): Frame {
  return {
    data: Uint8Array.of(tag),
    timestamp: { seconds: Math.floor(ms / 1000), nanoseconds: (ms % 1000) * 1e6, precision: 6 },
    originalLength: 1,
    linktype: 1,
  };
}

async function* generate(n: number): AsyncGenerator<Frame> {
  for (let i = 0; i < n; i++) yield frameAt(i % 256, i);
}

describe('fileSource', () => {
  it('replays every frame to every consumer at top speed, without queue drops, then closes', async () => {
    const link = fileSource(generate(10_000), { name: 'dhcp.pcap' });
    const small = link.frames({ queueCapacity: 8 });
    const big = link.frames();
    const count = async (it: AsyncIterable<Frame>) => {
      let n = 0;
      for await (const _ of it) n++;
      return n;
    };
    expect(await Promise.all([count(small), count(big)])).toEqual([10_000, 10_000]);
    await link.done;
    expect(link.closed).toBe(true);
    expect(link.stats).toEqual({ sent: 0, received: 10_000, dropped: 0, queueDropped: 0 });
  });

  it('is read-only', async () => {
    const link = fileSource(generate(1));
    await expect(link.send(Uint8Array.of(1))).rejects.toThrow(SendFailedError);
    await link.close();
  });

  it('works as a sniff source (sniff ends when the replay ends)', async () => {
    const link = fileSource(generate(5));
    const tags: number[] = [];
    for await (const f of sniff({ link, filter: (f) => f.data[0] !== 2 })) tags.push(f.data[0]);
    expect(tags).toEqual([0, 1, 3, 4]);
  });

  it('propagates a source error through done', async () => {
    async function* broken(): AsyncGenerator<Frame> {
      yield frameAt(1, 0);
      throw new Error('truncated record');
    }
    const link = fileSource(broken());
    const got: number[] = [];
    for await (const f of link.frames()) got.push(f.data[0]);
    expect(got).toEqual([1]);
    await expect(link.done).rejects.toThrow('truncated record');
  });

  it('paces by timestamps when asked (order preserved)', async () => {
    const frames = [frameAt(1, 0), frameAt(2, 20), frameAt(3, 40)];
    const link = fileSource(
      (async function* () {
        yield* frames;
      })(),
      { paced: true, speed: 2 },
    );
    const got: number[] = [];
    for await (const f of link.frames()) got.push(f.data[0]);
    expect(got).toEqual([1, 2, 3]);
  });
});

describe('recordTo', () => {
  it('writes frames received from a link into a sink until count', async () => {
    const [a, b] = virtualPair();
    const written: number[] = [];
    const recording = recordTo(b, { write: (f) => void written.push(f.data[14]) }, { count: 2 });
    for (let i = 0; i < 4; i++) {
      const data = new Uint8Array(60);
      data[14] = i;
      await a.send(data);
    }
    expect(await recording).toBe(2);
    expect(written).toEqual([0, 1]);
    await a.close();
    await b.close();
  });

  it('stops when the link closes', async () => {
    const [a, b] = virtualPair();
    const recording = recordTo(b, { write: () => undefined });
    await a.send(new Uint8Array(60));
    setTimeout(() => void b.close(), 5);
    expect(await recording).toBe(1);
    await a.close();
  });
});
