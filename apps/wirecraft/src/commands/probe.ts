import { writeFile } from 'node:fs/promises';
import {
  type CheckResult,
  loadProbeFiles,
  ProbeFileError,
  type ProbeSet,
  runProbes,
  toJunitXml,
} from '@wirecraft/probe';
import { createElement } from 'react';
import { type Command, type CommandIO, UsageError } from '../cli/command.js';
import { interruptSignal, type LiveScreen, startLiveScreen } from '../output/live-screen.js';
import { outputMode, writeJsonLine } from '../output/output-mode.js';
import { type ProbeRequest, parseProbeArgs } from '../probe/probe-args.js';
import { checkResultJson, probeSummaryJson } from '../probe/probe-json.js';
import { suiteSet } from '../probe/probe-suites.js';
import { type OpenedTarget, openProbeTarget } from '../probe/probe-target.js';
import { emptyProbeView, type ProbeView, type ProbeViewEvent, reduceProbeView } from '../probe/probe-view.js';
import { ProbeScreen } from '../screens/probe-screen.js';

/** Sets from the files then the suites, keeping only checks whose 'SET/NAME' matches --only. */
export async function collectProbeSets(request: ProbeRequest, cwd = process.cwd()): Promise<ProbeSet[]> {
  let sets: ProbeSet[];
  try {
    sets = [...(await loadProbeFiles(request.files, cwd)), ...request.suites.map(suiteSet)];
  } catch (error) {
    if (error instanceof ProbeFileError) throw new UsageError(error.message);
    throw error;
  }
  const only = request.only;
  if (only === undefined) return sets;
  const filtered = sets
    .map((set) => ({ ...set, checks: set.checks.filter((check) => only.test(`${set.name}/${check.name}`)) }))
    .filter((set) => set.checks.length > 0);
  if (filtered.length === 0) {
    const all = sets.reduce((n, s) => n + s.checks.length, 0);
    throw new UsageError(
      `--only ${only.source} matches none of the ${all} checks (it is tried on 'SET/NAME')`,
    );
  }
  return filtered;
}

export interface ProbeRunOutcome {
  results: CheckResult[];
  stoppedEarly?: string;
}

/** Runs the sets against an opened target, reporting each start and result; Ctrl-C stops between checks. */
export async function runProbeSets(
  sets: readonly ProbeSet[],
  opened: OpenedTarget,
  request: ProbeRequest,
  signal: AbortSignal,
  onEvent: (event: ProbeViewEvent) => void,
): Promise<ProbeRunOutcome> {
  const started = performance.now();
  const results = await runProbes(sets, {
    link: opened.link,
    target: opened.target,
    signal,
    ...(request.timeoutMs !== undefined ? { defaultTimeoutMs: request.timeoutMs } : {}),
    onStart: (set, name) => onEvent({ type: 'start', set, name }),
    onResult: (result) => onEvent({ type: 'result', result }),
  });
  const total = sets.reduce((n, s) => n + s.checks.length, 0);
  const stoppedEarly = signal.aborted
    ? 'interrupted'
    : results.length < total
      ? `${total - results.length} checks did not run`
      : undefined;
  onEvent({
    type: 'finish',
    elapsedMs: performance.now() - started,
    ...(stoppedEarly !== undefined ? { stoppedEarly } : {}),
  });
  return { results, ...(stoppedEarly !== undefined ? { stoppedEarly } : {}) };
}

async function runWithOutput(
  sets: readonly ProbeSet[],
  opened: OpenedTarget,
  request: ProbeRequest,
  io: CommandIO,
  signal: AbortSignal,
): Promise<ProbeRunOutcome & { view: ProbeView }> {
  const mode = outputMode(io, request.json);
  const total = sets.reduce((n, s) => n + s.checks.length, 0);
  let view = emptyProbeView(opened.description, total);
  const columns = Math.min((io.stdout as NodeJS.WriteStream).columns || 80, 120);
  const draw = () => createElement(ProbeScreen, { view, color: mode.color, columns });
  const screen: LiveScreen | undefined = mode.json ? undefined : startLiveScreen(io, draw());
  try {
    const outcome = await runProbeSets(sets, opened, request, signal, (event) => {
      view = reduceProbeView(view, event);
      if (event.type === 'result' && mode.json) writeJsonLine(io.stdout, checkResultJson(event.result));
      screen?.update(draw());
    });
    return { ...outcome, view };
  } finally {
    await screen?.finish(draw());
  }
}

