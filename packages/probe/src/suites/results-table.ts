/**
 * A markdown table of check x server (pass / fail / skip) from runProbes results, for the README.
 * Run as a script on saved results: `node --conditions=@wirecraft/source --import tsx results-table.ts
 * dnsmasq=dnsmasq.json kea=kea.json wirecraft=wirecraft.json` (each file a CheckResult[] as JSON).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { CheckResult, CheckStatus } from '../probe.js';

export interface ServerResults {
  readonly server: string;
  readonly results: readonly CheckResult[];
}

const MARK: Record<CheckStatus, string> = { pass: 'pass', fail: '**fail**', skip: 'skip' };

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** Rows in first-seen order over all servers; a check a server did not run shows '-'. */
export function resultsTable(columns: readonly ServerResults[]): string {
  const rows: { key: string; name: string; rfc: string }[] = [];
  const seen = new Set<string>();
  for (const { results } of columns) {
    for (const result of results) {
      const key = `${result.set}\u0000${result.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push({ key, name: result.name, rfc: result.rfc ?? '' });
    }
  }
  const byServer = columns.map(
    ({ results }) => new Map<string, CheckStatus>(results.map((r) => [`${r.set}\u0000${r.name}`, r.status])),
  );
  const lines = [
    `| check | RFC | ${columns.map((c) => cell(c.server)).join(' | ')} |`,
    `|---|---|${columns.map(() => '---').join('|')}|`,
  ];
  for (const row of rows) {
    const statuses = byServer.map((statusOf) => {
      const status = statusOf.get(row.key);
      return status === undefined ? '-' : MARK[status];
    });
    lines.push(`| ${cell(row.name)} | ${cell(row.rfc)} | ${statuses.join(' | ')} |`);
  }
  const totals = columns.map(({ results }) => {
    const passed = results.filter((r) => r.status === 'pass').length;
    return `${passed}/${results.length}`;
  });
  lines.push(`| **passed** | | ${totals.join(' | ')} |`);
  return `${lines.join('\n')}\n`;
}

export class ResultsArgumentError extends Error {
  override name = 'ResultsArgumentError';
  constructor(readonly argument: string) {
    super(
      `results argument ${JSON.stringify(argument)}: expected SERVER=FILE.json (a CheckResult[] as JSON)`,
    );
  }
}

/** `server=file.json` arguments to columns. */
export function readServerResults(args: readonly string[]): ServerResults[] {
  return args.map((argument) => {
    const at = argument.indexOf('=');
    if (at <= 0 || at === argument.length - 1) throw new ResultsArgumentError(argument);
    const results = JSON.parse(readFileSync(argument.slice(at + 1), 'utf8')) as unknown;
    if (!Array.isArray(results)) throw new ResultsArgumentError(argument);
    return { server: argument.slice(0, at), results: results as CheckResult[] };
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(resultsTable(readServerResults(process.argv.slice(2))));
}
