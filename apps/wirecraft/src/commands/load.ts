import { getInterface, type Link, openLiveLink } from '@wirecraft/capture';
import { LoadOptionError, type LoadProgress, type LoadResult, runLoad } from '@wirecraft/dhcp';
import { createElement } from 'react';
import {
  integerOption,
  parseCommandArgs,
  positiveNumberOption,
  secondsOption,
} from '../args/command-args.js';
import { type Command, type CommandIO, UsageError } from '../cli/command.js';
import { DHCP_CAPTURE_FILTER } from '../dora/dora-run.js';
import { type EmbeddedNetwork, embeddedLoadPlan, startEmbeddedNetwork } from '../dora/embedded-network.js';
import { interruptSignal, startLiveScreen } from '../output/live-screen.js';
import { outputMode, writeJsonLine } from '../output/output-mode.js';
import { LoadScreen } from '../screens/load-screen.js';

const OPTIONS = {
  iface: { type: 'string' },
  clients: { type: 'string' },
  rate: { type: 'string' },
  duration: { type: 'string' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export interface LoadRequest {
  iface?: string;
  clients: number;
  rate: number;
  durationS: number;
  timeoutMs: number;
}

export function parseLoadArgs(argv: string[]): { request: LoadRequest; json: boolean } {
  const { values } = parseCommandArgs('load', argv, OPTIONS);
  if (values.iface === '') throw new UsageError('--iface needs an interface name (see wirecraft ifaces)');
  const request: LoadRequest = {
    clients: integerOption('clients', values.clients) ?? 100,
    rate: positiveNumberOption('rate', values.rate) ?? 200,
    durationS: secondsOption('duration', values.duration) ?? 5,
    timeoutMs: (secondsOption('timeout', values.timeout) ?? 2) * 1000,
  };
  if (values.iface !== undefined) request.iface = values.iface;
  return { request, json: values.json === true };
}

export const loadCommand: Command = {
  name: 'load',
  summary: 'DHCP load test: N clients doing DORA at a rate; counters and latency percentiles',
  usage: 'wirecraft load [--iface IF] [--clients N] [--rate R] [--duration S] [--timeout S] [--json]',
  examples: [
    'wirecraft load                                   # against the built-in server on a virtual link',
    'wirecraft load --clients 500 --rate 2000 --duration 10 --json',
    'wirecraft load --iface veth0 --clients 200 --rate 300 --duration 5',
    '',
    'Defaults: 100 clients, 200 exchanges/s, 5 s; an exchange not done within --timeout (2 s) is a drop.',
    'Without --iface the built-in server is 198.18.0.1 with pool 198.18.1.0-198.18.255.254 (198.18.0.0/16).',
  ],
  async run(argv, io: CommandIO) {
    const { request, json } = parseLoadArgs(argv);
    const mode = outputMode(io, json);
    let link: Link;
    let network: EmbeddedNetwork | undefined;
    let setup: string;
    if (request.iface !== undefined) {
      getInterface(request.iface);
      link = await openLiveLink({ iface: request.iface, filter: DHCP_CAPTURE_FILTER });
      setup = `live interface ${request.iface}, ${request.clients} clients`;
    } else {
      network = await startEmbeddedNetwork([embeddedLoadPlan()]);
      link = network.link;
      setup = `embedded virtual link (no --iface): built-in server 198.18.0.1, ${request.clients} clients`;
    }
    const interrupt = interruptSignal();
    let progress: LoadProgress | undefined;
    let result: LoadResult | undefined;
    const props = () => ({
      setup,
      durationS: request.durationS,
      rate: request.rate,
      color: mode.color,
      ...(progress ? { progress } : {}),
      ...(result ? { result } : {}),
    });
    const screen = mode.json ? undefined : startLiveScreen(io, createElement(LoadScreen, props()));
    try {
      result = await runLoad({
        link,
        clients: request.clients,
        rate: request.rate,
        duration: request.durationS,
        timeoutMs: request.timeoutMs,
        signal: interrupt.signal,
        onProgress: (next) => {
          progress = next;
          screen?.update(createElement(LoadScreen, props()));
        },
      });
      if (mode.json) writeJsonLine(io.stdout, { type: 'result', embedded: network !== undefined, ...result });
      return result.completed > 0 ? 0 : 1;
    } catch (error) {
      if (error instanceof LoadOptionError) throw new UsageError(error.message);
      throw error;
    } finally {
      await screen?.finish(createElement(LoadScreen, props()));
      interrupt.dispose();
      if (network) await network.close();
      else await link.close();
    }
  },
};
