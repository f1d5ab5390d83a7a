// A probe file: `pnpm wirecraft probe examples/offer-probe.ts --lab dnsmasq` (or --iface IF, or no target
// for the built-in server). Expected values come from ctx.target, so the same file probes any server.
import { BOOTP, DHCP, Ether, IP, packet, UDP } from '@wirecraft/packet';
import { defineProbes, expectPacket } from '@wirecraft/probe';

export default defineProbes({
  name: 'offer',
  checks: [
    {
      name: 'DISCOVER gets an OFFER with our lease time and router',
      rfc: 'RFC 2131 §4.3.1',
      async run(ctx) {
        const mac = ctx.newMac();
        const discover = packet(
          Ether({ src: mac, dst: 'ff:ff:ff:ff:ff:ff' }),
          IP({ src: '0.0.0.0', dst: '255.255.255.255' }),
          UDP(),
          BOOTP({ op: 1, xid: ctx.newXid(), chaddr: mac, flags: 0x8000 }),
          DHCP({
            options: [
              ['message-type', 'discover'],
              ['param_req_list', [1, 3, 6, 51]],
            ],
          }),
        );
        const offer = await ctx.srp1(discover, { timeoutMs: 2000 });
        expectPacket(offer, 'OFFER').toMatchPacket({
          DHCP: {
            options: {
              'message-type': 'offer',
              server_id: ctx.target.serverAddress,
              lease_time: ctx.target.leaseTime,
              router: ctx.target.router === undefined ? undefined : [ctx.target.router],
            },
          },
        });
        ctx.note(`offered ${offer?.layer(BOOTP).yiaddr}`);
      },
    },
    {
      name: 'the DHCP client engine gets a lease',
      async run(ctx) {
        const lease = await ctx.client({ mac: ctx.newMac(), hostname: 'probe' }).obtain();
        ctx.note(`leased ${lease.address} for ${lease.leaseTime} s`);
      },
    },
  ],
});
