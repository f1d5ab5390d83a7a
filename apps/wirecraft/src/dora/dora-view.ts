import type { DhcpLease, DhcpMessageSummary } from '@wirecraft/dhcp';
import type { DoraEvent, DoraOutcome } from './dora-run.js';

export type TimelineKind = 'sent' | 'received' | 'retransmit' | 'note' | 'problem';

export interface TimelineRow {
  /** Position in the timeline: rows are only appended, so this is a stable React key. */
  id: number;
  /** Engine milliseconds since start. */
  time: number;
  kind: TimelineKind;
  /** DISCOVER, OFFER...; empty for notes. */
  label: string;
  text: string;
}

export interface OfferRow {
  address: string;
  serverId: string;
  time: number;
  chosen: boolean;
}

/** Everything the dora screen shows, derived from the events alone (so it can be tested without a terminal). */
export interface DoraView {
  setup?: string;
  state: string;
  rows: TimelineRow[];
  offers: OfferRow[];
  lease?: DhcpLease;
  leaseKind?: string;
  outcome?: { ok: boolean; text: string };
}

export function emptyDoraView(): DoraView {
  return { state: 'starting', rows: [], offers: [] };
}

/** 3600 -> 1h, 1800 -> 30m, 90 -> 90s: the timeline has 80 columns to share. */
export function compactSeconds(seconds: number): string {
  if (seconds === 0xffffffff) return 'infinite';
  if (seconds >= 3600 && seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds >= 60 && seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

const hex8 = (xid: number) => `0x${xid.toString(16).padStart(8, '0')}`;

/**
 * The part of a message row after its type: xid and key options first, addresses last, so that the end
 * truncated on an 80-column terminal is the least informative part.
 */
export function messageDetail(s: DhcpMessageSummary): string {
  const parts = [`xid=${hex8(s.xid)}`];
  if (s.yiaddr !== '0.0.0.0') parts.push(`yiaddr=${s.yiaddr}`);
  if (s.ciaddr !== '0.0.0.0') parts.push(`ciaddr=${s.ciaddr}`);
  if (s.requestedAddress) parts.push(`req=${s.requestedAddress}`);
  if (s.serverId) parts.push(`srv=${s.serverId}`);
  if (s.leaseTime !== undefined) parts.push(`lease=${compactSeconds(s.leaseTime)}`);
  parts.push(`${s.srcIp}>${s.dstIp}`);
  return parts.join(' ');
}

/** Folds one event into the view; returns a new object so React sees the change. */
export function reduceDoraView(view: DoraView, event: DoraEvent): DoraView {
  const row = (kind: TimelineKind, label: string, text: string): DoraView => ({
    ...view,
    rows: [...view.rows, { id: view.rows.length, time: event.time, kind, label, text }],
  });
  switch (event.type) {
    case 'setup':
      return { ...view, setup: `${event.description}; client ${event.mac}` };
    case 'state':
      // STOPPED is the app tearing the client down, not a protocol state worth showing.
      return event.to === 'STOPPED' ? view : { ...view, state: event.to };
    case 'sent':
    case 'received':
      return row(event.type, event.summary.messageType, messageDetail(event.summary));
    case 'retransmit':
      return row(
        'retransmit',
        event.messageType,
        `retransmit #${event.attempt} after ${(event.waitedMs / 1000).toFixed(1)} s without an answer`,
      );
    case 'offer':
      return {
        ...view,
        offers: [
          ...view.offers,
          {
            address: event.offer.address,
            serverId: event.offer.serverId ?? '?',
            time: event.time,
            chosen: false,
          },
        ],
      };
    case 'offer-chosen':
      return {
        ...row(
          'note',
          '',
          `chose ${event.offer.address} from ${event.offer.serverId ?? '?'} among ${event.among} offer(s)`,
        ),
        offers: view.offers.map((o) => ({
          ...o,
          chosen: o.address === event.offer.address && o.serverId === (event.offer.serverId ?? '?'),
        })),
      };
    case 'lease': {
      const next = row('note', '', `lease ${event.kind}: ${event.lease.address}`);
      if (event.kind === 'released' || event.kind === 'lost' || event.kind === 'declined') {
        return { ...next, leaseKind: event.kind };
      }
      return { ...next, lease: event.lease, leaseKind: event.kind };
    }
    case 'nak':
      return row(
        'problem',
        'NAK',
        `refused by ${event.serverId ?? '?'}${event.text ? `: ${event.text}` : ''}`,
      );
    case 'arp-conflict':
      return row('problem', 'ARP', `${event.address} is in use by ${event.ownerMac}`);
    case 'arp-answered':
      return row('note', 'ARP', `${event.address} is at us (asked by ${event.askerIp})`);
    case 'error':
      return row('problem', 'error', event.error.message);
    default:
      // Events this screen has no row for (e.g. ARP probe answers) leave it unchanged.
      return view;
  }
}

export function finishDoraView(view: DoraView, outcome: DoraOutcome): DoraView {
  const text = outcome.ok
    ? `done: ${outcome.lease?.address ?? ''} ${view.leaseKind === 'released' ? '(released)' : 'bound'}`
    : `failed: ${outcome.failure ?? 'no DHCPACK'}`;
  return { ...view, outcome: { ok: outcome.ok, text } };
}
