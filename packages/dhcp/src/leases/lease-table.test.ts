import { describe, expect, it } from '@jest/globals';
import { parseIpv4 } from '@wirecraft/packet';
import { type AllocationRange, LeaseTable } from './lease-table.js';

const a = (text: string) => parseIpv4(text);
const range = (): AllocationRange => ({
  first: a('198.18.0.10'),
  last: a('198.18.0.12'),
  cursor: a('198.18.0.10'),
});
const bound = (clientKey: string, expiresAt = 10_000) => ({
  clientKey,
  mac: '02:00:00:00:00:01',
  state: 'bound' as const,
  startedAt: 0,
  expiresAt,
});

describe('LeaseTable', () => {
  it('allocates round-robin and skips held and reserved addresses', () => {
    const table = new LeaseTable();
    const r = range();
    table.reserve(a('198.18.0.11'), 'mac:02:00:00:00:00:99');
    expect(table.allocate(r, 'mac:x', 0)).toBe(a('198.18.0.10'));
    table.set(a('198.18.0.10'), bound('mac:x'));
    expect(table.allocate(r, 'mac:y', 0)).toBe(a('198.18.0.12'));
    table.set(a('198.18.0.12'), bound('mac:y'));
    expect(table.allocate(r, 'mac:z', 0)).toBeUndefined();
    // The reserved owner itself may take it.
    expect(table.allocate(r, 'mac:02:00:00:00:00:99', 0)).toBe(a('198.18.0.11'));
  });

  it('gives an expired address to another client, never a live one', () => {
    const table = new LeaseTable();
    table.set(a('198.18.0.10'), bound('mac:x', 100));
    expect(table.availableTo(a('198.18.0.10'), 'mac:y', 99)).toBe(false);
    expect(table.availableTo(a('198.18.0.10'), 'mac:y', 100)).toBe(true);
    expect(table.expire(100).map((l) => l.address)).toEqual(['198.18.0.10']);
    expect(table.byAddress(a('198.18.0.10'))?.state).toBe('expired');
  });

  it('keeps one lease per client: moving frees the old offer', () => {
    const table = new LeaseTable();
    table.set(a('198.18.0.10'), { ...bound('mac:x'), state: 'offered' });
    table.set(a('198.18.0.11'), bound('mac:x'));
    expect(table.byAddress(a('198.18.0.10'))).toBeUndefined();
    expect(table.byClient('mac:x')?.address).toBe('198.18.0.11');
  });

  it('quarantines a declined address even for the client that declined it', () => {
    const table = new LeaseTable();
    const lease = table.set(a('198.18.0.10'), bound('mac:x'));
    table.update(lease, 'declined', 500);
    expect(table.availableTo(a('198.18.0.10'), 'mac:x', 499)).toBe(false);
    expect(table.availableTo(a('198.18.0.10'), 'mac:y', 499)).toBe(false);
    expect(table.availableTo(a('198.18.0.10'), 'mac:y', 500)).toBe(true);
    expect(table.byClient('mac:x')).toBeUndefined();
  });

  it('serializes durable leases only', () => {
    const table = new LeaseTable();
    table.set(a('198.18.0.10'), { ...bound('mac:x'), state: 'offered' });
    expect([...table.serializedLines()]).toEqual([]);
    table.set(a('198.18.0.10'), { ...bound('mac:x'), hostname: 'h1' });
    const lines = [...table.serializedLines()];
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({
      address: '198.18.0.10',
      client: 'mac:x',
      state: 'bound',
      hostname: 'h1',
    });
  });
});
