/**
 * One address binding. `offered` is held briefly for a client between OFFER and REQUEST and never persisted;
 * `bound` is an acknowledged lease; `declined` is an address a client reported in use (quarantined until
 * expiresAt); `released` and `expired` keep the last owner so a returning client gets its old address back.
 */
export type LeaseState = 'offered' | 'bound' | 'declined' | 'released' | 'expired';

export interface Lease {
  /** Dotted form of the address. */
  address: string;
  /** The address as an unsigned 32-bit number (the table's key). */
  addressNumber: number;
  /** Identity of the client: 'id:<hex of option 61>' when it sent a client identifier, else 'mac:<chaddr>'. */
  clientKey: string;
  mac: string;
  hostname?: string;
  state: LeaseState;
  /** Wall-clock epoch milliseconds. */
  startedAt: number;
  /** Wall-clock epoch milliseconds; for declined leases, the end of the quarantine. */
  expiresAt: number;
}

/** The key a lease is found by: the client identifier (option 61) when present, as RFC 2131 §4.2 says, else chaddr. */
export function clientKeyOf(mac: string, clientIdHex: string | undefined): string {
  return clientIdHex !== undefined && clientIdHex.length > 0 ? `id:${clientIdHex}` : `mac:${mac}`;
}

/** Whether the address of this lease may be given to any client at `now`. */
export function isFree(lease: Lease | undefined, now: number): boolean {
  if (lease === undefined) return true;
  if (lease.state === 'released' || lease.state === 'expired') return true;
  return lease.expiresAt <= now;
}

/** Persisted states: offers are promises, not leases, and are never written. */
export function isDurable(lease: Lease): boolean {
  return lease.state !== 'offered';
}
