import type { DhcpMessageEvent, EngineEvent } from '../events.js';
import type { ClientState } from './client-state.js';
import type { DhcpLease } from './lease.js';
import type { DhcpOffer } from './offer-selection.js';

export type DhcpClientEvent =
  | DhcpMessageEvent
  | { readonly type: 'state'; readonly time: number; readonly from: ClientState; readonly to: ClientState }
  | {
      readonly type: 'offer';
      readonly time: number;
      readonly offer: DhcpOffer;
      /** Offers collected so far in this SELECTING phase, this one included. */
      readonly count: number;
    }
  | {
      readonly type: 'offer-chosen';
      readonly time: number;
      readonly offer: DhcpOffer;
      readonly among: number;
    }
  | {
      readonly type: 'retransmit';
      readonly time: number;
      readonly messageType: string;
      readonly attempt: number;
      /** RFC milliseconds waited before this attempt (before timeScale). */
      readonly waitedMs: number;
    }
  | {
      readonly type: 'lease';
      readonly time: number;
      readonly kind: 'obtained' | 'renewed' | 'rebound' | 'rebooted' | 'lost' | 'released' | 'declined';
      readonly lease: DhcpLease;
    }
  | { readonly type: 'nak'; readonly time: number; readonly serverId?: string; readonly text?: string }
  | {
      readonly type: 'arp-conflict';
      readonly time: number;
      readonly address: string;
      readonly ownerMac: string;
    }
  | {
      /** We told `askerMac` that our MAC has `address` (see DhcpClientOptions.answerArp). */
      readonly type: 'arp-answered';
      readonly time: number;
      readonly address: string;
      readonly askerMac: string;
      readonly askerIp: string;
    }
  | { readonly type: 'error'; readonly time: number; readonly error: Error };

export type DhcpClientEventOf<T extends DhcpClientEvent['type']> = Extract<DhcpClientEvent, { type: T }>;

export type ClientEventBase = EngineEvent;
