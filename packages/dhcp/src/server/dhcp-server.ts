import { type Frame, type Link, listInterfaces } from '@wirecraft/capture';
import { type ClientId, DhcpOptionList, EntryKind, formatIpv4, readMac, toHex } from '@wirecraft/packet';
import { EventHub, type EventListener, type EventSource, messageEvent, type Unsubscribe } from '../events.js';
import { inSubnet, parseAddress } from '../leases/ipv4-range.js';
import { clientKeyOf, isFree, type Lease } from '../leases/lease.js';
import { LeaseFileWriter, readLeaseFile } from '../leases/lease-file.js';
import { LeaseTable } from '../leases/lease-table.js';
import { EngineTime } from '../time.js';
import { BROADCAST_FLAG, SERVER_PORT, ZERO_IP } from '../wire/dhcp-constants.js';
import { composeDhcpFrame, dhcpPacket, parseDhcpFrame, type ReceivedDhcp } from '../wire/dhcp-frame.js';
import { createDhcpMessage, type DhcpMessage } from '../wire/dhcp-message.js';
import { messageTypeLabel, summarizeMessage } from '../wire/message-summary.js';
import { formatServerEvent } from './format-server-event.js';
import { malformedReason } from './malformed-request.js';
import { replyAddressing } from './reply-addressing.js';
import {
  type DhcpServerOptions,
  type ResolvedPool,
  type ResolvedReservation,
  resolvePools,
  resolveReservations,
} from './server-config.js';
import { ServerStateError } from './server-errors.js';
import type { DhcpServerEvent, LeaseAction } from './server-events.js';

export interface DhcpServer extends EventSource<DhcpServerEvent> {
  /** Reads the lease file, opens the links' receive loops; resolves when every link is live. */
  start(): Promise<void>;
  /** Stops receiving, waits for replies and lease writes in flight. Does not close the links (the caller owns them). */
  stop(): Promise<void>;
  /** A copy of every lease the server knows, including released, expired and declined ones. */
  leases(): Lease[];
  readonly running: boolean;
  /** Lease file writes so far (each may carry many leases: group commit). */
  readonly leaseWrites: number;
}

/** Validates the options (throws DhcpConfigError naming the field) and returns a server that is not yet started. */
export function createDhcpServer(options: DhcpServerOptions): DhcpServer {
  return new DhcpServerEngine(options);
}

/** Option 61 as the hex of its wire bytes (type byte, then the identifier), as reservations name it. */
function hexOfClientId(clientId: ClientId | undefined): string | undefined {
  if (clientId === undefined) return undefined;
  const id = clientId.id;
  return toHex(Uint8Array.of(clientId.type)) + (typeof id === 'string' ? id.replaceAll(':', '') : toHex(id));
}

/** A locally administered MAC made from the server address (02:<address>:67) when the link has none. */
function derivedServerMac(serverId: number): string {
  const bytes = Uint8Array.of(
    0x02,
    serverId >>> 24,
    (serverId >>> 16) & 255,
    (serverId >>> 8) & 255,
    serverId & 255,
    0x67,
  );
  return readMac(bytes, 0);
}

/** A reply being assembled: BOOTP fields the handlers decide and the option list in wire order. */
interface ReplyDraft {
  readonly request: DhcpMessage;
  readonly yiaddr: string;
  ciaddr: string;
  flags: number;
  readonly options: DhcpOptionList;
}

interface Client {
  key: string;
  reservation: ResolvedReservation | undefined;
}

class DhcpServerEngine implements DhcpServer {
  readonly #options: DhcpServerOptions;
  readonly #serverId: string;
  readonly #serverIdNumber: number;
  readonly #pools: ResolvedPool[];
  readonly #reservationsById = new Map<string, ResolvedReservation>();
  readonly #reservationsByMac = new Map<string, ResolvedReservation>();
  readonly #reservations: ResolvedReservation[];
  readonly #table = new LeaseTable();
  readonly #hub = new EventHub<DhcpServerEvent>();
  readonly #time: EngineTime;
  readonly #writer: LeaseFileWriter | undefined;
  readonly #macs = new Map<Link, string>();
  readonly #inFlight = new Set<Promise<void>>();
  readonly #loops: Promise<void>[] = [];
  #abort: AbortController | undefined;
  #sweep: NodeJS.Timeout | undefined;
  #state: 'created' | 'running' | 'stopped' = 'created';

