import { afterEach, describe, expect, it } from '@jest/globals';
import { type Link, virtualPair } from '@wirecraft/capture';
import { composeDhcpFrame } from '../wire/dhcp-frame.js';
import { createDhcpMessage } from '../wire/dhcp-message.js';
import { dhcpMessages } from '../wire/dhcp-receive.js';
import { LoadOptionError } from './load-errors.js';
import { percentile } from './percentile.js';
import { type LoadProgress, runLoad } from './run-load.js';

/** Answers every DISCOVER and REQUEST, except the requests of clients `ignore` names. */
function server(link: Link, signal: AbortSignal, ignore: (mac: string) => boolean = () => false) {
  const macs = new Set<string>();
  void (async () => {
    let next = 10;
    for await (const r of dhcpMessages(link, { signal })) {
      const type = r.message.messageType;
      if (r.message.op !== 1 || ignore(r.message.chaddr)) continue;
      macs.add(r.message.chaddr);
      const m = createDhcpMessage({
        op: 2,
        xid: r.message.xid,
        chaddr: r.message.chaddr,
        yiaddr: `198.18.${next >> 8}.${next++ & 0xff}`,
        options: [
          ['message-type', type === 'discover' ? 'offer' : 'ack'],
          ['server_id', '198.18.0.1'],
        ],
      });
      await link.send(
        composeDhcpFrame({
          message: m,
          srcMac: '02:00:00:00:00:fe',
          dstMac: 'ff:ff:ff:ff:ff:ff',
          srcIp: '198.18.0.1',
          dstIp: '255.255.255.255',
        }),
      );
    }
  })();
  return macs;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function pair() {
  const [a, b] = virtualPair();
  const abort = new AbortController();
  cleanups.push(async () => {
    abort.abort();
    await a.close();
    await b.close();
  });
  return { a, b, signal: abort.signal };
}

describe('runLoad', () => {
  it('runs full DORA exchanges at the target rate over a bounded set of MACs', async () => {
    const { a, b, signal } = pair();
    const macs = server(b, signal);
    const progress: LoadProgress[] = [];
    const result = await runLoad({
      link: a,
      clients: 5,
      rate: 400,
      duration: 0.25,
      macBase: '02:aa:00:00:00:fe',
      progressMs: 50,
      onProgress: (p) => progress.push(p),
    });
    expect(result.sent).toBe(100);
    expect(result.requestsSent).toBe(100);
    expect(result.completed).toBe(100);
    expect(result.drops).toBe(0);
    expect(result.eps).toBeGreaterThan(0);
    expect(result.discover_offer_ms_p50).toBeGreaterThan(0);
    expect(result.request_ack_ms_p99).toBeGreaterThanOrEqual(result.request_ack_ms_p50);
    // 5 distinct MACs, counting up across a byte boundary.
    expect([...macs].sort()).toEqual([
      '02:aa:00:00:00:fe',
      '02:aa:00:00:00:ff',
      '02:aa:00:00:01:00',
      '02:aa:00:00:01:01',
      '02:aa:00:00:01:02',
    ]);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.at(-1)?.completed).toBe(100);
  });

  it('counts exchanges without an answer as drops after the timeout', async () => {
    const { a, b, signal } = pair();
    server(b, signal, (mac) => mac.endsWith(':01'));
    const result = await runLoad({ link: a, clients: 2, rate: 200, duration: 0.1, timeoutMs: 50 });
    expect(result.sent).toBe(20);
    expect(result.completed).toBe(10);
    expect(result.drops).toBe(10);
  });

  it('rejects bad options with the option name', async () => {
    const { a } = pair();
    await expect(runLoad({ link: a, clients: 0, rate: 1, duration: 1 })).rejects.toThrow(LoadOptionError);
    await expect(runLoad({ link: a, clients: 1, rate: -5, duration: 1 })).rejects.toThrow(/rate/);
    await expect(runLoad({ link: a, clients: 1, rate: 5, duration: 1, macBase: 'x' })).rejects.toThrow(
      /macBase/,
    );
  });
});

describe('percentile', () => {
  it('is nearest-rank', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([5, 1, 4, 2, 3], 99)).toBe(5);
    expect(percentile([], 50)).toBeNaN();
  });
});
