import { describe, expect, it } from '@jest/globals';
import { virtualPair } from '@wirecraft/capture';
import { createDhcpServer } from '@wirecraft/dhcp';
import { render } from 'ink-testing-library';
import { embeddedServerPlan } from '../dora/embedded-network.js';
import { type DoraEvent, runDora } from '../dora/dora-run.js';
import { emptyDoraView, finishDoraView, reduceDoraView } from '../dora/dora-view.js';
import { DoraScreen } from './dora-screen.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('DoraScreen', () => {
  it('renders the live DORA timeline and the lease box from a real exchange, within 80 columns', async () => {
    const [clientLink, serverLink] = virtualPair();
    const plan = embeddedServerPlan(0);
    const server = createDhcpServer({
      links: [serverLink],
      serverId: plan.serverId,
      serverMac: plan.serverMac,
      pools: [plan.pool],
    });
    await server.start();
    let view = emptyDoraView();
    const { lastFrame, rerender, unmount } = render(<DoraScreen view={view} color={false} columns={80} />);
    try {
      const frames: string[] = [];
      const outcome = await runDora(
        {
          link: { link: clientLink, description: 'test pair' },
          renew: false,
          release: false,
          timeoutMs: 10_000,
        },
        (event: DoraEvent) => {
          view = reduceDoraView(view, event);
          rerender(<DoraScreen view={view} color={false} columns={80} />);
        },
      );
      await tick();
      frames.push(lastFrame() ?? '');
      rerender(<DoraScreen view={finishDoraView(view, outcome)} color={false} columns={80} />);
      await tick();
      const frame = lastFrame() ?? '';
      const lines = frame.split('\n');
      expect(lines[0]).toBe('wirecraft dora test pair; client 02:00:00:00:00:01');
      expect(
        lines
          .filter((l) => /^[→←] +\+\d+\.\d{3}s (DISCOVER|OFFER|REQUEST|ACK) /.test(l))
          .map((l) => l.split(/ +/)[2]),
      ).toEqual(['DISCOVER', 'OFFER', 'REQUEST', 'ACK']);
      expect(frame).toMatch(
        /← +\+\d+\.\d{3}s ACK +xid=0x[0-9a-f]{8} yiaddr=198\.18\.0\.100 srv=198\.18\.0\.1 lease=1h /,
      );
      expect(frame).toContain('Lease (obtained)');
      expect(lines[1]).toBe('state BOUND');
      expect(frame).toMatch(/address +198\.18\.0\.100 \/ 255\.255\.255\.0/);
      expect(lines.at(-1)).toBe('done: 198.18.0.100 bound');
      expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
      expect(lines.length).toBeLessThanOrEqual(24);
    } finally {
      unmount();
      await server.stop();
      await clientLink.close();
      await serverLink.close();
    }
  });

  it('lists every offer when several servers answer, marking the chosen one', async () => {
    let view = emptyDoraView();
    const offer = (address: string, serverId: string, time: number, count: number): DoraEvent => ({
      type: 'offer',
      time,
      count,
      offer: { address, serverId, serverMac: '02:00:5e:00:00:01', time, received: undefined as never },
    });
    view = reduceDoraView(view, offer('198.18.0.100', '198.18.0.1', 5, 1));
    view = reduceDoraView(view, offer('198.18.0.140', '198.18.0.2', 7, 2));
    const chosen = view.offers[1];
    view = reduceDoraView(view, {
      type: 'offer-chosen',
      time: 1000,
      among: 2,
      offer: {
        address: chosen.address,
        serverId: chosen.serverId,
        serverMac: '',
        time: 7,
        received: undefined as never,
      },
    });
    const { lastFrame, unmount } = render(<DoraScreen view={view} color={false} />);
    const frame = lastFrame() ?? '';
    expect(frame).toContain('Offers (2)');
    expect(frame).toMatch(/^ {2}198\.18\.0\.100 +from 198\.18\.0\.1 +at \+0\.005s$/m);
    expect(frame).toMatch(/^✔ 198\.18\.0\.140 +from 198\.18\.0\.2 +at \+0\.007s$/m);
    expect(frame).toContain('chose 198.18.0.140 from 198.18.0.2 among 2 offer(s)');
    unmount();
  });
});
