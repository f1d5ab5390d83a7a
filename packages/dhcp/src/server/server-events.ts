import type { DhcpMessageEvent, EngineEvent } from '../events.js';
import type { Lease } from '../leases/lease.js';

export type LeaseAction =
  | 'offered'
  | 'bound'
  | 'renewed'
  | 'released'
  | 'declined'
  | 'expired'
  | 'offer-withdrawn';

/** A lease changed: `lease` is a copy taken when the event was made. */
export interface LeaseEvent extends EngineEvent {
  readonly type: 'lease';
  readonly action: LeaseAction;
  readonly lease: Lease;
}

/** A request the RFC tells us to answer with silence (or one we cannot serve): why, and for which client. */
export interface IgnoredEvent extends EngineEvent {
  readonly type: 'ignored';
  readonly reason: string;
  readonly messageType: string;
  readonly chaddr: string;
  readonly xid: number;
}

/** A frame to our port that is not a usable request (bad DHCP, missing message type, wrong op). */
export interface MalformedEvent extends EngineEvent {
  readonly type: 'malformed';
  readonly reason: string;
  readonly link: string;
  readonly length: number;
}

export interface PoolExhaustedEvent extends EngineEvent {
  readonly type: 'pool-exhausted';
  readonly subnet: string;
  readonly range: string;
  readonly chaddr: string;
}

/** Leases written to the lease file: `leases` in the snapshot, `waiting` the ACKs released by this write. */
export interface PersistedEvent extends EngineEvent {
  readonly type: 'persisted';
  readonly path: string;
  readonly writes: number;
}

export interface ServerStateEvent extends EngineEvent {
  readonly type: 'state';
  readonly state: 'started' | 'stopped';
  readonly leases: number;
}

export interface ServerErrorEvent extends EngineEvent {
  readonly type: 'error';
  readonly error: Error;
  readonly context: string;
}

export type DhcpServerEvent =
  | DhcpMessageEvent
  | LeaseEvent
  | IgnoredEvent
  | MalformedEvent
  | PoolExhaustedEvent
  | PersistedEvent
  | ServerStateEvent
  | ServerErrorEvent;
