/** INFORM (configuration only, no lease) and a BOOTP request (no DHCP message type). */
import { BOOTP, DHCP, IP } from '@wirecraft/packet';
import { expectPacket } from '../expect-packet.js';
import type { ProbeCheck } from '../probe.js';
import { ProbeSkip } from '../probe-skip.js';
import { answerArp } from './arp-answerer.js';
import { assertEqual } from './check-assertions.js';
import { clientFrame } from './client-frames.js';
import { REPLY_TIMEOUT_MS, SILENCE_MS, serverMac, TYPICAL_PARAMETERS } from './lease-exchange.js';
import { staticAddress } from './target-addresses.js';

export const informBootpChecks: readonly ProbeCheck[] = [
  {
    name: 'INFORM gets ACK without yiaddr and without lease time, sent to ciaddr',
    rfc: 'RFC 2131 §4.3.5, §4.3.1 Table 3',
    async run(ctx) {
      const address = staticAddress(ctx.target);
      if (address === undefined)
        throw new ProbeSkip('the subnet has no address outside the pool for a static host');
      const mac = ctx.newMac();
      const arp = answerArp(ctx, address, mac);
      try {
        const request = clientFrame({
          mac,
          xid: ctx.newXid(),
          ciaddr: address,
          srcIp: address,
          dstIp: ctx.target.serverAddress,
          dstMac: await serverMac(ctx),
          options: [
            ['message-type', 'inform'],
            ['param_req_list', [...TYPICAL_PARAMETERS]],
          ],
        });
        const ack = await ctx.srp1(request, { timeoutMs: REPLY_TIMEOUT_MS });
        const expectation = expectPacket(ack, `reply to INFORM from ${address}`);
        expectation.toMatchPacket({
          BOOTP: { yiaddr: '0.0.0.0' },
          DHCP: { options: { 'message-type': 'ack', server_id: ctx.target.serverAddress } },
        });
        expectation.notToHaveOption('lease_time');
        assertEqual('ACK to INFORM', 'IP.dst', ack?.layer(IP).dst, address);
      } finally {
        arp.stop();
      }
    },
  },
  {
    name: 'BOOTREQUEST without a DHCP message type: no DHCP reply',
    rfc: 'RFC 2131 §4 (no message type = BOOTP), RFC 1534 §2',
    async run(ctx) {
      // A BOOTP client (RFC 1497 vendor extensions, cookie and a parameter list, no option 53). A server
      // that serves BOOTP may answer with a BOOTREPLY, but never with a DHCP message (RFC 1534 §2).
      const request = clientFrame({
        mac: ctx.newMac(),
        xid: ctx.newXid(),
        options: [['param_req_list', [...TYPICAL_PARAMETERS]]],
      });
      const reply = await ctx.srp1(request, { timeoutMs: SILENCE_MS });
      if (reply === undefined) {
        ctx.note('no reply: the server does not serve BOOTP clients');
        return;
      }
      ctx.note(`BOOTREPLY with yiaddr ${reply.layer(BOOTP).yiaddr}`);
      assertEqual('BOOTREPLY', 'BOOTP.op', reply.layer(BOOTP).op, 2);
      assertEqual('BOOTREPLY', 'DHCP.options.message-type', reply.get(DHCP)?.messageType, undefined);
    },
  },
];
