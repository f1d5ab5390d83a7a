import { describe, expect, it } from '@jest/globals';
import { capturedIO } from '../../test/captured-io.js';
import { runCli } from '../cli/run-cli.js';

describe('wirecraft load (in-process, JSON mode)', () => {
  it('runs against the built-in server and prints one final object with rate, counters and percentiles', async () => {
    const out = capturedIO();
    const code = await runCli(
      ['load', '--clients', '20', '--rate', '200', '--duration', '0.5', '--json'],
      out.io,
    );
    expect(out.stderr()).toBe('');
    expect(code).toBe(0);
    const lines = out.jsonLines();
    expect(lines).toHaveLength(1);
    const [result] = lines;
    expect(result).toMatchObject({ type: 'result', embedded: true, sent: 100 });
    expect(result.completed).toBe((result.sent as number) - (result.drops as number));
    expect(result.completed as number).toBeGreaterThan(0);
    for (const key of ['eps', 'discover_offer_ms_p50', 'discover_offer_ms_p99']) {
      expect(typeof result[key]).toBe('number');
    }
    expect(result.discover_offer_ms_p99 as number).toBeGreaterThanOrEqual(
      result.discover_offer_ms_p50 as number,
    );
  });

  it('rejects a bad rate with exit 2', async () => {
    const out = capturedIO();
    expect(await runCli(['load', '--rate', 'fast'], out.io)).toBe(2);
    expect(out.stderr()).toBe('wirecraft load: --rate "fast" is not a number > 0\n');
  });
});
