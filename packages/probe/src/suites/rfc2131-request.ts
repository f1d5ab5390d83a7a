/** REQUEST in each client state (SELECTING, INIT-REBOOT, RENEWING, REBINDING) and the NAK's format. */
import { BOOTP, DHCP, Ether, IP, type Packet } from '@wirecraft/packet';
import { expectNoReply, expectPacket } from '../expect-packet.js';
import type { ProbeCheck, ProbeContext } from '../probe.js';
import { answerArp } from './arp-answerer.js';
import { assertEqual } from './check-assertions.js';
import { BROADCAST_FLAG, BROADCAST_IP, BROADCAST_MAC, clientFrame, UNSPECIFIED_IP } from './client-frames.js';
import {
  discover,
  type Lease,
  obtainLease,
  REPLY_TIMEOUT_MS,
  SILENCE_MS,
  TYPICAL_PARAMETERS,
} from './lease-exchange.js';
import { foreignAddress } from './target-addresses.js';

/** INIT-REBOOT (§4.3.2): no server id, requested address set, ciaddr zero. */
function initRebootRequest(ctx: ProbeContext, mac: string, address: string): Packet {
  return clientFrame({
    mac,
    xid: ctx.newXid(),
    flags: BROADCAST_FLAG,
    options: [
      ['message-type', 'request'],
      ['requested_addr', address],
      ['param_req_list', [...TYPICAL_PARAMETERS]],
    ],
  });
}

/** A client with a lease here asks, in INIT-REBOOT, for an address of another network: it must be NAKed. */
async function foreignInitReboot(ctx: ProbeContext): Promise<{ lease: Lease; nak: Packet | undefined }> {
  const lease = await obtainLease(ctx);
  const nak = await ctx.srp1(initRebootRequest(ctx, lease.mac, foreignAddress(ctx.target)), {
    timeoutMs: REPLY_TIMEOUT_MS,
  });
  expectPacket(nak, 'reply to INIT-REBOOT for a foreign address').toMatchPacket({
    DHCP: { options: { 'message-type': 'nak' } },
  });
  return { lease, nak };
}

/** RENEWING unicasts to the server, REBINDING broadcasts; both carry ciaddr and neither a server id nor option 50. */
async function extendLease(ctx: ProbeContext, lease: Lease, mode: 'renewing' | 'rebinding'): Promise<Packet> {
  const arp = answerArp(ctx, lease.address, lease.mac);
  try {
    const unicast = mode === 'renewing';
    const request = clientFrame({
      mac: lease.mac,
      xid: ctx.newXid(),
      ciaddr: lease.address,
      srcIp: lease.address,
      dstIp: unicast ? ctx.target.serverAddress : BROADCAST_IP,
      dstMac: unicast ? lease.serverMac : BROADCAST_MAC,
      options: [
        ['message-type', 'request'],
        ['param_req_list', [...TYPICAL_PARAMETERS]],
      ],
    });
    const ack = await ctx.srp1(request, { timeoutMs: REPLY_TIMEOUT_MS });
    expectPacket(ack, `reply to a ${mode.toUpperCase()} REQUEST`).toMatchPacket({
      BOOTP: { yiaddr: lease.address, ciaddr: lease.address },
      DHCP: { options: { 'message-type': 'ack', server_id: ctx.target.serverAddress } },
    });
    return ack as Packet;
  } finally {
    arp.stop();
  }
}

