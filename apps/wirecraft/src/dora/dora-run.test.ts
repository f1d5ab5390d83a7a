import { describe, expect, it } from '@jest/globals';
import { virtualPair } from '@wirecraft/capture';
import { type DoraEvent, runDora } from './dora-run.js';
import { embeddedDoraPlans, startEmbeddedNetwork } from './embedded-network.js';
import { emptyDoraView, finishDoraView, reduceDoraView } from './dora-view.js';

describe('runDora on a link where no server answers', () => {
  it('shows each retransmission, then fails with the attempt times and the fix', async () => {
    const [client, silent] = virtualPair();
    const events: DoraEvent[] = [];
    try {
      const outcome = await runDora(
        {
          link: { link: client, description: 'silent pair' },
          renew: false,
          release: false,
          timeoutMs: 30_000,
          // 4 s, 8 s, 16 s of RFC backoff become a few milliseconds.
          timeScale: 0.001,
        },
        (event) => events.push(event),
      );
      expect(outcome.ok).toBe(false);
      expect(outcome.failure).toMatch(
        /no reply to DHCPDISCOVER after 4 attempt\(s\).*check that a DHCP server/,
      );
      expect(
        events.filter((e) => e.type === 'retransmit').map((e) => e.type === 'retransmit' && e.attempt),
      ).toEqual([2, 3, 4]);
      const view = finishDoraView(events.reduce(reduceDoraView, emptyDoraView()), outcome);
      expect(view.rows.filter((r) => r.kind === 'retransmit').map((r) => r.label)).toEqual([
        'DISCOVER',
        'DISCOVER',
        'DISCOVER',
      ]);
      expect(view.outcome).toEqual({
        ok: false,
        text: expect.stringMatching(/^failed: no reply to DHCPDISCOVER/),
      });
      // The caller's link stays open: runDora closes only what it opened.
      expect(client.closed).toBe(false);
    } finally {
      await client.close();
      await silent.close();
    }
  });

  it('stops at --timeout with the phase it was in', async () => {
    const [client, silent] = virtualPair();
    try {
      const outcome = await runDora(
        { link: { link: client, description: 'silent pair' }, renew: false, release: false, timeoutMs: 50 },
        () => {},
      );
      expect(outcome).toMatchObject({ ok: false, offers: 0 });
      expect(outcome.failure).toBe(
        'no DHCPACK within 0.05 s (still SELECTING); check that a DHCP server answers on this link, or raise --timeout',
      );
    } finally {
      await client.close();
      await silent.close();
    }
  });

  it('stops when its signal aborts (Ctrl-C)', async () => {
    const [client, silent] = virtualPair();
    const controller = new AbortController();
    try {
      const run = runDora(
        {
          link: { link: client, description: 'silent pair' },
          renew: false,
          release: false,
          timeoutMs: 30_000,
        },
        (event) => {
          // A signal arrives on its own macrotask, never inside the client's send.
          if (event.type === 'sent') setTimeout(() => controller.abort(), 0);
        },
        controller.signal,
      );
      await expect(run).resolves.toMatchObject({ ok: false, failure: 'interrupted while SELECTING' });
    } finally {
      await client.close();
      await silent.close();
    }
  });
});

describe('runDora --offers N', () => {
  it('stops waiting as soon as the Nth offer is in: a 10-minute window does not hold the exchange', async () => {
    const events: DoraEvent[] = [];
    const outcome = await runDora(
      { offers: 3, offerWindowMs: 600_000, renew: false, release: false, timeoutMs: 20_000 },
      (event) => events.push(event),
    );
    expect(outcome).toMatchObject({ ok: true, offers: 3 });
    const chosen = events.find((e) => e.type === 'offer-chosen');
    expect(chosen).toMatchObject({ among: 3 });
    // Chosen right after the third offer, not when the window ran out.
    const third = events.filter((e) => e.type === 'offer')[2];
    expect(events.indexOf(chosen!)).toBe(events.indexOf(third!) + 1);
  }, 30_000);

  it('with fewer servers than N, waits out the window and takes the first offer', async () => {
    const network = await startEmbeddedNetwork(embeddedDoraPlans(2));
    const events: DoraEvent[] = [];
    try {
      const outcome = await runDora(
        {
          link: { link: network.link, description: 'two servers' },
          offers: 3,
          offerWindowMs: 200,
          renew: false,
          release: false,
          timeoutMs: 20_000,
        },
        (event) => events.push(event),
      );
      expect(outcome).toMatchObject({ ok: true, offers: 2 });
      const offers = events.filter((e) => e.type === 'offer');
      expect(events.find((e) => e.type === 'offer-chosen')).toMatchObject({
        among: 2,
        offer: { serverId: offers[0].type === 'offer' ? offers[0].offer.serverId : '' },
      });
    } finally {
      await network.close();
    }
  }, 30_000);
});