export const probeCommand: Command = {
  name: 'probe',
  summary: 'run DHCP conformance probes (RFC 2131 suite or your files) against a server; JUnit/JSON reports',
  usage:
    'wirecraft probe [FILE...] [--suite rfc2131] [--lab dnsmasq|kea|wirecraft | --iface IF --server A ' +
    '--pool A-B --lease S [--subnet NET/LEN] [--router R] [--dns D ...] [--domain D] [--t1 S] [--t2 S] ' +
    '[--relay-address A]] [--only REGEX] [--junit FILE] [--json] [--timeout S]',
  examples: [
    'wirecraft probe                                  # RFC 2131 suite vs the built-in server on a virtual link',
    'wirecraft probe --lab kea --junit kea.xml        # kea-dhcp4 in a fresh network namespace (root)',
    'wirecraft probe my-checks.ts --lab dnsmasq --only lease',
    'wirecraft probe --suite rfc2131 my-checks.ts --lab wirecraft --json',
    'wirecraft probe --iface veth0 --server 198.18.5.1 --pool 198.18.5.100-198.18.5.199 --lease 3600 \\',
    '                --router 198.18.5.1 --dns 198.18.5.1',
    '',
    'A probe FILE (.ts or .js) default-exports defineProbes({ name, checks: [{ name, rfc?, run(ctx) }] })',
    "or an array of them, importing from '@wirecraft/probe'. With no FILE and no --suite, rfc2131 runs.",
    "--only keeps the checks whose 'SET/NAME' matches. --timeout is the per-check limit for checks that",
    'set none. --iface needs the server described (it cannot be asked): --server, --pool and --lease at',
    "least; the subnet defaults to the interface's network, the relay address to its IPv4 address.",
    'JSON: one {"type":"check",set,name,status,durationMs,message?,differences?,sent,received,notes} per',
    'check, then {"type":"summary",...}. Exit 0 when nothing failed, 1 on a failure, 2 on a usage error.',
  ],
  async run(argv, io: CommandIO) {
    const request = parseProbeArgs(argv);
    const sets = await collectProbeSets(request);
    const interrupt = interruptSignal();
    try {
      const opened = await openProbeTarget(request.target);
      let outcome: ProbeRunOutcome & { view: ProbeView };
      try {
        outcome = await runWithOutput(sets, opened, request, io, interrupt.signal);
      } finally {
        await opened.close();
      }
      const { view } = outcome;
      if (request.junit !== undefined) {
        await writeFile(
          request.junit,
          toJunitXml(outcome.results, {
            name: `wirecraft probe: ${opened.description}`,
            timestamp: new Date(),
          }),
        );
      }
      if (outputMode(io, request.json).json) {
        writeJsonLine(
          io.stdout,
          probeSummaryJson({
            target: opened.description,
            counts: view.counts,
            total: view.total,
            elapsedMs: view.elapsedMs,
            ...(request.junit !== undefined ? { junit: request.junit } : {}),
            ...(outcome.stoppedEarly !== undefined ? { stoppedEarly: outcome.stoppedEarly } : {}),
          }),
        );
      }
      if (view.counts.fail > 0) {
        io.stderr.write(`wirecraft probe: ${view.counts.fail} of ${view.total} checks failed\n`);
        return 1;
      }
      if (outcome.stoppedEarly !== undefined) {
        io.stderr.write(`wirecraft probe: stopped early: ${outcome.stoppedEarly}\n`);
        return 1;
      }
      return 0;
    } finally {
      interrupt.dispose();
    }
  },
};
