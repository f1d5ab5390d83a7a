/** DISCOVER -> OFFER: what the server offers, and the fixed-format rules every reply follows. */
import { BOOTP, DHCP, DHCP_MAGIC_COOKIE, Ether, IP, UDP } from '@wirecraft/packet';
import { expectPacket } from '../expect-packet.js';
import type { ProbeCheck } from '../probe.js';
import { ProbeSkip } from '../probe-skip.js';
import { assertEqual, assertThat } from './check-assertions.js';
import {
  BROADCAST_FLAG,
  BROADCAST_IP,
  BROADCAST_MAC,
  CLIENT_PORT,
  SERVER_PORT,
  UNSPECIFIED_IP,
} from './client-frames.js';
import { discover, obtainLease } from './lease-exchange.js';
import { chaddrMac, toHexString, wireOptionArea } from './reply-reading.js';
import { foreignAddress, inPool, randomPoolAddress, subnetMask } from './target-addresses.js';

const poolText = (t: { poolStart: string; poolEnd: string }) => `in the pool ${t.poolStart}-${t.poolEnd}`;

export const offerChecks: readonly ProbeCheck[] = [
  {
    name: 'OFFER for DISCOVER: address from the pool, server id of the target',
    rfc: 'RFC 2131 §4.3.1',
    async run(ctx) {
      const { offer } = await discover(ctx);
      expectPacket(offer, 'OFFER').toMatchPacket({
        BOOTP: { op: 2 },
        DHCP: { options: { 'message-type': 'offer', server_id: ctx.target.serverAddress } },
      });
      const yiaddr = offer.layer(BOOTP).yiaddr;
      assertThat(inPool(ctx.target, yiaddr), 'OFFER', 'BOOTP.yiaddr', yiaddr, poolText(ctx.target));
    },
  },
  {
    name: 'OFFER gives the requested address when it is free',
    rfc: 'RFC 2131 §4.3.1',
    async run(ctx) {
      const wanted = randomPoolAddress(ctx.target);
      const { offer } = await discover(ctx, {
        options: [
          ['requested_addr', wanted],
          ['param_req_list', [1, 3, 51]],
        ],
      });
      assertEqual('OFFER', 'BOOTP.yiaddr', offer.layer(BOOTP).yiaddr, wanted);
    },
  },
  {
    name: 'OFFER ignores a requested address on another network',
    rfc: 'RFC 2131 §4.3.1',
    async run(ctx) {
      const foreign = foreignAddress(ctx.target);
      const { offer } = await discover(ctx, { options: [['requested_addr', foreign]] });
      const yiaddr = offer.layer(BOOTP).yiaddr;
      assertThat(inPool(ctx.target, yiaddr), 'OFFER', 'BOOTP.yiaddr', yiaddr, poolText(ctx.target));
    },
  },
  {
    name: 'reply is BOOTREPLY with the request htype and hlen',
    rfc: 'RFC 2131 §2, §4.3.1 Table 3',
    async run(ctx) {
      const { offer } = await discover(ctx);
      expectPacket(offer, 'OFFER').toMatchPacket({ BOOTP: { op: 2, htype: 1, hlen: 6 } });
    },
  },
  {
    name: 'xid echoed',
    rfc: 'RFC 2131 §4.3.1 Table 3',
    async run(ctx) {
      const { offer, xid } = await discover(ctx);
      assertEqual('OFFER', 'BOOTP.xid', offer.layer(BOOTP).xid, xid);
    },
  },
  {
    name: 'chaddr echoed',
    rfc: 'RFC 2131 §4.3.1 Table 3',
    async run(ctx) {
      const { offer, mac } = await discover(ctx);
      assertEqual('OFFER', 'BOOTP.chaddr', chaddrMac(offer), mac);
    },
  },
  {
    name: 'flags echoed',
    rfc: 'RFC 2131 §4.3.1 Table 3',
    async run(ctx) {
      const { offer } = await discover(ctx, { flags: BROADCAST_FLAG });
      assertEqual('OFFER', 'BOOTP.flags', Number(offer.layer(BOOTP).flags), BROADCAST_FLAG);
    },
  },
  {
    name: 'OFFER has secs 0, ciaddr 0 and hops 0',
    rfc: 'RFC 2131 §4.3.1 Table 3',
    async run(ctx) {
      const { offer } = await discover(ctx);
      const bootp = offer.layer(BOOTP);
      assertEqual('OFFER', 'BOOTP.secs', bootp.secs, 0);
      assertEqual('OFFER', 'BOOTP.ciaddr', bootp.ciaddr, UNSPECIFIED_IP);
      assertEqual('OFFER', 'BOOTP.hops', bootp.hops, 0);
    },
  },
  {
    name: 'magic cookie 99.130.83.99 opens the options',
    rfc: 'RFC 2131 §3, RFC 2132 §2',
    async run(ctx) {
      const { offer } = await discover(ctx);
      const { cookie } = wireOptionArea(offer);
      assertEqual('OFFER', 'BOOTP.options[0..4]', toHexString(cookie), toHexString(DHCP_MAGIC_COOKIE));
    },
  },
  {
    name: 'options are well formed and end with the end option',
    rfc: 'RFC 2131 §4.1, RFC 2132 §3.2',
    async run(ctx) {
      const { offer } = await discover(ctx);
      const area = wireOptionArea(offer);
      assertEqual('OFFER', 'DHCP.options (overrunning option)', area.overrun, undefined);
      assertEqual('OFFER', 'DHCP.options (end option 255 reached)', area.ended, true);
    },
  },
  {
    name: 'subnet mask matches the configured prefix',
    rfc: 'RFC 2132 §3.3, RFC 2131 §4.3.1',
    async run(ctx) {
      const { offer } = await discover(ctx, { options: [['param_req_list', [1]]] });
      expectPacket(offer, 'OFFER').toHaveOption('subnet_mask', subnetMask(ctx.target));
    },
  },
  {
    name: 'parameter request list honoured (router, DNS, domain as configured)',
    rfc: 'RFC 2131 §4.3.1, RFC 2132 §9.8',
    async run(ctx) {
      const { router, dns, domain } = ctx.target;
      if (router === undefined && dns === undefined && domain === undefined)
        throw new ProbeSkip('the target has no router, DNS or domain configured to ask for');
      const { offer } = await discover(ctx, { options: [['param_req_list', [15, 6, 3, 1]]] });
      const expectation = expectPacket(offer, 'OFFER');
      if (router !== undefined) expectation.toHaveOption('router', [router]);
      if (dns !== undefined) expectation.toHaveOption('name_server', [...dns]);
      if (domain !== undefined) expectation.toHaveOption('domain', domain);
    },
  },
  {
    name: 'lease time as configured, T1 < T2 < lease in OFFER and ACK',
    rfc: 'RFC 2131 §4.3.1 Table 3, §4.4.5; RFC 2132 §9.2, §9.11, §9.12',
    async run(ctx) {
      const { offer, ack } = await obtainLease(ctx);
      for (const [what, reply] of [
        ['OFFER', offer],
        ['ACK', ack],
      ] as const) {
        const dhcp = reply.layer(DHCP);
        const lease = dhcp.getOption('lease_time');
        assertEqual(what, 'DHCP.options.lease_time', lease, ctx.target.leaseTime);
        // Absent T1/T2 mean the client's defaults, 0.5 and 0.875 of the lease (§4.4.5).
        const t1 = dhcp.getOption('renewal_time') ?? Math.floor(ctx.target.leaseTime * 0.5);
        const t2 = dhcp.getOption('rebinding_time') ?? Math.floor(ctx.target.leaseTime * 0.875);
        if (ctx.target.renewTime !== undefined)
          assertEqual(what, 'DHCP.options.renewal_time', t1, ctx.target.renewTime);
        if (ctx.target.rebindTime !== undefined)
          assertEqual(what, 'DHCP.options.rebinding_time', t2, ctx.target.rebindTime);
        assertThat(t1 < t2, what, 'DHCP.options.renewal_time', t1, `< rebinding_time ${t2}`);
        assertThat(
          t2 < ctx.target.leaseTime,
          what,
          'DHCP.options.rebinding_time',
          t2,
          `< lease_time ${lease}`,
        );
      }
    },
  },
  {
    name: 'broadcast flag honoured: reply to 255.255.255.255 and ff:ff:ff:ff:ff:ff',
    rfc: 'RFC 2131 §4.1',
    async run(ctx) {
      const { offer } = await discover(ctx, { flags: BROADCAST_FLAG });
      assertEqual('OFFER', 'IP.dst', offer.layer(IP).dst, BROADCAST_IP);
      assertEqual('OFFER', 'Ether.dst', offer.layer(Ether).dst, BROADCAST_MAC);
    },
  },
  {
    name: 'no broadcast flag: unicast to yiaddr at chaddr (or broadcast)',
    rfc: 'RFC 2131 §4.1',
    async run(ctx) {
      const { offer, mac } = await discover(ctx, { flags: 0 });
      const ipDst = offer.layer(IP).dst;
      const etherDst = offer.layer(Ether).dst;
      const yiaddr = offer.layer(BOOTP).yiaddr;
      if (ipDst === BROADCAST_IP) {
        ctx.note(
          'the server broadcast the OFFER (allowed when it cannot unicast before the client has an address)',
        );
        assertEqual('OFFER', 'Ether.dst', etherDst, BROADCAST_MAC);
        return;
      }
      assertEqual('OFFER', 'IP.dst', ipDst, yiaddr);
      assertEqual('OFFER', 'Ether.dst', etherDst, mac);
    },
  },
  {
    name: 'replies come from port 67 to port 68',
    rfc: 'RFC 2131 §4.1',
    async run(ctx) {
      const { offer } = await discover(ctx);
      assertEqual('OFFER', 'UDP.sport', offer.layer(UDP).sport, SERVER_PORT);
      assertEqual('OFFER', 'UDP.dport', offer.layer(UDP).dport, CLIENT_PORT);
    },
  },
  {
    name: 'maximum message size respected (576)',
    rfc: 'RFC 2132 §9.10, RFC 2131 §2',
    async run(ctx) {
      const maxSize = 576;
      const everything = Array.from({ length: 254 }, (_, i) => i + 1);
      const { offer } = await discover(ctx, {
        options: [
          ['max_dhcp_size', maxSize],
          ['param_req_list', everything],
        ],
      });
      // Option 57 counts the whole IP datagram (RFC 2132 §9.10 with RFC 2131 §2's 576 octets).
      const datagram = Number(offer.layer(IP).len);
      ctx.note(`reply IP datagram: ${datagram} bytes`);
      assertThat(datagram <= maxSize, 'OFFER', 'IP.len', datagram, `<= ${maxSize} (max_dhcp_size)`);
    },
  },
];
