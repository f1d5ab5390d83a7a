/**
 * Our load mode (runLoad) beside perfdhcp, both against one kea-dhcp4 in one lab in the same run, both in
 * relay mode (the only mode perfdhcp works in here: LAB-NOTES). Each tool's rate doubles from 1,000/s while
 * fewer than 10% of exchanges are lost; its figure is the best completed DORA rate, with the drops of that
 * run. Then the DISCOVER->OFFER round trip of one client against dnsmasq, ours and perfdhcp's.
 * Every lab is closed, even on failure.
 */
import { openLiveLink } from '../packages/capture/src/index.js';
import { runLoad } from '../packages/dhcp/src/index.js';
import { createLab, type Lab, runCommand, startDnsmasq, startKea } from '../packages/lab/src/index.js';

const periodSeconds = 2;
const clients = 200;
const firstRate = 1000;
const maxRate = 32_000;
const roundTrips = 200;

interface RunFigures {
  rate: number;
  eps: number;
  drops: number;
}

interface PerfdhcpStats {
  discovers: number;
  offers: number;
  requests: number;
  acks: number;
  /** DISCOVER->OFFER delays (ms) as perfdhcp prints them. */
  offerMinMs: number;
  offerAvgMs: number;
}

export function parsePerfdhcp(stdout: string): PerfdhcpStats {
  const block = (name: string) => {
    const at = stdout.indexOf(`Statistics for: ${name}`);
    if (at < 0) throw new Error(`perfdhcp printed no ${name} statistics: ${stdout.slice(0, 400)}`);
    const next = stdout.indexOf('Statistics for:', at + 1);
    return stdout.slice(at, next < 0 ? undefined : next);
  };
  const number = (text: string, label: string) => {
    const match = new RegExp(`${label}:\\s*([\\d.]+)`).exec(text);
    if (!match) throw new Error(`perfdhcp output has no "${label}": ${text.slice(0, 300)}`);
    return Number(match[1]);
  };
  const discover = block('DISCOVER-OFFER');
  const request = block('REQUEST-ACK');
  return {
    discovers: number(discover, 'sent packets'),
    offers: number(discover, 'received packets'),
    requests: number(request, 'sent packets'),
    acks: number(request, 'received packets'),
    offerMinMs: number(discover, 'min delay'),
    offerAvgMs: number(discover, 'avg delay'),
  };
}

async function perfdhcp(lab: Lab, rate: number, count?: number): Promise<PerfdhcpStats> {
  const argv = ['perfdhcp', '-4', '-l', lab.hostIface, '-r', String(rate)];
  // A timed run over `clients` MACs, or `count` exchanges of one client (the round-trip measurement).
  argv.push(
    ...(count === undefined
      ? ['-R', String(clients), '-p', String(periodSeconds)]
      : ['-R', '1', '-n', String(count)]),
  );
  // perfdhcp runs in the root namespace on the lab's own veth end (it has the lab's host address).
  const result = await runCommand([...argv, lab.peerAddress], { timeoutMs: (periodSeconds + 20) * 1000 });
  return parsePerfdhcp(result.stdout);
}

/**
 * Doubles the rate while drops stay under 10%; the best completed rate among runs that kept drops under
 * 10%, with that run's drops (the first run's figures when none did).
 */
async function knee(run: (rate: number) => Promise<RunFigures>): Promise<RunFigures> {
  let best: RunFigures | undefined;
  for (let rate = firstRate; rate <= maxRate; rate *= 2) {
    const result = await run(rate);
    const kept = result.drops < rate * periodSeconds * 0.1;
    if (!best || (kept && result.eps > best.eps)) best = result;
    if (!kept) break;
  }
  return best ?? { rate: 0, eps: 0, drops: 0 };
}

async function loadAgainstKea(): Promise<Record<string, number>> {
  const lab = await createLab({ name: 'bench-load' });
  try {
    await lab.addHostAddress();
    const net = lab.peerAddress.replace(/\.1$/, '');
    // Each tool gets a kea started afresh (same config, empty lease file): the /24 pool holds only 241
    // leases, so the second tool's new MACs would find it exhausted by the first tool's still-valid leases.
    const kea = () => startKea(lab, { pool: `${net}.10 - ${net}.250` });
    let server = await kea();
    const link = await openLiveLink({ iface: lab.hostIface, filter: 'udp and src port 67' });
    const relay = { giaddr: lab.hostAddress, serverIp: lab.peerAddress, serverMac: lab.peerMac };
    let ours: RunFigures;
    try {
      ours = await knee(async (rate) => {
        const result = await runLoad({ link, clients, rate, duration: periodSeconds, relay });
        return { rate, eps: result.eps, drops: result.drops };
      });
    } finally {
      await link.close();
      await server.stop();
    }
    server = await kea();
    const theirs = await knee(async (rate) => {
      const stats = await perfdhcp(lab, rate);
      return { rate, eps: stats.acks / periodSeconds, drops: stats.discovers - stats.acks };
    });
    return {
      load_eps: Math.round(ours.eps),
      load_drops: ours.drops,
      load_rate: ours.rate,
      perfdhcp_eps: Math.round(theirs.eps),
      perfdhcp_drops: theirs.drops,
      perfdhcp_rate: theirs.rate,
      load_vs_perfdhcp: Math.round((ours.eps / theirs.eps) * 1000) / 1000,
    };
  } finally {
    await lab.close();
  }
}

async function roundTripAgainstDnsmasq(): Promise<Record<string, number>> {
  const lab = await createLab({ name: 'bench-rtt' });
  try {
    await lab.addHostAddress();
    const net = lab.peerAddress.replace(/\.1$/, '');
    await startDnsmasq(lab, { rangeStart: `${net}.10`, rangeEnd: `${net}.250` });
    const link = await openLiveLink({ iface: lab.hostIface, filter: 'udp and src port 67' });
    const relay = { giaddr: lab.hostAddress, serverIp: lab.peerAddress, serverMac: lab.peerMac };
    let ours: Awaited<ReturnType<typeof runLoad>>;
    try {
      // One client, one exchange at a time (rate 50/s, dnsmasq answers in well under 20 ms).
      ours = await runLoad({ link, clients: 1, rate: 50, duration: roundTrips / 50, relay });
    } finally {
      await link.close();
    }
    const theirs = await perfdhcp(lab, 50, roundTrips);
    return {
      discover_offer_ms_p50: Math.round(ours.discover_offer_ms_p50 * 1000) / 1000,
      discover_offer_ms_p99: Math.round(ours.discover_offer_ms_p99 * 1000) / 1000,
      discover_offer_samples: ours.offers,
      perfdhcp_discover_offer_ms_avg: theirs.offerAvgMs,
      perfdhcp_discover_offer_ms_min: theirs.offerMinMs,
    };
  } finally {
    await lab.close();
  }
}

export async function benchLoad(): Promise<Record<string, number>> {
  return { ...(await loadAgainstKea()), ...(await roundTripAgainstDnsmasq()) };
}
