/**
 * What the server remembers between messages: allocated addresses stay with their client, DECLINE
 * quarantines, RELEASE frees, and the client identifier (not chaddr) names the client.
 */
import { BOOTP } from '@wirecraft/packet';
import type { ProbeCheck, ProbeContext } from '../probe.js';
import { assertEqual, assertThat } from './check-assertions.js';
import { BROADCAST_FLAG, clientFrame } from './client-frames.js';
import { discover, type Lease, obtainLease, SILENCE_MS } from './lease-exchange.js';

/** What the server offers a new client that asks for `address`. */
async function offeredTo(ctx: ProbeContext, address: string): Promise<string> {
  const { offer } = await discover(ctx, { options: [['requested_addr', address]] });
  return offer.layer(BOOTP).yiaddr;
}

/** A message the server does not answer: give it time to act on it before the next step looks. */
async function sendUnanswered(ctx: ProbeContext, frame: Parameters<ProbeContext['send']>[0]): Promise<void> {
  await ctx.send(frame);
  await new Promise((resolve) => setTimeout(resolve, SILENCE_MS / 3));
}

function clientIdentifier(ctx: ProbeContext): Uint8Array {
  // Type 0: an opaque identifier (RFC 2132 §9.14), unrelated to either chaddr.
  return new TextEncoder().encode(`\0probe-${ctx.newMac()}`);
}

export const leaseStateChecks: readonly ProbeCheck[] = [
  {
    name: 'an address leased to one client is not offered to another',
    rfc: 'RFC 2131 §4.3.1, §4.3.2',
    async run(ctx) {
      const lease = await obtainLease(ctx);
      const offered = await offeredTo(ctx, lease.address);
      assertThat(
        offered !== lease.address,
        'OFFER to a second client',
        'BOOTP.yiaddr',
        offered,
        `not ${lease.address} (leased to ${lease.mac})`,
      );
    },
  },
  {
    name: 'DECLINE quarantines the address',
    rfc: 'RFC 2131 §4.3.3',
    async run(ctx) {
      const lease: Lease = await obtainLease(ctx);
      await sendUnanswered(
        ctx,
        clientFrame({
          mac: lease.mac,
          xid: ctx.newXid(),
          options: [
            ['message-type', 'decline'],
            ['server_id', ctx.target.serverAddress],
            ['requested_addr', lease.address],
          ],
        }),
      );
      const offered = await offeredTo(ctx, lease.address);
      assertThat(
        offered !== lease.address,
        'OFFER after DECLINE',
        'BOOTP.yiaddr',
        offered,
        `not the declined ${lease.address}`,
      );
    },
  },
  {
    name: 'RELEASE frees the address for another client',
    rfc: 'RFC 2131 §4.3.4, §4.3.1',
    async run(ctx) {
      const lease = await obtainLease(ctx);
      await sendUnanswered(
        ctx,
        clientFrame({
          mac: lease.mac,
          xid: ctx.newXid(),
          ciaddr: lease.address,
          srcIp: lease.address,
          dstIp: ctx.target.serverAddress,
          dstMac: lease.serverMac,
          options: [
            ['message-type', 'release'],
            ['server_id', ctx.target.serverAddress],
          ],
        }),
      );
      assertEqual('OFFER after RELEASE', 'BOOTP.yiaddr', await offeredTo(ctx, lease.address), lease.address);
    },
  },
  {
    name: 'client identifier names the client: same id, other chaddr, same address',
    rfc: 'RFC 2131 §4.2, RFC 2132 §9.14',
    async run(ctx) {
      const identity = [[61, clientIdentifier(ctx)] as const];
      const lease = await obtainLease(ctx, { identity });
      const { offer, mac } = await discover(ctx, {
        flags: BROADCAST_FLAG,
        options: [...identity, ['param_req_list', [1, 3, 51]]],
      });
      ctx.note(`client id first with ${lease.mac}, then with ${mac}`);
      assertEqual('OFFER to the same client id', 'BOOTP.yiaddr', offer.layer(BOOTP).yiaddr, lease.address);
    },
  },
];
