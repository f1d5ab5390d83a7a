import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { runCli } from '../src/cli/run-cli.js';
import { capturedIO } from './captured-io.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/', import.meta.url));
const files = readdirSync(fixtures)
  .filter((name) => /\.pcap(ng)?$/.test(name))
  .sort();
const probe = spawnSync('tshark', ['-v'], { encoding: 'utf8' });
const hasTshark = probe.status === 0;
if (!hasTshark)
  console.log(`decode-file-matches-tshark: skipped, tshark is not installed (${probe.error?.message})`);
const describeWithTshark = hasTshark ? describe : describe.skip;

interface Row {
  time: string;
  length: number;
}

/**
 * tshark's frame.time_epoch and frame.len per packet record. frame.encap_type is read only to leave out
 * pcapng custom blocks, which tshark 4.0 lists as records with no encapsulation and which are not packets.
 */
function tsharkRows(path: string): Row[] {
  const fields = ['frame.time_epoch', 'frame.len', 'frame.encap_type'].flatMap((f) => ['-e', f]);
  const run = spawnSync('tshark', ['-r', path, '-T', 'fields', ...fields, '-E', 'separator=/t'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`tshark -r ${path} failed: ${run.stderr}`);
  return run.stdout
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => line.split('\t'))
    .filter(([, , encapsulation]) => encapsulation !== '')
    .map(([time = '', length = '']) => ({ time, length: Number(length) }));
}

/** tshark 4.0 always prints 9 fractional digits; ours has the file's own precision, so pad to compare. */
function asNineDigits(time: string): string {
  const [seconds, fraction = ''] = time.split('.');
  return `${seconds}.${fraction.padEnd(9, '0')}`;
}

describeWithTshark('wirecraft decode -r --json: times and lengths equal tshark on every fixture', () => {
  it.each(files)('%s', async (name) => {
    const path = `${fixtures}${name}`;
    const out = capturedIO();
    const code = await runCli(['decode', '-r', path, '--json'], out.io);
    const records = out.jsonLines();
    const expected = tsharkRows(path);
    // tcpdump_bootp_asan-2.pcap ends inside a record: tshark and we both stop after the complete ones.
    if (code !== 0) expect(out.stderr()).toMatch(/^wirecraft decode: .* at byte \d+: .*\n$/);
    else expect(out.stderr()).toBe('');
    expect(records.length).toBeGreaterThan(0);
    expect(
      records.map((r) => ({
        time: typeof r.time === 'string' ? asNineDigits(r.time) : '',
        length: r.length,
      })),
    ).toEqual(expected);
    for (const record of records) {
      expect(typeof record.linktype).toBe('number');
      expect(typeof record.summary).toBe('string');
      expect(Array.isArray(record.layers)).toBe(true);
    }
  });

  it('prints the nanosecond file (pcapng if_tsresol=9) with all 9 digits, microsecond pcap with 6', async () => {
    const nano = capturedIO();
    await runCli(['decode', '-r', `${fixtures}pcapngtest_le_test008.pcapng`, '--json'], nano.io);
    expect(nano.jsonLines().map((r) => r.time)).toEqual(
      tsharkRows(`${fixtures}pcapngtest_le_test008.pcapng`).map((row) => row.time),
    );
    expect(nano.jsonLines()[0].time).toBe('1340954.905298858');
    const micro = capturedIO();
    await runCli(['decode', '-r', `${fixtures}zeek_dhcp.pcap`, '--json'], micro.io);
    expect(micro.jsonLines()[0].time).toBe('1370200442.323173');
  });
});