  constructor(options: DhcpServerOptions) {
    this.#options = options;
    this.#serverIdNumber = parseAddress('serverId', options.serverId);
    this.#serverId = formatIpv4(this.#serverIdNumber);
    this.#time = new EngineTime({ timeScale: options.timeScale });
    this.#pools = resolvePools(options.pools);
    this.#reservations = resolveReservations(options.reservations ?? [], this.#pools);
    for (const reservation of this.#reservations) {
      if (reservation.clientIdHex !== undefined)
        this.#reservationsById.set(reservation.clientIdHex, reservation);
      else if (reservation.mac !== undefined) this.#reservationsByMac.set(reservation.mac, reservation);
      this.#table.reserve(reservation.address, reservation.clientKey);
    }
    this.#writer =
      options.leaseFile === undefined
        ? undefined
        : new LeaseFileWriter(options.leaseFile, () => this.#table.serializedLines());
    if (options.log !== undefined) {
      const log = options.log;
      this.#hub.on((event) => log(formatServerEvent(event)));
    }
  }

  get running(): boolean {
    return this.#state === 'running';
  }

  get leaseWrites(): number {
    return this.#writer?.writes ?? 0;
  }

  on(listener: EventListener<DhcpServerEvent>): Unsubscribe {
    return this.#hub.on(listener);
  }

  events(options?: { signal?: AbortSignal; queueCapacity?: number }): AsyncIterableIterator<DhcpServerEvent> {
    return this.#hub.events(options);
  }

  leases(): Lease[] {
    return this.#table.snapshot();
  }

  async start(): Promise<void> {
    if (this.#state !== 'created') throw new ServerStateError('start', this.#state);
    this.#state = 'running';
    if (this.#options.leaseFile !== undefined) {
      for (const lease of await readLeaseFile(this.#options.leaseFile)) this.#table.restore(lease);
    }
    const interfaces = this.#options.serverMac === undefined ? listInterfaces() : [];
    for (const link of this.#options.links) {
      const mac =
        this.#options.serverMac ??
        interfaces.find((i) => i.name === link.name)?.mac ??
        derivedServerMac(this.#serverIdNumber);
      this.#macs.set(link, mac);
    }
    this.#abort = new AbortController();
    const signal = this.#abort.signal;
    for (const link of this.#options.links) {
      // frames() registers before ready resolves, so no request that arrives after start() is missed.
      const frames = link.frames({ signal });
      this.#loops.push(this.#receiveLoop(link, frames));
    }
    await Promise.all(this.#options.links.map((link) => link.ready));
    const shortestLease = Math.min(...this.#pools.map((pool) => pool.leaseTime));
    const period = Math.min(60_000, Math.max(5, this.#time.scaled((shortestLease * 1000) / 8)));
    this.#sweep = setInterval(() => this.#expire(), period);
    this.#sweep.unref();
    this.#emit({ type: 'state', state: 'started', leases: this.#table.size, time: this.#time.elapsed() });
  }

  async stop(): Promise<void> {
    if (this.#state !== 'running') return;
    this.#state = 'stopped';
    this.#abort?.abort();
    if (this.#sweep !== undefined) clearInterval(this.#sweep);
    await Promise.allSettled(this.#loops);
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
    this.#emit({ type: 'state', state: 'stopped', leases: this.#table.size, time: this.#time.elapsed() });
    this.#hub.close();
  }

  async #receiveLoop(link: Link, frames: AsyncIterableIterator<Frame>): Promise<void> {
    try {
      for await (const frame of frames) this.#receive(link, frame);
    } catch (error) {
      if (this.#state === 'running') this.#error(error, `receiving on ${link.name}`);
    }
  }

  #emit(event: DhcpServerEvent): void {
    this.#hub.emit(event);
  }

  #error(error: unknown, context: string): void {
    const wrapped = error instanceof Error ? error : new Error(String(error));
    this.#emit({ type: 'error', error: wrapped, context, time: this.#time.elapsed() });
  }

  #track(work: Promise<void>): void {
    this.#inFlight.add(work);
    work.finally(() => this.#inFlight.delete(work));
  }

  #receive(link: Link, frame: Frame): void {
    let received: ReceivedDhcp | undefined;
    try {
      received = parseDhcpFrame(frame);
      if (received === undefined) {
        const reason = malformedReason(frame.data);
        if (reason !== undefined) {
          this.#emit({
            type: 'malformed',
            reason,
            link: link.name,
            length: frame.data.length,
            time: this.#time.elapsed(),
          });
        }
        return;
      }
      if (received.dport !== SERVER_PORT) return;
      const message = received.message;
      const problem =
        message.op !== 1
          ? `op ${message.op} is not BOOTREQUEST (1)`
          : message.messageType === undefined
            ? 'no DHCP message type (option 53)'
            : message.htype !== 1 || message.hlen !== 6
              ? `htype ${message.htype}/hlen ${message.hlen}: only Ethernet clients (1/6) are served`
              : undefined;
      if (problem !== undefined) {
        this.#emit({
          type: 'malformed',
          reason: problem,
          link: link.name,
          length: frame.data.length,
          time: this.#time.elapsed(),
        });
        return;
      }
      if (this.#hub.active) {
        const event = received;
        this.#emit(
          messageEvent(
            'received',
            this.#time.elapsed(),
            summarizeMessage(message, event),
            message,
            () => event.packet,
          ),
        );
      }
      this.#handle(link, received);
    } catch (error) {
      this.#error(error, `handling a frame of ${frame.data.length} bytes on ${link.name}`);
    }
  }

  #handle(link: Link, request: ReceivedDhcp): void {
    const message = request.message;
    const type = message.messageType;
    const client = this.#identify(message);
    switch (type) {
      case 'discover':
        this.#discover(link, request, client);
        return;
      case 'request':
        this.#request(link, request, client);
        return;
      case 'decline':
        this.#decline(request, client);
        return;
      case 'release':
        this.#release(request, client);
        return;
      case 'inform':
        this.#inform(link, request);
        return;
      default:
        this.#ignore(message, `a client does not send ${messageTypeLabel(type)}`);
    }
  }

  #identify(message: DhcpMessage): Client {
    const clientIdHex = hexOfClientId(message.option('client_id'));
    const reservation =
      (clientIdHex === undefined ? undefined : this.#reservationsById.get(clientIdHex)) ??
      this.#reservationsByMac.get(message.chaddr);
    return { key: reservation?.clientKey ?? clientKeyOf(message.chaddr, clientIdHex), reservation };
  }

  #ignore(message: DhcpMessage, reason: string): void {
    this.#emit({
      type: 'ignored',
      reason,
      messageType: messageTypeLabel(message.messageType),
      chaddr: message.chaddr,
      xid: message.xid,
      time: this.#time.elapsed(),
    });
  }

