import { formatIpv4 } from '@wirecraft/packet';
import { isDurable, isFree, type Lease, type LeaseState } from './lease.js';

/** An address range the table allocates from; `cursor` makes allocation round-robin, so fresh addresses go first. */
export interface AllocationRange {
  readonly first: number;
  readonly last: number;
  cursor: number;
}

/**
 * Every lease the server knows, by address and by client. Each durable lease keeps its serialized JSON line,
 * so a snapshot of the whole table is one join, not a walk that re-serializes every lease.
 */
export class LeaseTable {
  readonly #byAddress = new Map<number, Lease>();
  readonly #byClient = new Map<string, Lease>();
  readonly #lines = new Map<number, string>();
  /** Addresses reserved for a client key: never given to anyone else. */
  readonly #reservedFor = new Map<number, string>();

  reserve(address: number, clientKey: string): void {
    this.#reservedFor.set(address, clientKey);
  }

  reservedFor(address: number): string | undefined {
    return this.#reservedFor.get(address);
  }

  byAddress(address: number): Lease | undefined {
    return this.#byAddress.get(address);
  }

  byClient(clientKey: string): Lease | undefined {
    return this.#byClient.get(clientKey);
  }

  get size(): number {
    return this.#byAddress.size;
  }

  /** Whether `clientKey` may take `address` at `now`: free or already its own, and not reserved for another. */
  availableTo(address: number, clientKey: string, now: number): boolean {
    const reservedFor = this.#reservedFor.get(address);
    if (reservedFor !== undefined && reservedFor !== clientKey) return false;
    const lease = this.#byAddress.get(address);
    if (lease === undefined || lease.clientKey === clientKey)
      return lease?.state !== 'declined' || lease.expiresAt <= now;
    return isFree(lease, now);
  }

  /** The next address of the range free for this client, round-robin from the range's cursor; undefined when none. */
  allocate(range: AllocationRange, clientKey: string, now: number): number | undefined {
    const size = range.last - range.first + 1;
    let candidate = range.cursor < range.first || range.cursor > range.last ? range.first : range.cursor;
    for (let tried = 0; tried < size; tried++) {
      const address = candidate;
      candidate = candidate === range.last ? range.first : candidate + 1;
      if (this.availableTo(address, clientKey, now)) {
        range.cursor = candidate;
        return address;
      }
    }
    return undefined;
  }

  /** Records a lease for the address (replacing whatever held it) and makes it the client's current lease. */
  set(address: number, fields: Omit<Lease, 'address' | 'addressNumber'>): Lease {
    const previous = this.#byAddress.get(address);
    if (previous !== undefined && previous.clientKey !== fields.clientKey) {
      if (this.#byClient.get(previous.clientKey) === previous) this.#byClient.delete(previous.clientKey);
    }
    const current = this.#byClient.get(fields.clientKey);
    // A client holds one lease: moving to a new address frees its offer there, and ends a binding there.
    if (current !== undefined && current.addressNumber !== address) this.#retire(current);
    const lease: Lease = {
      address: formatIpv4(address),
      addressNumber: address,
      clientKey: fields.clientKey,
      mac: fields.mac,
      state: fields.state,
      startedAt: fields.startedAt,
      expiresAt: fields.expiresAt,
    };
    if (fields.hostname !== undefined) lease.hostname = fields.hostname;
    this.#byAddress.set(address, lease);
    this.#byClient.set(fields.clientKey, lease);
    this.#store(lease);
    return lease;
  }

  /** Changes the state of a lease in place (release, decline, expiry). */
  update(lease: Lease, state: LeaseState, expiresAt: number): void {
    lease.state = state;
    lease.expiresAt = expiresAt;
    if (state === 'declined' && this.#byClient.get(lease.clientKey) === lease)
      this.#byClient.delete(lease.clientKey);
    this.#store(lease);
  }

  /** Drops an offer the client did not take (it chose another server). */
  dropOffer(lease: Lease): void {
    if (lease.state !== 'offered' || this.#byAddress.get(lease.addressNumber) !== lease) return;
    this.#byAddress.delete(lease.addressNumber);
    if (this.#byClient.get(lease.clientKey) === lease) this.#byClient.delete(lease.clientKey);
  }

  /** Marks every lease past its end: bound -> expired, declined -> expired, offers dropped. Returns the changed leases. */
  expire(now: number): Lease[] {
    const changed: Lease[] = [];
    for (const lease of this.#byAddress.values()) {
      if (lease.expiresAt > now) continue;
      if (lease.state === 'offered') {
        this.dropOffer(lease);
        changed.push(lease);
      } else if (lease.state === 'bound' || lease.state === 'declined') {
        lease.state = 'expired';
        this.#store(lease);
        changed.push(lease);
      }
    }
    return changed;
  }

  /** Puts a lease read from the lease file back (restart). */
  restore(lease: Lease): void {
    const previous = this.#byAddress.get(lease.addressNumber);
    if (previous !== undefined && this.#byClient.get(previous.clientKey) === previous) {
      this.#byClient.delete(previous.clientKey);
    }
    this.#byAddress.set(lease.addressNumber, lease);
    if (lease.state !== 'declined') {
      const current = this.#byClient.get(lease.clientKey);
      if (current === undefined || current.startedAt <= lease.startedAt)
        this.#byClient.set(lease.clientKey, lease);
    }
    this.#store(lease);
  }

  /** Copies of every lease, for callers that must not change the table. */
  snapshot(): Lease[] {
    return [...this.#byAddress.values()].map((lease) => ({ ...lease }));
  }

  /** The durable leases as JSON lines (one per lease, in address order of first insertion). */
  serializedLines(): IterableIterator<string> {
    return this.#lines.values();
  }

  #retire(lease: Lease): void {
    if (lease.state === 'offered') {
      this.dropOffer(lease);
    } else if (lease.state === 'bound') {
      lease.state = 'released';
      this.#store(lease);
    }
  }

  #store(lease: Lease): void {
    if (this.#byAddress.get(lease.addressNumber) !== lease) return;
    if (isDurable(lease)) this.#lines.set(lease.addressNumber, serializeLease(lease));
    else this.#lines.delete(lease.addressNumber);
  }
}

export function serializeLease(lease: Lease): string {
  return JSON.stringify({
    address: lease.address,
    client: lease.clientKey,
    mac: lease.mac,
    ...(lease.hostname === undefined ? {} : { hostname: lease.hostname }),
    state: lease.state,
    start: new Date(lease.startedAt).toISOString(),
    end: new Date(lease.expiresAt).toISOString(),
  });
}
