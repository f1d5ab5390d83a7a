import { describe, expect, it } from '@jest/globals';
import type { DhcpLease } from '@wirecraft/dhcp';
import { DhcpOptionList } from '@wirecraft/packet';
import { render } from 'ink-testing-library';
import { formatLeaseSeconds, LeaseBox } from './lease-box.js';

const lease: DhcpLease = {
  address: '198.18.0.100',
  serverId: '198.18.0.1',
  serverMac: '02:00:5e:00:00:01',
  subnetMask: '255.255.255.0',
  routers: ['198.18.0.1'],
  dnsServers: ['198.18.0.1', '198.18.0.2'],
  leaseTime: 3600,
  renewalTime: 1800,
  rebindingTime: 3150,
  startedAt: 0,
  options: new DhcpOptionList(),
};

describe('LeaseBox', () => {
  it('shows address, server, router, DNS, lease time and T1/T2 in a box', () => {
    const { lastFrame, unmount } = render(<LeaseBox lease={lease} kind="obtained" color={false} />);
    const frame = lastFrame() ?? '';
    expect(frame).toContain('Lease (obtained)');
    expect(frame).toMatch(/address +198\.18\.0\.100 \/ 255\.255\.255\.0/);
    expect(frame).toMatch(/server +198\.18\.0\.1 \(02:00:5e:00:00:01\)/);
    expect(frame).toMatch(/router +198\.18\.0\.1/);
    expect(frame).toMatch(/DNS +198\.18\.0\.1, 198\.18\.0\.2/);
    expect(frame).toMatch(/lease time +3600 s \(1h\)/);
    expect(frame).toMatch(/T1 \/ T2 +1800 s \(30m\) \/ 3150 s \(52m30s\)/);
    expect(frame.split('\n')[0]).toMatch(/^╭─+╮$/);
    unmount();
  });

  it('formats short, long and infinite lease times', () => {
    expect(formatLeaseSeconds(60)).toBe('60 s');
    expect(formatLeaseSeconds(86_461)).toBe('86461 s (24h1m1s)');
    expect(formatLeaseSeconds(0xffffffff)).toBe('infinite');
  });
});
