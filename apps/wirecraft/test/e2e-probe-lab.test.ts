import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from '@jest/globals';
import { describeLab } from '@wirecraft/lab';
import { jsonLines, startWirecraft } from './run-wirecraft.js';

const OFFER_PROBES = fileURLToPath(new URL('./fixtures/offer-probes.ts', import.meta.url));

/** Python's own XML parser reads the report: counts per suite and the total, as a CI tool would. */
const READ_JUNIT = `
import json, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
suites = [{"name": s.get("name"), "tests": int(s.get("tests")), "failures": int(s.get("failures")),
           "skipped": int(s.get("skipped")), "cases": len(s.findall("testcase")),
           "failed": len(s.findall("testcase/failure")), "skips": len(s.findall("testcase/skipped"))}
          for s in root.findall("testsuite")]
print(json.dumps({"root": root.tag, "tests": int(root.get("tests")), "failures": int(root.get("failures")),
                  "skipped": int(root.get("skipped")), "suites": suites}))
`;

function namespacesOf(pid: number): string[] {
  const prefix = new RegExp(`^wc${pid.toString(36)}[0-9a-z]{3}-`);
  return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.split(' ')[0])
    .filter((name) => prefix.test(name));
}

describeLab('wirecraft probe --lab wirecraft --json --junit in network namespaces', () => {
  it('runs a probe file and the RFC 2131 suite against our server in a lab, reports each check and cleans up', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wirecraft-probe-e2e-'));
    try {
      const junit = join(dir, 'probe.xml');
      const run = startWirecraft([
        'probe',
        OFFER_PROBES,
        '--suite',
        'rfc2131',
        '--lab',
        'wirecraft',
        '--json',
        '--junit',
        junit,
      ]);
      const code = await run.exited;
      const lines = jsonLines(run.stdout());
      const checks = lines.filter((l) => l.type === 'check');
      const summary = lines.at(-1);
      expect(summary).toMatchObject({ type: 'summary', junit });
      expect(summary?.target).toMatch(/^lab wirecraft 198\.(18|19)\.\d+\.\d+ \(pool /);

      // Every check of both sets reported once, with a valid status.
      expect(checks.length).toBeGreaterThan(30);
      expect(summary?.total).toBe(checks.length);
      for (const check of checks) {
        expect(typeof check.name).toBe('string');
        expect(['pass', 'fail', 'skip']).toContain(check.status);
      }
      expect(new Set(checks.map((c) => `${c.set}/${c.name}`)).size).toBe(checks.length);
      expect([...new Set(checks.map((c) => c.set))]).toEqual(['offer', 'rfc2131']);
      // The hand-written probes pass against the lab server: the lab target and the live link are real.
      expect(checks.filter((c) => c.set === 'offer').map((c) => c.status)).toEqual(['pass', 'pass', 'skip']);
      expect(checks[0].received).toEqual([expect.stringMatching(/DHCP Offer/)]);

      const failed = checks.filter((c) => c.status === 'fail').length;
      const skipped = checks.filter((c) => c.status === 'skip').length;
      expect(summary).toMatchObject({ failed, skipped, passed: checks.length - failed - skipped });
      expect(code).toBe(failed > 0 ? 1 : 0);
      expect(run.stderr()).toBe(
        failed > 0 ? `wirecraft probe: ${failed} of ${checks.length} checks failed\n` : '',
      );

      const report = JSON.parse(
        execFileSync('/usr/bin/python3', ['-c', READ_JUNIT, junit], { encoding: 'utf8' }),
      );
      expect(report).toMatchObject({ root: 'testsuites', tests: checks.length, failures: failed, skipped });
      for (const suite of report.suites as {
        name: string;
        tests: number;
        cases: number;
        failed: number;
        failures: number;
        skips: number;
        skipped: number;
      }[]) {
        const ofSet = checks.filter((c) => c.set === suite.name);
        expect([suite.tests, suite.cases]).toEqual([ofSet.length, ofSet.length]);
        expect([suite.failures, suite.failed]).toEqual(
          Array(2).fill(ofSet.filter((c) => c.status === 'fail').length),
        );
        expect([suite.skipped, suite.skips]).toEqual(
          Array(2).fill(ofSet.filter((c) => c.status === 'skip').length),
        );
      }

      // The lab's namespaces went with the command.
      expect(namespacesOf(run.child.pid ?? -1)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
