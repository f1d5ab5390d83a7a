/** Requests through a relay agent (giaddr set): replies go to the relay, option 82 comes back unchanged. */
import { BOOTP, type DhcpOptionItem, IP, type Packet, UDP } from '@wirecraft/packet';
import { expectPacket } from '../expect-packet.js';
import type { ProbeCheck, ProbeContext } from '../probe.js';
import { ProbeAssertionError } from '../probe-assertion-error.js';
import { ProbeSkip } from '../probe-skip.js';
import { answerArp } from './arp-answerer.js';
import { assertEqual } from './check-assertions.js';
import { BROADCAST_FLAG, clientFrame, SERVER_PORT } from './client-frames.js';
import { obtainLease, REPLY_TIMEOUT_MS, serverMac, TYPICAL_PARAMETERS } from './lease-exchange.js';
import { toHexString, wireOptionArea } from './reply-reading.js';
import { foreignAddress } from './target-addresses.js';

const RELAY_AGENT_INFORMATION = 82;

/** Circuit id and remote id sub-options (RFC 3046 §3.1, §3.2) unique to the exchange. */
function relayAgentOption(xid: number): Uint8Array {
  const circuit = new TextEncoder().encode(`probe-circuit-${xid.toString(16)}`);
  const remote = Uint8Array.of(0x02, 0x00, 0x5e, (xid >>> 16) & 255, (xid >>> 8) & 255, xid & 255);
  return Uint8Array.of(1, circuit.length, ...circuit, 2, remote.length, ...remote);
}

interface RelayedExchange {
  readonly relayAddress: string;
  readonly agentInfo: Uint8Array;
  readonly reply: Packet | undefined;
}

/** Sends a client message as a relay agent would (67 -> 67, unicast to the server, hops 1, giaddr set). */
async function relay(
  ctx: ProbeContext,
  mac: string,
  options: readonly DhcpOptionItem[],
): Promise<RelayedExchange> {
  const relayAddress = ctx.target.relayAddress;
  if (relayAddress === undefined) throw new ProbeSkip('the target has no relayAddress to use as giaddr');
  const relayMac = ctx.newMac();
  const xid = ctx.newXid();
  const agentInfo = relayAgentOption(xid);
  const request = clientFrame({
    mac,
    xid,
    hops: 1,
    giaddr: relayAddress,
    srcMac: relayMac,
    dstMac: await serverMac(ctx),
    srcIp: relayAddress,
    dstIp: ctx.target.serverAddress,
    sport: SERVER_PORT,
    dport: SERVER_PORT,
    // Verbatim bytes: the reply's option must equal these exactly, whatever our codec would write.
    options: [...options, Uint8Array.of(RELAY_AGENT_INFORMATION, agentInfo.length, ...agentInfo)],
  });
  // Servers reach giaddr through their IP stack: someone must answer ARP for it.
  const arp = answerArp(ctx, relayAddress, relayMac);
  try {
    return { relayAddress, agentInfo, reply: await ctx.srp1(request, { timeoutMs: REPLY_TIMEOUT_MS }) };
  } finally {
    arp.stop();
  }
}

async function relayedDiscover(ctx: ProbeContext): Promise<RelayedExchange & { reply: Packet }> {
  const exchange = await relay(ctx, ctx.newMac(), [
    ['message-type', 'discover'],
    ['param_req_list', [...TYPICAL_PARAMETERS]],
  ]);
  expectPacket(exchange.reply, 'reply to a relayed DISCOVER').toMatchPacket({
    DHCP: { options: { 'message-type': 'offer' } },
  });
  return exchange as RelayedExchange & { reply: Packet };
}

export const relayChecks: readonly ProbeCheck[] = [
  {
    name: 'relayed DISCOVER: OFFER goes to giaddr, port 67',
    rfc: 'RFC 2131 §4.1',
    async run(ctx) {
      const { reply, relayAddress } = await relayedDiscover(ctx);
      assertEqual('OFFER', 'IP.dst', reply.layer(IP).dst, relayAddress);
      assertEqual('OFFER', 'UDP.dport', reply.layer(UDP).dport, SERVER_PORT);
    },
  },
  {
    name: 'relay agent information (option 82) echoed byte for byte',
    rfc: 'RFC 3046 §2.2, RFC 2131 §4.1',
    async run(ctx) {
      const { reply, agentInfo } = await relayedDiscover(ctx);
      const echoed = wireOptionArea(reply).options.filter((o) => o.code === RELAY_AGENT_INFORMATION);
      if (echoed.length !== 1)
        throw new ProbeAssertionError(`OFFER carries option 82 ${echoed.length} times, expected once`, [
          {
            path: 'DHCP.options.relay_agent_information',
            expected: toHexString(agentInfo),
            actual: echoed.length,
          },
        ]);
      assertEqual(
        'OFFER',
        'DHCP.options.relay_agent_information',
        toHexString(echoed[0].data),
        toHexString(agentInfo),
      );
    },
  },
  {
    name: 'relayed reply copies giaddr and sets hops to 0',
    rfc: 'RFC 2131 §4.3.1 Table 3',
    async run(ctx) {
      const { reply, relayAddress } = await relayedDiscover(ctx);
      assertEqual('OFFER', 'BOOTP.giaddr', reply.layer(BOOTP).giaddr, relayAddress);
      assertEqual('OFFER', 'BOOTP.hops', reply.layer(BOOTP).hops, 0);
    },
  },
  {
    name: 'relayed NAK goes to giaddr with the broadcast bit set',
    rfc: 'RFC 2131 §4.3.2, §4.1',
    async run(ctx) {
      if (ctx.target.relayAddress === undefined)
        throw new ProbeSkip('the target has no relayAddress to use as giaddr');
      const lease = await obtainLease(ctx);
      const { reply, relayAddress } = await relay(ctx, lease.mac, [
        ['message-type', 'request'],
        ['requested_addr', foreignAddress(ctx.target)],
      ]);
      expectPacket(reply, 'reply to a relayed INIT-REBOOT for a foreign address').toMatchPacket({
        IP: { dst: relayAddress },
        DHCP: { options: { 'message-type': 'nak', server_id: ctx.target.serverAddress } },
      });
      assertEqual('NAK', 'BOOTP.flags', Number(reply?.layer(BOOTP).flags) & BROADCAST_FLAG, BROADCAST_FLAG);
    },
  },
];
