import { type DhcpServerEvent, type Lease, formatServerEvent } from '@wirecraft/dhcp';

export interface ServeView {
  setup: string;
  /** Latest lease per address. */
  leases: Map<string, Lease>;
  /** Newest last; bounded. */
  log: { id: number; line: string }[];
  counters: { received: number; sent: number; ignored: number };
  stopped: boolean;
}

export const SERVE_LOG_LINES = 200;

export function emptyServeView(setup: string): ServeView {
  return {
    setup,
    leases: new Map(),
    log: [],
    counters: { received: 0, sent: 0, ignored: 0 },
    stopped: false,
  };
}

let logSequence = 0;

/** Folds a server event into the view (new object each time, so React redraws). */
export function reduceServeView(view: ServeView, event: DhcpServerEvent): ServeView {
  const counters = { ...view.counters };
  if (event.type === 'received') counters.received++;
  if (event.type === 'sent') counters.sent++;
  if (event.type === 'ignored') counters.ignored++;
  let leases = view.leases;
  if (event.type === 'lease') {
    leases = new Map(view.leases);
    if (event.action === 'offer-withdrawn') leases.delete(event.lease.address);
    else leases.set(event.lease.address, event.lease);
  }
  const log = [...view.log, { id: logSequence++, line: formatServerEvent(event) }];
  if (log.length > SERVE_LOG_LINES) log.splice(0, log.length - SERVE_LOG_LINES);
  return {
    ...view,
    leases,
    log,
    counters,
    stopped: view.stopped || (event.type === 'state' && event.state === 'stopped'),
  };
}
