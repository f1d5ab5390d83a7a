import { describe, expect, it } from '@jest/globals';
import type { CheckResult } from '../probe.js';
import { ResultsArgumentError, readServerResults, resultsTable } from './results-table.js';

function result(name: string, status: CheckResult['status'], rfc?: string): CheckResult {
  return { set: 'rfc2131', name, status, rfc, durationMs: 1, sent: [], received: [], notes: [] };
}

describe('resultsTable', () => {
  it('lays out check x server with totals, in first-seen order', () => {
    const table = resultsTable([
      {
        server: 'ours',
        results: [result('xid echoed', 'pass', 'RFC 2131 §4.3.1'), result('NAK | fields', 'fail')],
      },
      { server: 'theirs', results: [result('xid echoed', 'skip'), result('only here', 'pass')] },
    ]);
    expect(table).toBe(
      [
        '| check | RFC | ours | theirs |',
        '|---|---|---|---|',
        '| xid echoed | RFC 2131 §4.3.1 | pass | skip |',
        '| NAK \\| fields |  | **fail** | - |',
        '| only here |  | - | pass |',
        '| **passed** | | 1/2 | 1/2 |',
        '',
      ].join('\n'),
    );
  });
  it('rejects an argument without SERVER=FILE, naming it', () => {
    expect(() => readServerResults(['kea.json'])).toThrow(ResultsArgumentError);
    expect(() => readServerResults(['kea.json'])).toThrow(/"kea\.json".*SERVER=FILE\.json/);
  });
});