  #leaseEvent(action: LeaseAction, lease: Lease): void {
    if (this.#hub.active)
      this.#emit({ type: 'lease', action, lease: { ...lease }, time: this.#time.elapsed() });
  }

  /** The pools serving the network the request came from: the relay's subnet, else the link's pools. */
  #networkPools(link: Link, message: DhcpMessage): ResolvedPool[] {
    if (message.giaddr !== ZERO_IP) {
      const giaddr = parseAddress('giaddr', message.giaddr);
      return this.#pools.filter((pool) => inSubnet(pool.subnet, giaddr));
    }
    const onLink = this.#pools.filter((pool) => pool.link === undefined || pool.link === link.name);
    const local = onLink.filter((pool) => inSubnet(pool.subnet, this.#serverIdNumber));
    return local.length > 0 ? local : onLink;
  }

  /** The pool an address may be leased from on this network: inside a range, or the client's reservation. */
  #poolFor(pools: readonly ResolvedPool[], address: number, client: Client): ResolvedPool | undefined {
    if (client.reservation?.address === address) return pools.find((pool) => inSubnet(pool.subnet, address));
    if (this.#table.reservedFor(address) !== undefined) return undefined;
    return pools.find((pool) => address >= pool.range.first && address <= pool.range.last);
  }

  #discover(link: Link, request: ReceivedDhcp, client: Client): void {
    const message = request.message;
    const pools = this.#networkPools(link, message);
    if (pools.length === 0) {
      this.#ignore(message, `no pool serves the network of giaddr ${message.giaddr}`);
      return;
    }
    const now = Date.now();
    const usable = (address: number | undefined): address is number =>
      address !== undefined &&
      this.#poolFor(pools, address, client) !== undefined &&
      this.#table.availableTo(address, client.key, now);
    let address: number | undefined;
    if (client.reservation !== undefined) {
      address = client.reservation.address;
      if (!usable(address)) {
        this.#ignore(
          message,
          `reserved address ${formatIpv4(address)} is not on this network or is held by another client`,
        );
        return;
      }
    } else {
      const requested = message.option('requested_addr');
      const requestedNumber =
        requested === undefined ? undefined : parseAddress('requested address', requested);
      const previous = this.#table.byClient(client.key)?.addressNumber;
      if (usable(requestedNumber)) address = requestedNumber;
      else if (usable(previous)) address = previous;
      else {
        for (const pool of pools) {
          address = this.#table.allocate(pool.range, client.key, now);
          if (address !== undefined) break;
        }
      }
    }
    if (address === undefined) {
      for (const pool of pools) {
        this.#emit({
          type: 'pool-exhausted',
          subnet: pool.subnet.text,
          range: `${formatIpv4(pool.range.first)}-${formatIpv4(pool.range.last)}`,
          chaddr: message.chaddr,
          time: this.#time.elapsed(),
        });
      }
      return;
    }
    const pool = this.#poolFor(pools, address, client)!;
    const existing = this.#table.byAddress(address);
    // A client that rediscovers keeps its binding: an offer must never demote a durable lease.
    if (!(existing?.clientKey === client.key && existing.state === 'bound' && existing.expiresAt > now)) {
      const lease = this.#table.set(address, {
        clientKey: client.key,
        mac: message.chaddr,
        hostname: this.#hostname(message, client),
        state: 'offered',
        startedAt: now,
        expiresAt: now + this.#time.scaled((this.#options.offerHold ?? 60) * 1000),
      });
      this.#leaseEvent('offered', lease);
    }
    const reply = this.#reply(message, 'offer', formatIpv4(address));
    this.#addLeaseOptions(reply, pool);
    this.#track(this.#send(link, request, reply, false));
  }

  #request(link: Link, request: ReceivedDhcp, client: Client): void {
    const message = request.message;
    const serverId = message.option('server_id');
    const requested = message.option('requested_addr');
    const now = Date.now();
    if (serverId !== undefined) {
      if (serverId !== this.#serverId) {
        const offer = this.#table.byClient(client.key);
        if (offer?.state === 'offered') {
          this.#table.dropOffer(offer);
          this.#leaseEvent('offer-withdrawn', offer);
        }
        this.#ignore(message, `the client chose server ${serverId}`);
        return;
      }
      if (requested === undefined) {
        this.#ignore(message, 'REQUEST in SELECTING state without a requested address (option 50)');
        return;
      }
      this.#acknowledge(link, request, client, parseAddress('requested address', requested), now);
      return;
    }
    if (requested !== undefined) {
      // INIT-REBOOT (RFC 2131 §4.3.2): the client asks to keep an address it had.
      if (message.ciaddr !== ZERO_IP) {
        this.#ignore(message, 'INIT-REBOOT REQUEST with ciaddr set (RFC 2131 §4.3.2 says it must be zero)');
        return;
      }
      const address = parseAddress('requested address', requested);
      const pools = this.#networkPools(link, message);
      if (!pools.some((pool) => inSubnet(pool.subnet, address))) {
        this.#nak(link, request, `${requested} is not on this network`);
        return;
      }
      const lease = this.#table.byAddress(address);
      if (lease !== undefined && lease.clientKey !== client.key && !isFree(lease, now)) {
        this.#nak(link, request, `${requested} is leased to another client`);
        return;
      }
      if (lease === undefined || lease.clientKey !== client.key) {
        const own = this.#table.byClient(client.key);
        if (own !== undefined) this.#nak(link, request, `this client's address is ${own.address}`);
        else if (client.reservation !== undefined)
          this.#nak(link, request, `this client's address is ${formatIpv4(client.reservation.address)}`);
        else
          this.#ignore(
            message,
            `no record of this client (INIT-REBOOT for ${requested}: silence, RFC 2131 §4.3.2)`,
          );
        return;
      }
      this.#acknowledge(link, request, client, address, now);
      return;
    }
    if (message.ciaddr !== ZERO_IP) {
      // RENEWING (unicast to us) or REBINDING (broadcast): extend the lease on ciaddr.
      const address = parseAddress('ciaddr', message.ciaddr);
      const lease = this.#table.byAddress(address);
      if (lease === undefined || (lease.clientKey !== client.key && isFree(lease, now))) {
        this.#ignore(message, `no record of a lease on ${message.ciaddr} (silence, RFC 2131 §4.3.2)`);
        return;
      }
      if (lease.clientKey !== client.key) {
        this.#nak(link, request, `${message.ciaddr} is leased to another client`);
        return;
      }
      this.#acknowledge(link, request, client, address, now);
      return;
    }
    this.#ignore(message, 'REQUEST without server id, requested address or ciaddr');
  }

  #acknowledge(link: Link, request: ReceivedDhcp, client: Client, address: number, now: number): void {
    const message = request.message;
    const pools = this.#networkPools(link, message);
    const pool = this.#poolFor(pools, address, client);
    if (pool === undefined) {
      this.#nak(link, request, `${formatIpv4(address)} is not in a pool of this network`);
      return;
    }
    if (client.reservation !== undefined && client.reservation.address !== address) {
      this.#nak(link, request, `this client's address is ${formatIpv4(client.reservation.address)}`);
      return;
    }
    if (!this.#table.availableTo(address, client.key, now)) {
      this.#nak(link, request, `${formatIpv4(address)} is not available`);
      return;
    }
    const existing = this.#table.byAddress(address);
    const action: LeaseAction =
      existing?.clientKey === client.key && existing.state === 'bound' && existing.expiresAt > now
        ? 'renewed'
        : 'bound';
    const leaseSeconds = this.#grantedLeaseTime(message, pool);
    const lease = this.#table.set(address, {
      clientKey: client.key,
      mac: message.chaddr,
      hostname: this.#hostname(message, client),
      state: 'bound',
      startedAt: now,
      expiresAt: now + this.#time.scaled(leaseSeconds * 1000),
    });
    this.#leaseEvent(action, lease);
    const reply = this.#reply(message, 'ack', formatIpv4(address));
    reply.ciaddr = message.ciaddr;
    this.#addLeaseOptions(reply, pool);
    this.#track(this.#durably(() => this.#send(link, request, reply, false)));
  }

  /** Runs `then` only after the lease table as it is now is on disk; without a lease file, at once. */
  async #durably(then: () => Promise<void>): Promise<void> {
    if (this.#writer !== undefined) {
      try {
        await this.#writer.commit();
      } catch (error) {
        // No ACK for a lease that may not survive a crash: the client retries and we try the write again.
        this.#error(error, `writing the lease file ${this.#writer.path}`);
        return;
      }
      if (this.#hub.active) {
        this.#emit({
          type: 'persisted',
          path: this.#writer.path,
          writes: this.#writer.writes,
          time: this.#time.elapsed(),
        });
      }
    }
    await then();
  }

  #nak(link: Link, request: ReceivedDhcp, reason: string): void {
    const reply = this.#reply(request.message, 'nak', ZERO_IP);
    reply.options.push(ERROR_MESSAGE, reason);
    if (request.message.giaddr !== ZERO_IP) reply.flags |= BROADCAST_FLAG;
    this.#echoRelayAgent(reply);
    this.#track(this.#send(link, request, reply, true));
  }

  #decline(request: ReceivedDhcp, client: Client): void {
    const message = request.message;
    const serverId = message.option('server_id');
    if (serverId !== undefined && serverId !== this.#serverId) {
      this.#ignore(message, `DECLINE addressed to server ${serverId}`);
      return;
    }
    const requested = message.option('requested_addr');
    const lease =
      requested === undefined
        ? undefined
        : this.#table.byAddress(parseAddress('requested address', requested));
    if (lease === undefined || lease.clientKey !== client.key) {
      this.#ignore(message, `DECLINE of ${requested ?? '(no option 50)'}, which this client does not hold`);
      return;
    }
    const quarantine = this.#time.scaled((this.#options.declineQuarantine ?? 600) * 1000);
    this.#table.update(lease, 'declined', Date.now() + quarantine);
    this.#leaseEvent('declined', lease);
    this.#track(this.#durably(async () => {}));
  }

  #release(request: ReceivedDhcp, client: Client): void {
    const message = request.message;
    const lease =
      message.ciaddr === ZERO_IP ? undefined : this.#table.byAddress(parseAddress('ciaddr', message.ciaddr));
    if (lease === undefined || lease.clientKey !== client.key || lease.state !== 'bound') {
      this.#ignore(message, `RELEASE of ${message.ciaddr}, which this client does not hold`);
      return;
    }
    this.#table.update(lease, 'released', Date.now());
    this.#leaseEvent('released', lease);
    this.#track(this.#durably(async () => {}));
  }

  #inform(link: Link, request: ReceivedDhcp): void {
    const message = request.message;
    if (message.ciaddr === ZERO_IP) {
      this.#ignore(message, 'INFORM without ciaddr');
      return;
    }
    const ciaddr = parseAddress('ciaddr', message.ciaddr);
    const pool =
      message.giaddr !== ZERO_IP
        ? this.#networkPools(link, message)[0]
        : this.#pools.find((p) => inSubnet(p.subnet, ciaddr));
    if (pool === undefined) {
      this.#ignore(message, `no pool serves ${message.ciaddr}`);
      return;
    }
    const reply = this.#reply(message, 'ack', ZERO_IP);
    reply.ciaddr = message.ciaddr;
    this.#addParameters(reply, pool);
    this.#echoRelayAgent(reply);
    this.#track(this.#send(link, request, reply, false));
  }

  #hostname(message: DhcpMessage, client: Client): string | undefined {
    if (client.reservation?.hostname !== undefined) return client.reservation.hostname;
    // REQUESTs often omit option 12 that the DISCOVER carried: keep the name the client gave before.
    return message.option('hostname') ?? this.#table.byClient(client.key)?.hostname;
  }

  #grantedLeaseTime(message: DhcpMessage, pool: ResolvedPool): number {
    const asked = message.option('lease_time');
    return asked !== undefined && asked > 0 && asked < pool.leaseTime ? asked : pool.leaseTime;
  }

  #reply(request: DhcpMessage, type: 'offer' | 'ack' | 'nak', yiaddr: string): ReplyDraft {
    const options = new DhcpOptionList();
    options.push(MESSAGE_TYPE, type);
    options.push(SERVER_ID, this.#serverId);
    echoOption(request.options, CLIENT_ID, options);
    return { request, yiaddr, ciaddr: ZERO_IP, flags: request.flags, options };
  }

  #addLeaseOptions(reply: ReplyDraft, pool: ResolvedPool): void {
    const lease = this.#grantedLeaseTime(reply.request, pool);
    const shortened = lease < pool.leaseTime;
    reply.options.push(LEASE_TIME, lease);
    reply.options.push(RENEWAL_TIME, shortened ? Math.floor(lease * 0.5) : pool.renewalTime);
    reply.options.push(REBINDING_TIME, shortened ? Math.floor(lease * 0.875) : pool.rebindingTime);
    this.#addParameters(reply, pool);
    this.#echoRelayAgent(reply);
  }

  /** The subnet mask always, then what the client asked for (PRL order) that the pool has; every pool option without a PRL. */
  #addParameters(reply: ReplyDraft, pool: ResolvedPool): void {
    const options = reply.options;
    const mask = pool.options.get(SUBNET_MASK)!;
    options.push(SUBNET_MASK, mask.value, mask.kind);
    const prl = reply.request.option('param_req_list');
    if (prl === undefined) {
      for (const [code, option] of pool.options)
        if (code !== SUBNET_MASK) options.push(code, option.value, option.kind);
      return;
    }
    for (const code of prl) {
      if (code === SUBNET_MASK) continue;
      const option = pool.options.get(code);
      if (option !== undefined && !options.codes.includes(code))
        options.push(code, option.value, option.kind);
    }
  }

  /** RFC 3046 §2.2: the relay agent information option goes back exactly as it came (malformed or not). */
  #echoRelayAgent(reply: ReplyDraft): void {
    echoOption(reply.request.options, RELAY_AGENT_INFORMATION, reply.options);
  }

  async #send(link: Link, request: ReceivedDhcp, draft: ReplyDraft, isNak: boolean): Promise<void> {
    draft.options.push(END, null);
    const reply = createDhcpMessage({
      op: 2,
      htype: request.message.htype,
      hlen: request.message.hlen,
      xid: request.message.xid,
      flags: draft.flags,
      ciaddr: draft.ciaddr,
      yiaddr: draft.yiaddr,
      giaddr: request.message.giaddr,
      chaddr: request.message.chaddr,
      options: draft.options,
    });
    const addressing = replyAddressing(request.message, reply, request.srcMac, isNak);
    const params = {
      message: reply,
      srcMac: this.#macs.get(link)!,
      dstMac: addressing.dstMac,
      srcIp: this.#serverId,
      dstIp: addressing.dstIp,
      sport: SERVER_PORT,
      dport: addressing.dport,
    };
    try {
      await link.send(composeDhcpFrame(params));
    } catch (error) {
      this.#error(
        error,
        `sending ${messageTypeLabel(reply.messageType)} to ${addressing.dstIp} on ${link.name}`,
      );
      return;
    }
    if (this.#hub.active) {
      this.#emit(
        messageEvent('sent', this.#time.elapsed(), summarizeMessage(reply, params), reply, () =>
          dhcpPacket(params),
        ),
      );
    }
  }

  #expire(): void {
    const changed = this.#table.expire(Date.now());
    let durable = false;
    for (const lease of changed) {
      if (lease.state === 'expired') {
        durable = true;
        this.#leaseEvent('expired', lease);
      } else this.#leaseEvent('offer-withdrawn', lease);
    }
    if (durable) this.#track(this.#durably(async () => {}));
  }
}

/**
 * Copies an option of the request into the reply exactly as it came (malformed or not), for the options
 * a server must return unaltered: client identifier (RFC 6842 §3) and relay agent information (RFC 3046).
 */
function echoOption(request: DhcpOptionList, code: number, reply: DhcpOptionList): void {
  const at = request.codes.indexOf(code);
  if (at < 0) return;
  const kind = request.kinds[at];
  // A split option's head holds the joined value; the encoder splits it again.
  reply.push(code, request.values[at], kind === EntryKind.split ? EntryKind.option : kind);
}

const SUBNET_MASK = 1;
const LEASE_TIME = 51;
const MESSAGE_TYPE = 53;
const SERVER_ID = 54;
const CLIENT_ID = 61;
const ERROR_MESSAGE = 56;
const RENEWAL_TIME = 58;
const REBINDING_TIME = 59;
const RELAY_AGENT_INFORMATION = 82;
const END = 255;
