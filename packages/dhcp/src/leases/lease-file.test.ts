import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { parseIpv4 } from '@wirecraft/packet';
import { LeaseFileError } from './lease-errors.js';
import { LeaseFileWriter, readLeaseFile } from './lease-file.js';
import { LeaseTable } from './lease-table.js';

const dir = mkdtempSync(join(tmpdir(), 'wirecraft-lease-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lease file', () => {
  it('round-trips the durable leases of a table', async () => {
    const path = join(dir, 'round-trip.leases');
    const table = new LeaseTable();
    const writer = new LeaseFileWriter(path, () => table.serializedLines());
    table.set(parseIpv4('198.18.0.10'), {
      clientKey: 'id:01020000000001',
      mac: '02:00:00:00:00:01',
      hostname: 'alpha',
      state: 'bound',
      startedAt: 1_700_000_000_000,
      expiresAt: 1_700_000_600_000,
    });
    await writer.commit();
    const leases = await readLeaseFile(path);
    expect(leases).toEqual([
      {
        address: '198.18.0.10',
        addressNumber: parseIpv4('198.18.0.10'),
        clientKey: 'id:01020000000001',
        mac: '02:00:00:00:00:01',
        hostname: 'alpha',
        state: 'bound',
        startedAt: 1_700_000_000_000,
        expiresAt: 1_700_000_600_000,
      },
    ]);
  });

  it('groups commits that arrive during a write, and each resolves only after its change is on disk', async () => {
    const path = join(dir, 'group.leases');
    const table = new LeaseTable();
    const writer = new LeaseFileWriter(path, () => table.serializedLines());
    const commits: Promise<void>[] = [];
    for (let i = 0; i < 50; i++) {
      table.set(parseIpv4('198.18.0.10') + i, {
        clientKey: `mac:${i}`,
        mac: '02:00:00:00:00:01',
        state: 'bound',
        startedAt: 0,
        expiresAt: 1,
      });
      const index = i;
      commits.push(
        writer.commit().then(async () => {
          const onDisk = await readLeaseFile(path);
          expect(onDisk.some((l) => l.clientKey === `mac:${index}`)).toBe(true);
        }),
      );
    }
    await Promise.all(commits);
    expect(writer.writes).toBeLessThanOrEqual(2);
    expect((await readLeaseFile(path)).length).toBe(50);
  });

  it('reads a missing file as empty and rejects a damaged one with its line', async () => {
    expect(await readLeaseFile(join(dir, 'absent.leases'))).toEqual([]);
    const path = join(dir, 'damaged.leases');
    const good = readFileSync(join(dir, 'round-trip.leases'), 'utf8');
    writeFileSync(path, `${good}{"address":"300.1.1.1"}\n`);
    await expect(readLeaseFile(path)).rejects.toThrow(LeaseFileError);
    await expect(readLeaseFile(path)).rejects.toThrow(/damaged\.leases:3: field address/);
    writeFileSync(path, 'hello\n');
    await expect(readLeaseFile(path)).rejects.toThrow(/:1: expected the header/);
  });
});
