/**
 * perfdhcp-style load: N simulated clients doing full DORA at a target rate over one link. One receive
 * loop dispatches replies by xid through a Map, so the cost per reply is a parse and a lookup whatever N is.
 * Like perfdhcp, nothing is retransmitted: an exchange that is not complete when it times out is a drop.
 */
import type { Link } from '@wirecraft/capture';
import { canonicalMac, type DhcpOptionItem } from '@wirecraft/packet';
import { EngineTime, type TimerClock } from '../time.js';
import { BROADCAST_FLAG, BROADCAST_IP, BROADCAST_MAC, SERVER_PORT, ZERO_IP } from '../wire/dhcp-constants.js';
import { composeDhcpFrame } from '../wire/dhcp-frame.js';
import { createDhcpMessage, type DhcpMessage } from '../wire/dhcp-message.js';
import { dhcpMessages } from '../wire/dhcp-receive.js';
import { LoadOptionError } from './load-errors.js';
import { percentile } from './percentile.js';

export interface LoadRelayOptions {
  /** giaddr and IP source of our requests: an address the server has a subnet for. */
  giaddr: string;
  /** Server to unicast to (67 -> 67, as a relay agent does). */
  serverIp: string;
  serverMac: string;
}

export interface LoadOptions {
  link: Link;
  /** Distinct client MACs, cycled through (bounded so the server's neighbour table is not flooded). */
  clients: number;
  /** Exchanges started per second. */
  rate: number;
  /** Seconds to keep starting exchanges: rate x duration exchanges in all. */
  duration: number;
  /** First MAC; client i gets macBase + i. Default 02:00:00:00:00:00 (locally administered). */
  macBase?: string;
  timeScale?: number;
  clock?: TimerClock;
  /** An exchange not complete this long (RFC ms) after it began is a drop. Default 2000. */
  timeoutMs?: number;
  /** Talk like a relay agent (perfdhcp's mode when the client side has an address). */
  relay?: LoadRelayOptions;
  /** Called about every progressMs (real ms) with the live counters. Default 250. */
  onProgress?: (progress: LoadProgress) => void;
  progressMs?: number;
  signal?: AbortSignal;
}

export interface LoadProgress {
  elapsedMs: number;
  sent: number;
  offers: number;
  completed: number;
  naks: number;
  outstanding: number;
}

export interface LoadResult {
  /** Completed DORA exchanges per second over the sending period. */
  eps: number;
  /** Exchanges started (DISCOVERs sent). */
  sent: number;
  requestsSent: number;
  offers: number;
  completed: number;
  naks: number;
  /** Exchanges that did not complete (no offer, no ack, or NAK). */
  drops: number;
  discover_offer_ms_p50: number;
  discover_offer_ms_p99: number;
  request_ack_ms_p50: number;
  request_ack_ms_p99: number;
  durationMs: number;
}

/** What kea and dnsmasq answer with by default: mask, router, DNS, lease time, server id. */
const PARAMETER_REQUEST_LIST = [1, 3, 6, 51, 54];

interface Exchange {
  mac: string;
  xid: number;
  discoverAt: number;
  requestAt: number;
  phase: 'selecting' | 'requesting';
}

