import { describe, expect, it } from '@jest/globals';
import { InvalidOptionError } from './errors.js';
import type { Link } from './link/link.js';
import type { VirtualPort } from './link/virtual-link.js';
import { virtualPair } from './link/virtual-link.js';
import { type SrpCodec, srp1With, srpWith } from './srp-engine.js';

/** A toy protocol: Ethernet broadcast, ethertype 0x88b5, then [kind, id, seq]. Requests are kind 1, replies 2. */
interface Toy {
  kind: number;
  id: number;
  seq: number;
}

const toyCodec: SrpCodec<Toy> = {
  build: (p) => {
    const bytes = new Uint8Array(60);
    bytes.fill(0xff, 0, 6);
    bytes[12] = 0x88;
    bytes[13] = 0xb5;
    bytes[14] = p.kind;
    bytes[15] = p.id;
    bytes[16] = p.seq;
    return bytes;
  },
  dissect: (bytes) => {
    if (bytes[12] !== 0x88 || bytes[13] !== 0xb5) throw new Error('not toy');
    return { kind: bytes[14], id: bytes[15], seq: bytes[16] };
  },
  answers: (request, reply) => request.kind === 1 && reply.kind === 2 && reply.id === request.id,
  hashKey: (p) => String(p.id),
};

const request = (id: number): Toy => ({ kind: 1, id, seq: 0 });

interface ResponderOptions {
  /** Replies sent per request. */
  replies?: number;
  /** Requests (by arrival order) to ignore, to make retry necessary. */
  ignoreFirst?: number;
  /** Ids never answered. */
  silentIds?: number[];
  /** Also echo the request back unchanged (as a NIC or hub might). */
  echo?: boolean;
  /** Send a frame that does not dissect before replying. */
  noise?: boolean;
}

/** A tiny responder on `port`; returns the number of requests it saw when the port closes. */
function respond(port: Link, options: ResponderOptions = {}): Promise<number> {
  return (async () => {
    let seen = 0;
    for await (const frame of port.frames()) {
      const p = toyCodec.dissect(frame.data);
      if (p.kind !== 1) continue;
      seen++;
      if (seen <= (options.ignoreFirst ?? 0) || options.silentIds?.includes(p.id)) continue;
      if (options.echo) await port.send(frame.data);
      if (options.noise) await port.send(new Uint8Array(20));
      // A wrong-id reply that shares nothing with the request must never be matched.
      await port.send(toyCodec.build({ kind: 2, id: (p.id + 100) % 256, seq: 0 }));
      for (let r = 0; r < (options.replies ?? 1); r++) {
        await port.send(toyCodec.build({ kind: 2, id: p.id, seq: r }));
      }
    }
    return seen;
  })();
}

async function withResponder(
  options: ResponderOptions,
  test: (client: VirtualPort) => Promise<void>,
): Promise<number> {
  const [client, server] = virtualPair();
  const responder = respond(server, options);
  try {
    await test(client);
  } finally {
    await client.close();
    await server.close();
  }
  return responder;
}

