/**
 * The exchanges most checks start from: a DISCOVER and its OFFER, a whole DORA, and finding the server's
 * MAC (for frames a client unicasts to the server).
 */
import { BOOTP, DHCP, type DhcpOptionItem, Ether, type Packet } from '@wirecraft/packet';
import type { ProbeContext } from '../probe.js';
import { ProbeAssertionError } from '../probe-assertion-error.js';
import { BROADCAST_FLAG, clientFrame } from './client-frames.js';

/** Generous: a shared 2-core machine may stall a server for a while. */
export const REPLY_TIMEOUT_MS = 3000;
/** How long silence must last to count as the server ignoring a request. */
export const SILENCE_MS = 1500;

/** The options a typical client asks for (subnet mask, router, DNS, domain, lease times). */
export const TYPICAL_PARAMETERS = [1, 3, 6, 15, 51, 58, 59] as const;

export function messageTypeOf(reply: Packet | undefined): string | number | undefined {
  return reply?.get(DHCP)?.messageType;
}

export interface Discovery {
  readonly mac: string;
  readonly xid: number;
  readonly request: Packet;
  readonly offer: Packet;
}

export interface DiscoverOptions {
  mac?: string;
  flags?: number;
  /** Options after the message type; by default a parameter request list of TYPICAL_PARAMETERS. */
  options?: readonly DhcpOptionItem[];
}

/** A broadcast DISCOVER (broadcast flag set unless `flags` says otherwise) that must get an OFFER. */
export async function discover(ctx: ProbeContext, options: DiscoverOptions = {}): Promise<Discovery> {
  const mac = options.mac ?? ctx.newMac();
  const xid = ctx.newXid();
  const request = clientFrame({
    mac,
    xid,
    flags: options.flags ?? BROADCAST_FLAG,
    options: [
      ['message-type', 'discover'],
      ...(options.options ?? [['param_req_list', [...TYPICAL_PARAMETERS]]]),
    ],
  });
  const offer = await ctx.srp1(request, { timeoutMs: REPLY_TIMEOUT_MS });
  if (offer === undefined || messageTypeOf(offer) !== 'offer') {
    throw new ProbeAssertionError(
      `no OFFER for a DISCOVER from ${mac} within ${REPLY_TIMEOUT_MS} ms` +
        (offer === undefined ? '' : ` (got ${String(messageTypeOf(offer))})`),
    );
  }
  return { mac, xid, request, offer };
}

export interface Lease {
  readonly mac: string;
  readonly address: string;
  /** The Ethernet source of the server's replies. */
  readonly serverMac: string;
  readonly offer: Packet;
  readonly ack: Packet;
}

export interface LeaseOptions {
  mac?: string;
  /** Sent in the DISCOVER and the REQUEST alike (a client identifier, for instance). */
  identity?: readonly DhcpOptionItem[];
}

/** DISCOVER, OFFER, REQUEST (SELECTING), ACK; fails the check when any step gets no answer. */
export async function obtainLease(ctx: ProbeContext, options: LeaseOptions = {}): Promise<Lease> {
  const identity = options.identity ?? [];
  const { mac, offer } = await discover(ctx, {
    mac: options.mac,
    options: [...identity, ['param_req_list', [...TYPICAL_PARAMETERS]]],
  });
  const address = offer.layer(BOOTP).yiaddr;
  const serverId = offer.layer(DHCP).getOption('server_id') ?? ctx.target.serverAddress;
  const request = clientFrame({
    mac,
    xid: ctx.newXid(),
    flags: BROADCAST_FLAG,
    options: [
      ['message-type', 'request'],
      ['server_id', serverId],
      ['requested_addr', address],
      ...identity,
      ['param_req_list', [...TYPICAL_PARAMETERS]],
    ],
  });
  const ack = await ctx.srp1(request, { timeoutMs: REPLY_TIMEOUT_MS });
  if (ack === undefined || messageTypeOf(ack) !== 'ack') {
    throw new ProbeAssertionError(
      `no ACK for a SELECTING REQUEST of ${address} from ${mac}` +
        (ack === undefined ? '' : ` (got ${String(messageTypeOf(ack))})`),
    );
  }
  ctx.note(`${mac} holds ${address}`);
  return { mac, address, serverMac: offer.layer(Ether).src, offer, ack };
}

/** The server's MAC: configured in the target, else the source of an OFFER to a throwaway client. */
export async function serverMac(ctx: ProbeContext): Promise<string> {
  if (ctx.target.serverMac !== undefined) return ctx.target.serverMac;
  const { offer } = await discover(ctx);
  return offer.layer(Ether).src;
}
