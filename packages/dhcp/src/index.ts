// Shared: time, events, wire (client helper)

export { type BackoffOptions, retransmitDelay } from './client/backoff.js';
export {
  AddressInUseError,
  ClientOptionError,
  ClientStateError,
  DhcpClientError,
  NakError,
  NoResponseError,
} from './client/client-errors.js';
export type { DhcpClientEvent, DhcpClientEventOf } from './client/client-events.js';
export type { DhcpClientOptions } from './client/client-options.js';
export type { ClientState } from './client/client-state.js';
// Client (client helper)
export { createDhcpClient, DhcpClient } from './client/dhcp-client.js';
export { type DhcpLease, INFINITE_LEASE, leaseTimers } from './client/lease.js';
export { chooseOffer, type DhcpOffer, type OfferPolicy } from './client/offer-selection.js';
export {
  type DhcpMessageEvent,
  type EngineEvent,
  EventHub,
  type EventListener,
  type EventSource,
  messageEvent,
  type Unsubscribe,
} from './events.js';
// Leases (server helper)
export type { Lease, LeaseState } from './leases/lease.js';
export { DhcpConfigError, LeaseError, LeaseFileError } from './leases/lease-errors.js';
export { LeaseFileWriter, readLeaseFile } from './leases/lease-file.js';
export { LoadOptionError } from './load/load-errors.js';
export { percentile } from './load/percentile.js';
// Load mode (client helper)
export {
  type LoadOptions,
  type LoadProgress,
  type LoadRelayOptions,
  type LoadResult,
  runLoad,
} from './load/run-load.js';
// Server (server helper)
export { createDhcpServer, type DhcpServer } from './server/dhcp-server.js';
export { formatServerEvent } from './server/format-server-event.js';
export type { OptionValue } from './server/pool-option.js';
export { type ReplyAddressing, replyAddressing } from './server/reply-addressing.js';
export type {
  DhcpPoolOptions,
  DhcpReservation,
  DhcpServerOptions,
  ServerLog,
} from './server/server-config.js';
export { DhcpServerError, ServerStateError } from './server/server-errors.js';
export type {
  DhcpServerEvent,
  IgnoredEvent,
  LeaseAction,
  LeaseEvent,
  MalformedEvent,
  PersistedEvent,
  PoolExhaustedEvent,
  ServerErrorEvent,
  ServerStateEvent,
} from './server/server-events.js';
export {
  type CancelTimer,
  EngineTime,
  type EngineTimeOptions,
  InvalidTimeScaleError,
  type ManualTimerClock,
  manualTimerClock,
  OperationAbortedError,
  realClock,
  type TimerClock,
} from './time.js';
export * from './wire.js';