describe('srpWith', () => {
  it('pairs each request with its reply, ignoring echoes, noise and wrong ids', async () => {
    await withResponder({ echo: true, noise: true }, async (client) => {
      const result = await srpWith(toyCodec, client, [request(1), request(2), request(3)], {
        timeout: 5_000,
      });
      expect(result.unanswered).toEqual([]);
      expect(result.answered.map((a) => [a.request.id, a.reply.id, a.reply.kind])).toEqual([
        [1, 1, 2],
        [2, 2, 2],
        [3, 3, 2],
      ]);
      for (const a of result.answered) {
        expect(a.rttMs).toBeGreaterThanOrEqual(0);
        expect(a.frame.data[14]).toBe(2);
      }
    });
  });

  it('returns the unanswered requests after the timeout', async () => {
    await withResponder({ silentIds: [2] }, async (client) => {
      const result = await srpWith(toyCodec, client, [request(1), request(2)], { timeout: 50 });
      expect(result.answered.map((a) => a.request.id)).toEqual([1]);
      expect(result.unanswered).toEqual([request(2)]);
    });
  });

  it('retry resends only the unanswered requests', async () => {
    const seen = await withResponder({ ignoreFirst: 2 }, async (client) => {
      const result = await srpWith(toyCodec, client, [request(1), request(2)], { timeout: 50, retry: 2 });
      expect(result.unanswered).toEqual([]);
      expect(result.answered.map((a) => a.request.id).sort()).toEqual([1, 2]);
    });
    // Round 1: both ignored; round 2: both resent and answered; no third round.
    expect(seen).toBe(4);
  });

  it('without retry, an ignored request stays unanswered', async () => {
    await withResponder({ ignoreFirst: 1 }, async (client) => {
      const result = await srpWith(toyCodec, client, request(1), { timeout: 50 });
      expect(result.answered).toEqual([]);
      expect(result.unanswered).toEqual([request(1)]);
    });
  });

  it('multi collects several answers per request', async () => {
    await withResponder({ replies: 3 }, async (client) => {
      const result = await srpWith(toyCodec, client, request(7), { timeout: 100, multi: true });
      expect(result.answered.map((a) => a.reply.seq)).toEqual([0, 1, 2]);
      expect(result.unanswered).toEqual([]);
    });
  });

  it('without multi, extra answers are not collected', async () => {
    await withResponder({ replies: 3 }, async (client) => {
      const result = await srpWith(toyCodec, client, request(7), { timeout: 100 });
      expect(result.answered.map((a) => a.reply.seq)).toEqual([0]);
    });
  });

  it('stop ends as soon as it returns true, long before the timeout', async () => {
    await withResponder({ replies: 5 }, async (client) => {
      const result = await srpWith(toyCodec, client, request(7), {
        timeout: 60_000,
        multi: true,
        stop: (answered) => answered.length >= 2,
      });
      expect(result.answered.map((a) => a.reply.seq)).toEqual([0, 1]);
    });
  });

  it('ends as soon as every request is answered (no multi), long before the timeout', async () => {
    await withResponder({}, async (client) => {
      const result = await srpWith(toyCodec, client, [request(1), request(2)], { timeout: 60_000 });
      expect(result.unanswered).toEqual([]);
    });
  });

  it('an abort signal ends it with what was answered so far', async () => {
    await withResponder({ silentIds: [2] }, async (client) => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 30);
      const result = await srpWith(toyCodec, client, [request(1), request(2)], {
        timeout: 60_000,
        signal: controller.signal,
      });
      expect(result.answered.map((a) => a.request.id)).toEqual([1]);
      expect(result.unanswered).toEqual([request(2)]);
    });
  });

  it('sees a reply sent synchronously by a responder that answers before send() resolves', async () => {
    // The link delivers the reply before srp even returns from send(): the receiver must already be live.
    const [client, server] = virtualPair();
    const fast: Link = {
      name: client.name,
      linktype: client.linktype,
      ready: client.ready,
      closed: false,
      stats: client.stats,
      frames: (o) => client.frames(o),
      close: () => client.close(),
      send: async (frame) => {
        await client.send(frame);
        await server.send(toyCodec.build({ kind: 2, id: frame[15], seq: 0 }));
        await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setImmediate(resolve));
      },
    };
    const result = await srpWith(toyCodec, fast, request(9), { timeout: 60_000 });
    expect(result.answered.map((a) => a.reply.id)).toEqual([9]);
    await client.close();
    await server.close();
  });

  it('paces sends by inter', async () => {
    await withResponder({}, async (client) => {
      const result = await srpWith(toyCodec, client, [request(1), request(2), request(3)], {
        timeout: 1_000,
        inter: 5,
      });
      expect(result.answered.length).toBe(3);
    });
  });

  it('rejects bad options naming them', async () => {
    const [a, b] = virtualPair();
    await expect(srpWith(toyCodec, a, request(1), { timeout: -1 })).rejects.toThrow(InvalidOptionError);
    await expect(srpWith(toyCodec, a, request(1), { timeout: 1, retry: 1.5 })).rejects.toThrow('retry');
    await a.close();
    await b.close();
  });

  it('rejects with the link error when sending fails', async () => {
    const [a, b] = virtualPair();
    await a.close();
    await expect(srpWith(toyCodec, a, request(1), { timeout: 10 })).rejects.toThrow('link is closed');
    await b.close();
  });
});

describe('srp1With', () => {
  it('resolves with the first answer without waiting for the timeout (secdev/scapy#3610)', async () => {
    await withResponder({ replies: 3 }, async (client) => {
      const answer = await srp1With(toyCodec, client, request(4), { timeout: 60_000 });
      expect(answer?.reply).toEqual({ kind: 2, id: 4, seq: 0 });
    });
  });

  it('resolves undefined when nothing answers', async () => {
    await withResponder({ silentIds: [4] }, async (client) => {
      expect(await srp1With(toyCodec, client, request(4), { timeout: 30 })).toBeUndefined();
    });
  });
});
