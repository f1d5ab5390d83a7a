import type { LabServerKind } from '@wirecraft/probe';
import { integerOption, ipv4Option, parseCommandArgs, secondsOption } from '../args/command-args.js';
import { UsageError } from '../cli/command.js';
import { KNOWN_SUITES, type SuiteName } from './probe-suites.js';
import { parsePoolRange, parseSubnetOption } from './target-flags.js';

const OPTIONS = {
  iface: { type: 'string' },
  lab: { type: 'string' },
  suite: { type: 'string', multiple: true },
  only: { type: 'string' },
  junit: { type: 'string' },
  json: { type: 'boolean' },
  timeout: { type: 'string' },
  server: { type: 'string' },
  pool: { type: 'string' },
  subnet: { type: 'string' },
  router: { type: 'string' },
  dns: { type: 'string', multiple: true },
  domain: { type: 'string' },
  lease: { type: 'string' },
  t1: { type: 'string' },
  t2: { type: 'string' },
  'relay-address': { type: 'string' },
} as const;

const LAB_KINDS: readonly LabServerKind[] = ['dnsmasq', 'kea', 'wirecraft'];
/** Flags that describe a live server; they make sense only with --iface. */
const IFACE_FLAGS = [
  'server',
  'pool',
  'subnet',
  'router',
  'dns',
  'domain',
  'lease',
  't1',
  't2',
  'relay-address',
];

/** A server on a real interface, described by flags because nothing can be asked of it beforehand. */
export interface LiveTargetRequest {
  iface: string;
  serverAddress: string;
  pool: [string, string];
  /** 'a.b.c.d/len'; default: the interface's own IPv4 network, else the /24 around the pool. */
  subnet?: string;
  router?: string;
  dns: string[];
  domain?: string;
  leaseTime: number;
  renewTime?: number;
  rebindTime?: number;
  relayAddress?: string;
}

export type ProbeTargetRequest =
  | { kind: 'embedded' }
  | { kind: 'lab'; server: LabServerKind }
  | ({ kind: 'iface' } & LiveTargetRequest);

export interface ProbeRequest {
  files: string[];
  suites: SuiteName[];
  target: ProbeTargetRequest;
  only?: RegExp;
  junit?: string;
  json: boolean;
  /** Per-check timeout for checks that do not set their own. */
  timeoutMs?: number;
}

function liveTarget(iface: string, values: Record<string, string | string[] | boolean | undefined>) {
  const text = (name: string) => values[name] as string | undefined;
  const server = ipv4Option('server', text('server'));
  if (server === undefined) {
    throw new UsageError(
      '--iface needs --server A: the server identifier its replies must carry (option 54)',
    );
  }
  const poolText = text('pool');
  if (poolText === undefined) {
    throw new UsageError('--iface needs --pool FIRST-LAST: the dynamic range the server hands out');
  }
  const leaseTime = integerOption('lease', text('lease'));
  if (leaseTime === undefined) {
    throw new UsageError('--iface needs --lease S: the lease time (seconds) the server is configured with');
  }
  const request: LiveTargetRequest = {
    iface,
    serverAddress: server,
    pool: parsePoolRange(poolText),
    dns: ((values.dns as string[] | undefined) ?? []).map((d) => ipv4Option('dns', d) as string),
    leaseTime,
  };
  const subnet = text('subnet');
  if (subnet !== undefined) request.subnet = parseSubnetOption(subnet);
  const router = ipv4Option('router', text('router'));
  if (router !== undefined) request.router = router;
  const domain = text('domain');
  if (domain !== undefined) request.domain = domain;
  const t1 = integerOption('t1', text('t1'));
  if (t1 !== undefined) request.renewTime = t1;
  const t2 = integerOption('t2', text('t2'));
  if (t2 !== undefined) request.rebindTime = t2;
  const relay = ipv4Option('relay-address', text('relay-address'));
  if (relay !== undefined) request.relayAddress = relay;
  return request;
}

export function parseProbeArgs(argv: string[]): ProbeRequest {
  const { values, positionals } = parseCommandArgs('probe', argv, OPTIONS, true);
  const suites = (values.suite ?? []).map((name) => {
    if (!(KNOWN_SUITES as readonly string[]).includes(name)) {
      throw new UsageError(
        `--suite ${JSON.stringify(name)} is not a suite; known: ${KNOWN_SUITES.join(', ')}`,
      );
    }
    return name as SuiteName;
  });
  // Nothing named: the RFC suite is what `wirecraft probe` is for.
  if (positionals.length === 0 && suites.length === 0) suites.push('rfc2131');
  if (values.iface !== undefined && values.lab !== undefined) {
    throw new UsageError('--iface and --lab exclude each other: probe a live interface or a lab server');
  }
  const ifaceFlags = IFACE_FLAGS.filter((name) => values[name as keyof typeof values] !== undefined);
  let target: ProbeTargetRequest;
  if (values.iface !== undefined) {
    if (values.iface === '') throw new UsageError('--iface needs an interface name (see wirecraft ifaces)');
    target = { kind: 'iface', ...liveTarget(values.iface, values) };
  } else {
    if (ifaceFlags.length > 0) {
      throw new UsageError(
        `--${ifaceFlags[0]} describes a live server and needs --iface (a --lab server describes itself)`,
      );
    }
    if (values.lab !== undefined) {
      if (!(LAB_KINDS as readonly string[]).includes(values.lab)) {
        throw new UsageError(
          `--lab ${JSON.stringify(values.lab)} is not a lab server; pick ${LAB_KINDS.join(', ')}`,
        );
      }
      target = { kind: 'lab', server: values.lab as LabServerKind };
    } else {
      target = { kind: 'embedded' };
    }
  }
  const request: ProbeRequest = { files: positionals, suites, target, json: values.json === true };
  if (values.only !== undefined) {
    try {
      request.only = new RegExp(values.only);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new UsageError(`--only ${JSON.stringify(values.only)} is not a regular expression: ${reason}`);
    }
  }
  if (values.junit !== undefined) {
    if (values.junit === '') throw new UsageError('--junit needs a file name, e.g. --junit probe-report.xml');
    request.junit = values.junit;
  }
  const timeout = secondsOption('timeout', values.timeout);
  if (timeout !== undefined) request.timeoutMs = timeout * 1000;
  return request;
}
