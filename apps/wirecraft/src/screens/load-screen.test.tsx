import { describe, expect, it } from '@jest/globals';
import { render } from 'ink-testing-library';
import { progressBarText } from '../components/progress-bar.js';
import { LoadScreen } from './load-screen.js';

describe('LoadScreen', () => {
  it('shows the progress bar and live counters while running', () => {
    const { lastFrame, unmount } = render(
      <LoadScreen
        setup="test"
        durationS={4}
        rate={100}
        progress={{ elapsedMs: 1000, sent: 100, offers: 99, completed: 98, naks: 0, outstanding: 2 }}
        color={false}
      />,
    );
    const frame = lastFrame() ?? '';
    expect(frame).toContain(progressBarText(0.25, 40));
    expect(frame).toMatch(/^completed +98$/m);
    expect(frame).toMatch(/^rate +98 DORA\/s$/m);
    unmount();
  });

  it('shows the percentiles when done', () => {
    const { lastFrame, unmount } = render(
      <LoadScreen
        setup="test"
        durationS={1}
        rate={100}
        result={{
          eps: 99.5,
          sent: 100,
          requestsSent: 100,
          offers: 100,
          completed: 99,
          naks: 0,
          drops: 1,
          discover_offer_ms_p50: 0.5,
          discover_offer_ms_p99: 3.25,
          request_ack_ms_p50: 0.4,
          request_ack_ms_p99: 2,
          durationMs: 1000,
        }}
        color={false}
      />,
    );
    const frame = lastFrame() ?? '';
    expect(frame).toContain('100%');
    expect(frame).toMatch(/DISCOVER→OFFER p50\/p99 0\.50 ms \/ 3\.25 ms/);
    expect(frame).toMatch(/drops +1/);
    unmount();
  });

  it('draws the bar proportionally and clamps it', () => {
    expect(progressBarText(0.5, 10)).toBe('█████░░░░░  50%');
    expect(progressBarText(2, 4)).toBe('████ 100%');
    expect(progressBarText(Number.NaN, 4)).toBe('░░░░   0%');
  });
});