function macAt(base: number[], index: number): string {
  let carry = index;
  const bytes = base.slice();
  for (let i = 5; i >= 0 && carry > 0; i--) {
    const sum = bytes[i] + carry;
    bytes[i] = sum & 0xff;
    carry = Math.floor(sum / 256);
  }
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

function validate(options: LoadOptions): void {
  const positive = (name: keyof LoadOptions, value: number | undefined, fix: string) => {
    if (!(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
      throw new LoadOptionError(name, value, fix);
    }
  };
  if (!Number.isInteger(options.clients) || options.clients < 1 || options.clients > 0xffffff) {
    throw new LoadOptionError('clients', options.clients, 'give an integer from 1 to 16777215');
  }
  positive('rate', options.rate, 'give exchanges per second > 0, e.g. 1000');
  positive('duration', options.duration, 'give seconds > 0');
  if (options.timeoutMs !== undefined) positive('timeoutMs', options.timeoutMs, 'give milliseconds > 0');
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  validate(options);
  const base = canonicalMac(options.macBase ?? '02:00:00:00:00:00');
  if (!base) throw new LoadOptionError('macBase', options.macBase, 'give a MAC such as "02:00:00:00:00:00"');
  const baseBytes = base.split(':').map((h) => Number.parseInt(h, 16));
  const macs = Array.from({ length: options.clients }, (_, i) => macAt(baseBytes, i));
  const time = new EngineTime({ timeScale: options.timeScale, clock: options.clock });
  const timeout = time.scaled(options.timeoutMs ?? 2000);
  const intervalMs = time.scaled(1000 / options.rate);
  const link = options.link;
  const relay = options.relay;

  const pending = new Map<number, Exchange>();
  const discoverOffer: number[] = [];
  const requestAck: number[] = [];
  let sent = 0;
  let requestsSent = 0;
  let offers = 0;
  let completed = 0;
  let naks = 0;
  let nextClient = 0;
  let sendError: Error | undefined;

  const stop = new AbortController();
  const onAbort = () => stop.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const transmit = (message: DhcpMessage) => {
    const frame = relay
      ? composeDhcpFrame({
          message,
          srcMac: message.chaddr,
          dstMac: relay.serverMac,
          srcIp: relay.giaddr,
          dstIp: relay.serverIp,
          sport: SERVER_PORT,
          dport: SERVER_PORT,
        })
      : composeDhcpFrame({
          message,
          srcMac: message.chaddr,
          dstMac: BROADCAST_MAC,
          srcIp: ZERO_IP,
          dstIp: BROADCAST_IP,
        });
    link.send(frame).catch((error: Error) => {
      sendError ??= error;
    });
  };

  const requestMessage = (exchange: Exchange, options: DhcpOptionItem[]): DhcpMessage =>
    createDhcpMessage({
      op: 1,
      xid: exchange.xid,
      chaddr: exchange.mac,
      giaddr: relay?.giaddr,
      hops: relay ? 1 : 0,
      flags: relay ? 0 : BROADCAST_FLAG,
      options,
    });

  let xidCounter = (Math.random() * 0x100000000) >>> 0;
  const startExchange = () => {
    let xid = xidCounter++ >>> 0;
    while (pending.has(xid)) xid = xidCounter++ >>> 0;
    const exchange: Exchange = {
      mac: macs[nextClient++ % macs.length],
      xid,
      discoverAt: time.elapsed(),
      requestAt: 0,
      phase: 'selecting',
    };
    pending.set(xid, exchange);
    sent++;
    transmit(
      requestMessage(exchange, [
        ['message-type', 'discover'],
        ['param_req_list', PARAMETER_REQUEST_LIST],
      ]),
    );
  };

  const replies = dhcpMessages(link, { signal: stop.signal, queueCapacity: 1 << 16 });
  await link.ready;
  const receiving = (async () => {
    for await (const received of replies) {
      const m = received.message;
      if (m.op !== 2) continue;
      const exchange = pending.get(m.xid);
      if (!exchange || m.chaddr !== exchange.mac) continue;
      const type = m.messageType;
      const now = time.elapsed();
      if (type === 'offer' && exchange.phase === 'selecting') {
        offers++;
        discoverOffer.push(now - exchange.discoverAt);
        exchange.phase = 'requesting';
        exchange.requestAt = now;
        const options: DhcpOptionItem[] = [
          ['message-type', 'request'],
          ['param_req_list', PARAMETER_REQUEST_LIST],
          ['requested_addr', m.yiaddr],
        ];
        const serverId = m.option('server_id');
        if (serverId !== undefined) options.push(['server_id', serverId]);
        requestsSent++;
        transmit(requestMessage(exchange, options));
      } else if (type === 'ack' && exchange.phase === 'requesting') {
        requestAck.push(now - exchange.requestAt);
        completed++;
        pending.delete(m.xid);
      } else if (type === 'nak') {
        naks++;
        pending.delete(m.xid);
      }
    }
  })();

  const progress = () =>
    options.onProgress?.({
      elapsedMs: time.elapsed(),
      sent,
      offers,
      completed,
      naks,
      outstanding: pending.size,
    });

  const total = Math.max(1, Math.round(options.rate * options.duration));
  const begin = time.elapsed();
  // A tick paces the sends: at rates above the timer resolution it sends every exchange that is due.
  await new Promise<void>((resolve) => {
    let lastProgress = begin;
    const tick = () => {
      const now = time.elapsed();
      if (stop.signal.aborted) {
        resolve();
        return;
      }
      const due = Math.min(Math.floor((now - begin) / intervalMs) + 1, total);
      while (sent < due) startExchange();
      if (sent >= total) {
        resolve();
        return;
      }
      for (const [xid, exchange] of pending) {
        if (now - exchange.discoverAt <= timeout) break;
        pending.delete(xid);
      }
      if (now - lastProgress >= (options.progressMs ?? 250)) {
        lastProgress = now;
        progress();
      }
      time.clock.setTimer(tick, Math.max(0, Math.min(intervalMs, 1)));
    };
    tick();
  });
  const durationMs = time.elapsed() - begin;
  // Grace period: replies to the last exchanges may still arrive.
  await new Promise<void>((resolve) => {
    const check = () => {
      if (pending.size === 0 || stop.signal.aborted || time.elapsed() - begin - durationMs >= timeout)
        resolve();
      else time.clock.setTimer(check, 5);
    };
    check();
  });
  stop.abort();
  options.signal?.removeEventListener('abort', onAbort);
  await receiving;
  progress();
  if (sendError) throw sendError;
  return {
    eps: completed / (durationMs / 1000),
    sent,
    requestsSent,
    offers,
    completed,
    naks,
    drops: sent - completed,
    discover_offer_ms_p50: percentile(discoverOffer, 50),
    discover_offer_ms_p99: percentile(discoverOffer, 99),
    request_ack_ms_p50: percentile(requestAck, 50),
    request_ack_ms_p99: percentile(requestAck, 99),
    durationMs,
  };
}
