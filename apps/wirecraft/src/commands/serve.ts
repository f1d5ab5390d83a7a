import { getInterface, openLiveLink } from '@wirecraft/capture';
import { createDhcpServer, DhcpConfigError, type DhcpServer, type DhcpServerEvent } from '@wirecraft/dhcp';
import { parseIpv4 } from '@wirecraft/packet';
import { createElement } from 'react';
import { integerOption, ipv4Option, parseCommandArgs } from '../args/command-args.js';
import { type Command, type CommandIO, UsageError } from '../cli/command.js';
import { DHCP_CAPTURE_FILTER } from '../dora/dora-run.js';
import { interruptSignal, startLiveScreen } from '../output/live-screen.js';
import { outputMode, writeJsonLine } from '../output/output-mode.js';
import { ServeScreen } from '../screens/serve-screen.js';
import { emptyServeView, reduceServeView, type ServeView } from '../serve/serve-view.js';

const OPTIONS = {
  iface: { type: 'string' },
  pool: { type: 'string' },
  subnet: { type: 'string' },
  router: { type: 'string' },
  dns: { type: 'string', multiple: true },
  lease: { type: 'string' },
  leases: { type: 'string' },
  'server-ip': { type: 'string' },
  json: { type: 'boolean' },
} as const;

export interface ServeRequest {
  iface: string;
  pool: [string, string];
  subnet: string;
  router?: string;
  dns: string[];
  leaseTime: number;
  leaseFile?: string;
  serverIp: string;
}

function toNumber(address: string): number {
  return parseIpv4(address) >>> 0;
}

function formatNumber(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** The /24 around an address: the default subnet when neither --subnet nor an interface address says otherwise. */
function slash24(address: string): string {
  return `${formatNumber(toNumber(address) & 0xffffff00)}/24`;
}

export function parseServeArgs(argv: string[]): { request: ServeRequest; json: boolean } {
  const { values } = parseCommandArgs('serve', argv, OPTIONS);
  if (values.iface === undefined || values.iface === '') {
    throw new UsageError(
      '--iface is required: serve answers only on an interface you name (see wirecraft ifaces)',
    );
  }
  if (values.pool === undefined)
    throw new UsageError('--pool is required, e.g. --pool 198.18.5.100-198.18.5.199');
  const ends = values.pool.split('-');
  const first = ends.length === 2 ? ipv4Option('pool', ends[0].trim()) : undefined;
  const last = ends.length === 2 ? ipv4Option('pool', ends[1].trim()) : undefined;
  if (first === undefined || last === undefined) {
    throw new UsageError(
      `--pool ${JSON.stringify(values.pool)} is not a range: write FIRST-LAST, e.g. 198.18.5.100-198.18.5.199`,
    );
  }
  if (toNumber(first) > toNumber(last)) {
    throw new UsageError(`--pool ${values.pool}: the first address is above the last; swap them`);
  }
  const info = getInterface(values.iface);
  const ifaceAddress = info.ipv4[0];
  const serverIp = ipv4Option('server-ip', values['server-ip']) ?? ifaceAddress?.address;
  if (serverIp === undefined) {
    throw new UsageError(`${values.iface} has no IPv4 address: give the server's address with --server-ip`);
  }
  const subnet =
    values.subnet ??
    (ifaceAddress
      ? `${formatNumber(toNumber(ifaceAddress.address) & (0xffffffff << (32 - ifaceAddress.prefixLength)))}/${ifaceAddress.prefixLength}`
      : slash24(first));
  const request: ServeRequest = {
    iface: values.iface,
    pool: [first, last],
    subnet,
    dns: (values.dns ?? []).map((d) => ipv4Option('dns', d) as string),
    leaseTime: integerOption('lease', values.lease, 1) ?? 3600,
    serverIp,
  };
  const router = ipv4Option('router', values.router);
  if (router !== undefined) request.router = router;
  if (values.leases !== undefined) request.leaseFile = values.leases;
  return { request, json: values.json === true };
}

function serveEventJson(event: DhcpServerEvent): Record<string, unknown> {
  const time = Math.round(event.time * 1000) / 1000;
  switch (event.type) {
    case 'sent':
    case 'received':
      return { type: event.type, time, ...event.summary };
    case 'error':
      return { type: 'error', time, context: event.context, message: event.error.message };
    default:
      return { ...event, time };
  }
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'answer DHCP on an interface: live leases table and message log',
  usage:
    'wirecraft serve --iface IF --pool A-B [--subnet NET/LEN] [--router R] [--dns D ...] [--lease S] ' +
    '[--leases FILE] [--server-ip IP] [--json]',
  examples: [
    'wirecraft serve --iface veth0 --pool 198.18.5.100-198.18.5.150 --router 198.18.5.1 --dns 198.18.5.1',
    'wirecraft serve --iface veth0 --pool 198.18.5.100-198.18.5.150 --server-ip 198.18.5.2 --leases /tmp/leases',
    '',
    "The subnet defaults to the interface's IPv4 network (or the /24 around the pool); the server address to",
    "the interface's IPv4 address. Runs until Ctrl-C, then stops cleanly (leases file flushed, link closed).",
  ],
  async run(argv, io: CommandIO) {
    const { request, json } = parseServeArgs(argv);
    const mode = outputMode(io, json);
    let server: DhcpServer;
    const link = await openLiveLink({ iface: request.iface, filter: DHCP_CAPTURE_FILTER });
    try {
      server = createDhcpServer({
        links: [link],
        serverId: request.serverIp,
        pools: [
          {
            range: request.pool,
            subnet: request.subnet,
            leaseTime: request.leaseTime,
            ...(request.router !== undefined ? { router: request.router } : {}),
            ...(request.dns.length > 0 ? { dns: request.dns } : {}),
          },
        ],
        ...(request.leaseFile !== undefined ? { leaseFile: request.leaseFile } : {}),
      });
    } catch (error) {
      await link.close();
      if (error instanceof DhcpConfigError) throw new UsageError(error.message);
      throw error;
    }
    const interrupt = interruptSignal();
    const setup = `${request.iface} as ${request.serverIp}, pool ${request.pool.join('-')} in ${request.subnet}`;
    try {
      if (mode.json) {
        server.on((event) => writeJsonLine(io.stdout, serveEventJson(event)));
        await server.start();
        await new Promise<void>((resolve) =>
          interrupt.signal.addEventListener('abort', () => resolve(), { once: true }),
        );
        await server.stop();
      } else {
        let view: ServeView = emptyServeView(setup);
        const draw = () =>
          createElement(ServeScreen, { view, color: mode.color, now: Date.now(), rows: screen.rows });
        const screen = startLiveScreen(
          io,
          createElement(ServeScreen, { view, color: mode.color, now: Date.now() }),
        );
        server.on((event) => {
          view = reduceServeView(view, event);
          screen.update(draw());
        });
        // "expires in" counts down even when nothing happens on the wire.
        const clock = setInterval(() => screen.update(draw()), 1000);
        try {
          await server.start();
          await new Promise<void>((resolve) =>
            interrupt.signal.addEventListener('abort', () => resolve(), { once: true }),
          );
          await server.stop();
        } finally {
          clearInterval(clock);
          await screen.finish(draw());
        }
      }
      return 0;
    } finally {
      interrupt.dispose();
      await server.stop();
      await link.close();
    }
  },
};
