import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { capturedIO } from '../../test/captured-io.js';
import { runCli } from '../cli/run-cli.js';
import { parseProbeArgs } from '../probe/probe-args.js';
import { EMBEDDED_TARGET, liveProbeTarget } from '../probe/probe-target.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/${name}`, import.meta.url));
const OFFER_PROBES = fixture('offer-probes.ts');
const WRONG_ROUTER = fixture('wrong-router-probe.ts');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wirecraft-probe-cmd-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function probe(args: string[], tty = false) {
  const captured = capturedIO({ tty });
  const code = await runCli(['probe', ...args], captured.io);
  return { code, ...captured };
}

describe('wirecraft probe against the built-in server on a virtual link', () => {
  it('prints one JSON line per check then a summary, and exits 0 when nothing failed', async () => {
    const run = await probe([OFFER_PROBES, '--json']);
    expect(run.stderr()).toBe('');
    expect(run.code).toBe(0);
    const lines = run.jsonLines();
    const checks = lines.filter((l) => l.type === 'check');
    expect(checks.map((l) => [l.set, l.name, l.status])).toEqual([
      ['offer', 'DISCOVER gets an OFFER from the target server', 'pass'],
      ['offer', 'OFFER carries the configured lease time', 'pass'],
      ['offer', 'relay agent checks need a relay address', 'skip'],
    ]);
    expect(checks[0].notes).toEqual([expect.stringMatching(/^offered 198\.18\.0\.1\d\d$/)]);
    expect((checks[0].sent as string[]).length).toBeGreaterThan(0);
    expect((checks[0].received as string[]).length).toBeGreaterThan(0);
    expect(checks[2].message).toBe('not part of this fixture (relay 198.18.0.254)');
    expect(lines.at(-1)).toMatchObject({ type: 'summary', total: 3, passed: 2, failed: 0, skipped: 1 });
  });

  it('exits 1 on a failure, writes the JUnit report with the differences, and says so on stderr', async () => {
    const junit = join(dir, 'report.xml');
    const run = await probe([OFFER_PROBES, WRONG_ROUTER, '--json', '--junit', junit]);
    expect(run.code).toBe(1);
    expect(run.stderr()).toBe('wirecraft probe: 1 of 4 checks failed\n');
    const failed = run.jsonLines().find((l) => l.status === 'fail');
    expect(failed).toMatchObject({ set: 'wrong-router', name: 'OFFER names router 198.18.99.99' });
    expect(failed?.differences).toEqual([
      { path: 'DHCP.options.router', expected: ['198.18.99.99'], actual: ['198.18.0.1'] },
    ]);
    const xml = await readFile(junit, 'utf8');
    expect(xml).toMatch(
      /<testsuites name="wirecraft probe: built-in server 198\.18\.0\.1[^"]*" tests="4" failures="1" errors="0" skipped="1"/,
    );
    expect(xml).toContain('<testsuite name="wrong-router" tests="1" failures="1"');
    expect(xml).toContain(
      'DHCP.options.router: expected [&quot;198.18.99.99&quot;], got [&quot;198.18.0.1&quot;]',
    );
  });

  it('runs only the checks whose SET/NAME matches --only', async () => {
    const run = await probe([OFFER_PROBES, WRONG_ROUTER, '--json', '--only', '^offer/.*lease']);
    expect(run.code).toBe(0);
    expect(
      run
        .jsonLines()
        .filter((l) => l.type === 'check')
        .map((l) => l.name),
    ).toEqual(['OFFER carries the configured lease time']);
  });

  it('draws the live list on a terminal: a mark per check, the counts, and the failure details at the end', async () => {
    const run = await probe([OFFER_PROBES, WRONG_ROUTER], true);
    expect(run.code).toBe(1);
    const out = run.stdout();
    expect(out).toContain('wirecraft probe built-in server 198.18.0.1 on a virtual link');
    expect(out).toMatch(/✓ DISCOVER gets an OFFER from the target server +\d+ms/);
    expect(out).toMatch(/– relay agent checks need a relay address \(not part of this fixture/);
    expect(out).toMatch(/✗ OFFER names router 198\.18\.99\.99 +\d+ms/);
    expect(out).toContain('1) wrong-router › OFFER names router 198.18.99.99');
    expect(out).toContain('DHCP.options.router: expected ["198.18.99.99"], got ["198.18.0.1"]');
    expect(out).toMatch(/2 passed, 1 failed, 1 skipped of 4 in \d/);
    const widest = Math.max(...out.split('\n').map((l) => stripVTControlCharacters(l).length));
    expect(widest).toBeLessThanOrEqual(80);
  });
});

