import type { LabServerKind } from '@wirecraft/probe';
import { parseCommandArgs, secondsOption } from '../args/command-args.js';
import { UsageError } from '../cli/command.js';

const OPTIONS = {
  iface: { type: 'string' },
  lab: { type: 'string' },
  'rewrite-xid': { type: 'boolean' },
  'rewrite-chaddr': { type: 'boolean' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const LAB_KINDS: readonly LabServerKind[] = ['dnsmasq', 'kea', 'wirecraft'];
export const DEFAULT_REPLY_WAIT_S = 2;

export type ReplayTargetRequest =
  | { kind: 'embedded' }
  | { kind: 'lab'; server: LabServerKind }
  | { kind: 'iface'; iface: string };

export interface ReplayCompareRequest {
  file: string;
  target: ReplayTargetRequest;
  rewriteXid: boolean;
  rewriteChaddr: boolean;
  timeoutMs: number;
  json: boolean;
}

export function parseReplayCompareArgs(argv: string[]): ReplayCompareRequest {
  const { values, positionals } = parseCommandArgs('replay-compare', argv, OPTIONS, true);
  if (positionals.length !== 1) {
    throw new UsageError(
      `give exactly one capture file (got ${positionals.length}), e.g. wirecraft replay-compare dhcp.pcap --lab kea`,
    );
  }
  if (values.iface !== undefined && values.lab !== undefined) {
    throw new UsageError('--iface and --lab exclude each other: replay to a live interface or a lab server');
  }
  let target: ReplayTargetRequest = { kind: 'embedded' };
  if (values.iface !== undefined) {
    if (values.iface === '') throw new UsageError('--iface needs an interface name (see wirecraft ifaces)');
    target = { kind: 'iface', iface: values.iface };
  } else if (values.lab !== undefined) {
    if (!(LAB_KINDS as readonly string[]).includes(values.lab)) {
      throw new UsageError(
        `--lab ${JSON.stringify(values.lab)} is not a lab server; pick ${LAB_KINDS.join(', ')}`,
      );
    }
    target = { kind: 'lab', server: values.lab as LabServerKind };
  }
  return {
    file: positionals[0],
    target,
    rewriteXid: values['rewrite-xid'] === true,
    rewriteChaddr: values['rewrite-chaddr'] === true,
    timeoutMs: (secondsOption('timeout', values.timeout) ?? DEFAULT_REPLY_WAIT_S) * 1000,
    json: values.json === true,
  };
}
