import { describe, expect, it } from '@jest/globals';
import { retransmitDelay } from './backoff.js';
import { INFINITE_LEASE, leaseTimers } from './lease.js';

describe('leaseTimers', () => {
  it('defaults T1/T2 to 0.5 and 0.875 of the lease', () => {
    expect(leaseTimers(3600)).toEqual({ renewalTime: 1800, rebindingTime: 3150 });
  });
  it('uses consistent options 58/59', () => {
    expect(leaseTimers(3600, 600, 1200)).toEqual({ renewalTime: 600, rebindingTime: 1200 });
  });
  it('ignores T1 >= T2 and T2 >= lease', () => {
    expect(leaseTimers(3600, 3000, 2000)).toEqual({ renewalTime: 1800, rebindingTime: 2000 });
    expect(leaseTimers(3600, 100, 4000)).toEqual({ renewalTime: 100, rebindingTime: 3150 });
  });
  it('keeps an infinite lease infinite', () => {
    expect(leaseTimers(INFINITE_LEASE)).toEqual({
      renewalTime: INFINITE_LEASE,
      rebindingTime: INFINITE_LEASE,
    });
  });
});

describe('retransmitDelay', () => {
  it('doubles from 4 s up to 64 s with +/- 1 s of randomization', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => retransmitDelay(n, { random: mid }))).toEqual([
      4000, 8000, 16000, 32000, 64000, 64000, 64000,
    ]);
    expect(retransmitDelay(1, { random: () => 0 })).toBe(3000);
    expect(retransmitDelay(1, { random: () => 0.999999 })).toBeCloseTo(5000, 0);
  });
});