describe('wirecraft probe usage errors (exit 2, one line)', () => {
  it.each([
    [['--lab', 'isc'], '--lab "isc" is not a lab server; pick dnsmasq, kea, wirecraft'],
    [['--server', '198.18.0.1'], '--server describes a live server and needs --iface'],
    [['--iface', 'lo', '--lab', 'kea'], '--iface and --lab exclude each other'],
    [['--iface', 'lo', '--server', '198.18.0.1'], '--iface needs --pool FIRST-LAST'],
    [['--suite', 'rfc9999'], '--suite "rfc9999" is not a suite; known: rfc2131'],
    [['--only', '('], '--only "(" is not a regular expression'],
    [['no-such-probes.ts'], 'probe file no-such-probes.ts: no such file'],
    [[OFFER_PROBES, '--only', 'nothing-matches'], '--only nothing-matches matches none of the 3 checks'],
    [['--timeout', '0'], '--timeout "0" is not a duration'],
  ])('%j', async (args, message) => {
    const run = await probe(args);
    expect(run.code).toBe(2);
    expect(run.stderr()).toContain(message);
    expect(run.stderr().trim().split('\n')).toHaveLength(1);
    expect(run.stdout()).toBe('');
  });
});

describe('parseProbeArgs and the live target', () => {
  it('runs rfc2131 on the built-in server when nothing is named', () => {
    expect(parseProbeArgs([])).toEqual({
      files: [],
      suites: ['rfc2131'],
      target: { kind: 'embedded' },
      json: false,
    });
  });

  it('describes a live server from flags, subnet and relay address from the interface', () => {
    const request = parseProbeArgs([
      '--iface',
      'veth0',
      '--server',
      '198.18.5.1',
      '--pool',
      '198.18.5.100-198.18.5.199',
      '--lease',
      '600',
      '--router',
      '198.18.5.1',
      '--dns',
      '198.18.5.2',
      '--t1',
      '300',
      '--timeout',
      '2.5',
    ]);
    expect(request.timeoutMs).toBe(2500);
    if (request.target.kind !== 'iface') throw new Error('expected an iface target');
    expect(liveProbeTarget(request.target, [{ address: '198.18.5.7', prefixLength: 25 }])).toEqual({
      kind: 'live',
      serverAddress: '198.18.5.1',
      subnet: '198.18.5.0',
      prefixLength: 25,
      poolStart: '198.18.5.100',
      poolEnd: '198.18.5.199',
      leaseTime: 600,
      router: '198.18.5.1',
      dns: ['198.18.5.2'],
      renewTime: 300,
      relayAddress: '198.18.5.7',
    });
    // The interface is on another network: the pool's /24, and no relay address to offer.
    const elsewhere = liveProbeTarget(request.target, [{ address: '10.0.0.1', prefixLength: 8 }]);
    expect(elsewhere).toMatchObject({ subnet: '198.18.5.0', prefixLength: 24 });
    expect(elsewhere).not.toHaveProperty('relayAddress');
  });

  it('keeps the embedded target inside 198.18.0.0/15', () => {
    for (const address of [
      EMBEDDED_TARGET.serverAddress,
      EMBEDDED_TARGET.poolStart,
      EMBEDDED_TARGET.poolEnd,
    ]) {
      expect(address).toMatch(/^198\.1[89]\./);
    }
  });
});
