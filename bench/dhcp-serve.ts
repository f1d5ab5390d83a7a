/**
 * Our DHCP server under perfdhcp (relay mode, the only mode perfdhcp works in here: LAB-NOTES), beside kea and
 * dnsmasq under the same load in the same run. For each server, the rate doubles from 250/s while fewer than
 * 10% of 4-way exchanges are lost; the figure is the best completed DORA rate (ACKs per second). Every run is
 * 2 s with 200 clients (a /24 lab subnet bounds the pool), and every lab is closed, even on failure.
 */
import { openLiveLink } from '../packages/capture/src/index.js';
import { createDhcpServer, readLeaseFile } from '../packages/dhcp/src/index.js';
import { createLab, type Lab, startDnsmasq, startKea } from '../packages/lab/src/index.js';

const periodSeconds = 2;
const clients = 200;
const maxRate = 16_000;

interface PerfRun {
  rate: number;
  acks: number;
  requests: number;
}

function parsePerfdhcp(rate: number, stdout: string): PerfRun {
  const ack = /Statistics for: REQUEST-ACK\*+\s*sent packets: (\d+)\s*received packets: (\d+)/.exec(stdout);
  if (ack === null) throw new Error(`perfdhcp printed no REQUEST-ACK statistics: ${stdout.slice(0, 400)}`);
  return { rate, requests: Number(ack[1]), acks: Number(ack[2]) };
}

/** Doubles the rate while drops stay under 10%; returns the best ACK rate seen (per second). */
async function knee(run: (rate: number) => Promise<PerfRun>): Promise<number> {
  let best = 0;
  for (let rate = 250; rate <= maxRate; rate *= 2) {
    const result = await run(rate);
    best = Math.max(best, result.acks / periodSeconds);
    const expected = rate * periodSeconds;
    if (result.acks < expected * 0.9) break;
  }
  return Math.round(best);
}

const perfdhcp = (lab: Lab, ns: 'peer' | 'client', iface: string, target: string) => async (rate: number) => {
  const result = await lab.exec(
    [
      'perfdhcp',
      '-4',
      '-l',
      iface,
      '-r',
      String(rate),
      '-R',
      String(clients),
      '-p',
      String(periodSeconds),
      target,
    ],
    { ns, timeoutMs: (periodSeconds + 20) * 1000 },
  );
  return parsePerfdhcp(rate, result.stdout);
};

const hostIn = (lab: Lab, host: number) => lab.peerAddress.replace(/\.1$/, `.${host}`);

async function ours(): Promise<Record<string, number>> {
  const lab = await createLab({ name: 'bench-serve' });
  try {
    await lab.addHostAddress();
    const link = await openLiveLink({ iface: lab.hostIface, filter: 'udp and dst port 67' });
    const leaseFile = `${lab.tmpDir}/serve.leases`;
    const server = createDhcpServer({
      links: [link],
      serverId: lab.hostAddress,
      pools: [{ subnet: lab.subnet, range: `${hostIn(lab, 10)}-${hostIn(lab, 250)}` }],
      leaseFile,
    });
    await server.start();
    let acked = 0;
    server.on((event) => {
      if (event.type === 'sent' && event.summary.messageType === 'ACK') acked++;
    });
    try {
      const eps = await knee(perfdhcp(lab, 'peer', lab.peerIface, lab.hostAddress));
      const bound = server
        .leases()
        .filter((l) => l.state === 'bound')
        .map((l) => l.address);
      const onDisk = new Set(
        (await readLeaseFile(leaseFile)).filter((l) => l.state === 'bound').map((l) => l.address),
      );
      return {
        serve_eps: eps,
        serve_acks: acked,
        serve_lease_writes: server.leaseWrites,
        serve_leases_persisted: bound.every((a) => onDisk.has(a)) ? 1 : 0,
      };
    } finally {
      await server.stop();
      await link.close();
    }
  } finally {
    await lab.close();
  }
}

async function peerServer(name: 'kea' | 'dnsmasq'): Promise<number> {
  const lab = await createLab({ name: `bench-${name}`, clientNs: true });
  try {
    await lab.addHostAddress();
    if (name === 'kea') await startKea(lab, { pool: `${hostIn(lab, 10)} - ${hostIn(lab, 250)}` });
    else await startDnsmasq(lab, { rangeStart: hostIn(lab, 10), rangeEnd: hostIn(lab, 250) });
    return await knee(perfdhcp(lab, 'client', lab.hostIface, lab.peerAddress));
  } finally {
    await lab.close();
  }
}

export async function benchServe(): Promise<Record<string, number>> {
  const figures = await ours();
  figures.kea_eps = await peerServer('kea');
  figures.dnsmasq_eps = await peerServer('dnsmasq');
  return figures;
}
