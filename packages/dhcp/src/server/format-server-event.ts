import { formatSummary } from '../wire/message-summary.js';
import type { DhcpServerEvent } from './server-events.js';

/** One line per event for the `log` option. */
export function formatServerEvent(event: DhcpServerEvent): string {
  const time = `${(event.time / 1000).toFixed(3)}s`;
  switch (event.type) {
    case 'sent':
    case 'received':
      return `${time} ${event.type} ${formatSummary(event.summary)}`;
    case 'lease':
      return `${time} lease ${event.action} ${event.lease.address} to ${event.lease.clientKey} until ${new Date(event.lease.expiresAt).toISOString()}`;
    case 'ignored':
      return `${time} ignored ${event.messageType} from ${event.chaddr}: ${event.reason}`;
    case 'malformed':
      return `${time} malformed frame (${event.length} bytes) on ${event.link}: ${event.reason}`;
    case 'pool-exhausted':
      return `${time} pool ${event.range} (${event.subnet}) exhausted: no address for ${event.chaddr}`;
    case 'persisted':
      return `${time} leases written to ${event.path} (write ${event.writes})`;
    case 'state':
      return `${time} server ${event.state} with ${event.leases} leases`;
    case 'error':
      return `${time} error ${event.context}: ${event.error.message}`;
  }
}