export const requestChecks: readonly ProbeCheck[] = [
  {
    name: 'SELECTING REQUEST gets ACK for the offered address, with server id and lease time',
    rfc: 'RFC 2131 §4.3.2, §4.3.1 Table 3',
    async run(ctx) {
      const { offer, ack } = await obtainLease(ctx);
      expectPacket(ack, 'ACK').toMatchPacket({
        BOOTP: { op: 2, yiaddr: offer.layer(BOOTP).yiaddr },
        DHCP: { options: { 'message-type': 'ack', server_id: ctx.target.serverAddress } },
      });
      expectPacket(ack, 'ACK').toHaveOption('lease_time');
    },
  },
  {
    name: 'SELECTING REQUEST naming another server is not answered',
    rfc: 'RFC 2131 §4.3.2',
    async run(ctx) {
      const { mac, offer } = await discover(ctx);
      const otherServer = foreignAddress(ctx.target);
      const request = clientFrame({
        mac,
        xid: ctx.newXid(),
        flags: BROADCAST_FLAG,
        options: [
          ['message-type', 'request'],
          ['server_id', otherServer],
          ['requested_addr', offer.layer(BOOTP).yiaddr],
        ],
      });
      expectNoReply(await ctx.srp1(request, { timeoutMs: SILENCE_MS }), `REQUEST for server ${otherServer}`);
    },
  },
  {
    name: 'INIT-REBOOT REQUEST for an address of another network gets NAK',
    rfc: 'RFC 2131 §4.3.2',
    async run(ctx) {
      await foreignInitReboot(ctx);
    },
  },
  {
    name: 'NAK carries the server id and no yiaddr, lease time or requested address',
    rfc: 'RFC 2131 §4.3.1 Table 3, §4.3.2',
    async run(ctx) {
      const { nak } = await foreignInitReboot(ctx);
      const expectation = expectPacket(nak, 'NAK');
      expectation.toMatchPacket({
        BOOTP: { yiaddr: UNSPECIFIED_IP, ciaddr: UNSPECIFIED_IP },
        DHCP: { options: { server_id: ctx.target.serverAddress } },
      });
      expectation.notToHaveOption('lease_time');
      expectation.notToHaveOption('requested_addr');
      expectation.notToHaveOption('renewal_time');
      expectation.notToHaveOption('rebinding_time');
    },
  },
  {
    name: 'NAK is broadcast when giaddr is zero',
    rfc: 'RFC 2131 §4.1',
    async run(ctx) {
      const { nak } = await foreignInitReboot(ctx);
      assertEqual('NAK', 'IP.dst', nak?.layer(IP).dst, BROADCAST_IP);
      assertEqual('NAK', 'Ether.dst', nak?.layer(Ether).dst, BROADCAST_MAC);
    },
  },
  {
    name: 'INIT-REBOOT REQUEST for the address held gets ACK',
    rfc: 'RFC 2131 §4.3.2',
    async run(ctx) {
      const lease = await obtainLease(ctx);
      const ack = await ctx.srp1(initRebootRequest(ctx, lease.mac, lease.address), {
        timeoutMs: REPLY_TIMEOUT_MS,
      });
      expectPacket(ack, 'reply to INIT-REBOOT').toMatchPacket({
        BOOTP: { yiaddr: lease.address },
        DHCP: { options: { 'message-type': 'ack', server_id: ctx.target.serverAddress } },
      });
    },
  },
  {
    name: 'RENEWING: unicast REQUEST with ciaddr gets ACK sent to ciaddr',
    rfc: 'RFC 2131 §4.3.2, §4.1',
    async run(ctx) {
      const lease = await obtainLease(ctx);
      const ack = await extendLease(ctx, lease, 'renewing');
      assertEqual('ACK', 'IP.dst', ack.layer(IP).dst, lease.address);
      expectPacket(ack, 'ACK').toHaveOption('lease_time');
    },
  },
  {
    name: 'REBINDING: broadcast REQUEST with ciaddr gets ACK',
    rfc: 'RFC 2131 §4.3.2, §4.4.5',
    async run(ctx) {
      const lease = await obtainLease(ctx);
      const ack = await extendLease(ctx, lease, 'rebinding');
      expectPacket(ack, 'ACK').toHaveOption('lease_time');
      const dhcp = ack.layer(DHCP);
      ctx.note(`rebinding ACK to ${ack.layer(IP).dst}, lease ${String(dhcp.getOption('lease_time'))} s`);
    },
  },
];
