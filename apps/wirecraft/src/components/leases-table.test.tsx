import { describe, expect, it } from '@jest/globals';
import type { Lease } from '@wirecraft/dhcp';
import { render } from 'ink-testing-library';
import { LeasesTable } from './leases-table.js';

const now = 1_700_000_000_000;
const lease = (
  address: string,
  last: number,
  state: Lease['state'],
  seconds: number,
  hostname?: string,
): Lease => ({
  address,
  addressNumber: (198 << 24) + (18 << 16) + (5 << 8) + last,
  clientKey: `mac:02:00:00:00:00:${last.toString(16).padStart(2, '0')}`,
  mac: `02:00:00:00:00:${last.toString(16).padStart(2, '0')}`,
  ...(hostname ? { hostname } : {}),
  state,
  startedAt: now,
  expiresAt: now + seconds * 1000,
});

describe('LeasesTable', () => {
  it('lists leases sorted by address with MAC, hostname, state and time left', () => {
    const { lastFrame, unmount } = render(
      <LeasesTable
        leases={[
          lease('198.18.5.120', 120, 'offered', 60),
          lease('198.18.5.100', 100, 'bound', 3600, 'peer1'),
        ]}
        now={now}
        color={false}
      />,
    );
    expect(lastFrame()?.split('\n')).toEqual([
      'address         mac               hostname        state     expires',
      '198.18.5.100    02:00:00:00:00:64 peer1           bound     60m',
      '198.18.5.120    02:00:00:00:00:78 -               offered   60s',
    ]);
    unmount();
  });

  it('says so when there is no lease and caps the rows', () => {
    const empty = render(<LeasesTable leases={[]} now={now} color={false} />);
    expect(empty.lastFrame()).toContain('(no leases yet)');
    empty.unmount();
    const many = Array.from({ length: 5 }, (_, i) => lease(`198.18.5.${100 + i}`, 100 + i, 'bound', 10));
    const capped = render(<LeasesTable leases={many} now={now} maxRows={2} color={false} />);
    expect(capped.lastFrame()).toContain('… 3 more');
    capped.unmount();
  });
});
