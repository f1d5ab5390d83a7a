import { describe, expect, it } from '@jest/globals';
import { virtualPair } from '@wirecraft/capture';
import { type DoraEvent, runDora } from './dora-run.js';
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
