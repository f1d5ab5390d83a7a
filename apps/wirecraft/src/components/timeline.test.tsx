import { describe, expect, it } from '@jest/globals';
import { render } from 'ink-testing-library';
import type { TimelineRow } from '../dora/dora-view.js';
import { Timeline } from './timeline.js';

const rows: TimelineRow[] = [
  { id: 0, time: 1.2, kind: 'sent', label: 'DISCOVER', text: 'xid=0x00000001 0.0.0.0>255.255.255.255' },
  {
    id: 1,
    time: 4003,
    kind: 'retransmit',
    label: 'DISCOVER',
    text: 'retransmit #2 after 4.0 s without an answer',
  },
  {
    id: 2,
    time: 4010.5,
    kind: 'received',
    label: 'OFFER',
    text: 'xid=0x00000001 198.18.0.1>255.255.255.255',
  },
];

describe('Timeline', () => {
  it('shows direction, time since start, type and detail on one line per row', () => {
    const { lastFrame, unmount } = render(<Timeline rows={rows} color={false} />);
    expect(lastFrame()?.split('\n')).toEqual([
      '→ +0.001s DISCOVER xid=0x00000001 0.0.0.0>255.255.255.255',
      '↻ +4.003s DISCOVER retransmit #2 after 4.0 s without an answer',
      '← +4.011s OFFER    xid=0x00000001 198.18.0.1>255.255.255.255',
    ]);
    unmount();
  });

  it('keeps only the newest rows and says how many are hidden', () => {
    const { lastFrame, unmount } = render(<Timeline rows={rows} maxRows={1} color={false} />);
    expect(lastFrame()?.split('\n')).toEqual([
      '… 2 earlier',
      '← +4.011s OFFER    xid=0x00000001 198.18.0.1>255.255.255.255',
    ]);
    unmount();
  });
});
