import { createElement } from 'react';
import {
  integerOption,
  ipv4Option,
  macOption,
  parseCommandArgs,
  secondsOption,
} from '../args/command-args.js';
import { type Command, type CommandIO, UsageError } from '../cli/command.js';
import { doraEventJson, doraResultJson } from '../dora/dora-json.js';
import { type DoraEvent, type DoraOutcome, type DoraRequest, runDora } from '../dora/dora-run.js';
import { type DoraView, emptyDoraView, finishDoraView, reduceDoraView } from '../dora/dora-view.js';
import { interruptSignal, startLiveScreen } from '../output/live-screen.js';
import { outputMode, writeJsonLine } from '../output/output-mode.js';
import { DoraScreen } from '../screens/dora-screen.js';

const OPTIONS = {
  iface: { type: 'string' },
  mac: { type: 'string' },
  hostname: { type: 'string' },
  'request-ip': { type: 'string' },
  renew: { type: 'boolean' },
  release: { type: 'boolean' },
  offers: { type: 'string' },
  'offer-window': { type: 'string' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export const DEFAULT_DORA_TIMEOUT_S = 30;

export function parseDoraArgs(argv: string[]): { request: DoraRequest; json: boolean } {
  const { values } = parseCommandArgs('dora', argv, OPTIONS);
  if (values.hostname !== undefined && (values.hostname === '' || values.hostname.length > 255)) {
    throw new UsageError(`--hostname ${JSON.stringify(values.hostname)} must be 1..255 characters`);
  }
  const offerWindow = secondsOption('offer-window', values['offer-window']);
  const request: DoraRequest = {
    renew: values.renew === true,
    release: values.release === true,
    timeoutMs: (secondsOption('timeout', values.timeout) ?? DEFAULT_DORA_TIMEOUT_S) * 1000,
  };
  if (values.iface !== undefined) {
    if (values.iface === '') throw new UsageError('--iface needs an interface name (see wirecraft ifaces)');
    request.iface = values.iface;
  }
  const mac = macOption('mac', values.mac);
  if (mac !== undefined) request.mac = mac;
  if (values.hostname !== undefined) request.hostname = values.hostname;
  const requestIp = ipv4Option('request-ip', values['request-ip']);
  if (requestIp !== undefined) request.requestIp = requestIp;
  const offers = integerOption('offers', values.offers);
  if (offers !== undefined) request.offers = offers;
  if (offerWindow !== undefined) request.offerWindowMs = offerWindow * 1000;
  return { request, json: values.json === true };
}

async function runLive(request: DoraRequest, io: CommandIO, color: boolean, signal: AbortSignal) {
  let view: DoraView = emptyDoraView();
  const screen = startLiveScreen(io, createElement(DoraScreen, { view, color }));
  const draw = () => createElement(DoraScreen, { view, color, rows: screen.rows });
  let outcome: DoraOutcome | undefined;
  try {
    outcome = await runDora(
      request,
      (event: DoraEvent) => {
        view = reduceDoraView(view, event);
        screen.update(draw());
      },
      signal,
    );
    view = finishDoraView(view, outcome);
  } finally {
    await screen.finish(draw());
  }
  return outcome;
}

export const doraCommand: Command = {
  name: 'dora',
  summary: 'run a DHCP Discover/Offer/Request/Ack exchange and show it live',
  usage:
    'wirecraft dora [--iface IF] [--mac M] [--hostname H] [--request-ip A] [--renew] [--release] ' +
    '[--offers N | --offer-window S] [--timeout S] [--json]',
  examples: [
    'wirecraft dora                      # built-in server on a virtual link: no root, nothing sent on a NIC',
    'wirecraft dora --offers 2           # two built-in servers answer; every offer is listed',
    'wirecraft dora --iface veth0 --offers 2 --offer-window 5  # choose once 2 offers are in, or after 5 s',
    'wirecraft dora --renew --release    # continue after the ACK: unicast renew, then release',
    'wirecraft dora --iface veth0 --json # a real exchange on veth0 (root), one JSON line per event',
    '',
    'Without --iface the built-in servers are 198.18.0.1 (pool 198.18.0.100-139), 198.18.0.2 (140-179)',
    'and 198.18.0.3 (180-219) in 198.18.0.0/24, router and DNS 198.18.0.1, lease 3600 s; the client MAC',
    'is 02:00:00:00:00:01 unless --mac. Exit 0 with a lease, 1 when no ACK came, 2 on a usage error.',
  ],
  async run(argv, io) {
    const { request, json } = parseDoraArgs(argv);
    const mode = outputMode(io, json);
    const interrupt = interruptSignal();
    try {
      let outcome: DoraOutcome;
      if (mode.json) {
        outcome = await runDora(
          request,
          (event) => writeJsonLine(io.stdout, doraEventJson(event)),
          interrupt.signal,
        );
        writeJsonLine(io.stdout, doraResultJson(outcome));
      } else {
        outcome = await runLive(request, io, mode.color, interrupt.signal);
      }
      if (!outcome.ok) io.stderr.write(`wirecraft dora: ${outcome.failure ?? 'no DHCPACK'}\n`);
      return outcome.ok ? 0 : 1;
    } finally {
      interrupt.dispose();
    }
  },
};
