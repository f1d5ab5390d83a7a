/**
 * The RFC 2131 client state machine over any Link. One receive loop feeds the exchange in progress;
 * every exchange is "send, wait with randomized exponential backoff, retransmit" (§4.1) with a reply
 * filter, so DORA, renew, rebind, reboot and inform share one retransmission path.
 */
import type { Link } from '@wirecraft/capture';
import { type DhcpMessageTypeName, type DhcpOptionItem, optionCode } from '@wirecraft/packet';
import { EventHub, messageEvent } from '../events.js';
import { EngineTime, OperationAbortedError } from '../time.js';
import { BROADCAST_FLAG, BROADCAST_IP, BROADCAST_MAC, ZERO_IP } from '../wire/dhcp-constants.js';
import { composeDhcpFrame, dhcpPacket, type ReceivedDhcp } from '../wire/dhcp-frame.js';
import { createDhcpMessage, type DhcpMessage } from '../wire/dhcp-message.js';
import { dhcpMessages } from '../wire/dhcp-receive.js';
import { messageTypeLabel, summarizeMessage } from '../wire/message-summary.js';
import { probeAddress } from './arp-probe.js';
import { runArpResponder } from './arp-responder.js';
import { retransmitDelay } from './backoff.js';
import { AddressInUseError, ClientStateError, NakError, NoResponseError } from './client-errors.js';
import type { DhcpClientEvent } from './client-events.js';
import {
  type DhcpClientOptions,
  type ResolvedClientOptions,
  resolveClientOptions,
} from './client-options.js';
import type { ClientState } from './client-state.js';
import { type DhcpLease, INFINITE_LEASE, leaseFromAck } from './lease.js';
import { choiceIsFinal, chooseOffer, type DhcpOffer, offerFrom } from './offer-selection.js';

/** What a request carries besides the fields every message of the exchange shares. */
interface RequestShape {
  secs: number;
  ciaddr?: string;
  flags?: number;
  /** Options after message-type and client_id, in wire order. */
  options: DhcpOptionItem[];
  /** Adds hostname, vendor class, the PRL, the maximum message size and extraOptions (not on RELEASE/DECLINE). */
  parameters?: boolean;
}

/** An ACK or a NAK: what REQUESTING, REBOOTING, RENEWING and REBINDING wait for. */
function isAckOrNak(received: ReceivedDhcp): boolean {
  const type = received.message.messageType;
  return type === 'ack' || type === 'nak';
}

interface Outgoing {
  message: DhcpMessage;
  srcIp: string;
  dstIp: string;
  dstMac: string;
}

interface ExchangeControl<T> {
  settle(value: T): void;
  fail(error: Error): void;
  /** Stops retransmitting (e.g. while an offer window runs); the exchange then ends only by settle/fail. */
  holdRetransmit(): void;
}

interface ExchangeSpec<T> {
  operation: string;
  build(secs: number): Outgoing;
  onReply(received: ReceivedDhcp, control: ExchangeControl<T>): void;
  /** Per-attempt wait in RFC ms; default: the §4.1 backoff. */
  waitFor?(attempt: number): number;
  maxAttempts?: number;
}

export class DhcpClient {
  readonly link: Link;
  readonly time: EngineTime;
  readonly #options: DhcpClientOptions;
  readonly #config: ResolvedClientOptions;
  readonly #hub = new EventHub<DhcpClientEvent>();
  readonly #abort = new AbortController();
  #state: ClientState = 'INIT';
  #lease: DhcpLease | undefined;
  /** The address an INFORM in progress is about: ours for ARP until the ACK is in. */
  #informAddress: string | undefined;
  #xid: number;
  #onReply: ((received: ReceivedDhcp) => void) | undefined;
  readonly #pump: Promise<void>;
  readonly #arpResponder: Promise<void> | undefined;

  constructor(options: DhcpClientOptions) {
    this.#config = resolveClientOptions(options);
    this.#options = options;
    this.link = options.link;
    this.time = new EngineTime({ timeScale: options.timeScale, clock: options.clock });
    this.#xid = options.xid ?? randomXid();
    // Registered now, before anything is sent, so no reply can slip past.
    const replies = dhcpMessages(this.link, { signal: this.#abort.signal });
    this.#pump = this.#receiveLoop(replies);
    this.#arpResponder = this.#config.answerArp ? this.#startArpResponder() : undefined;
  }

  get state(): ClientState {
    return this.#state;
  }

  get lease(): DhcpLease | undefined {
    return this.#lease;
  }

  get xid(): number {
    return this.#xid;
  }

  on(listener: (event: DhcpClientEvent) => void): () => void {
    return this.#hub.on(listener);
  }

  events(options?: { signal?: AbortSignal; queueCapacity?: number }): AsyncIterableIterator<DhcpClientEvent> {
    return this.#hub.events(options);
  }

  /** Full DORA from INIT. Resolves with the lease once BOUND. */
  async obtain(): Promise<DhcpLease> {
    this.#assertRunning('obtain');
    let naks = 0;
    for (;;) {
      this.#setState('INIT');
      this.#xid = naks === 0 && this.#options.xid !== undefined ? this.#options.xid : randomXid();
      const offer = await this.#select();
      this.#setState('REQUESTING');
      const started = this.time.elapsed();
      const outcome = await this.#exchange<ReceivedDhcp>({
        operation: 'DHCPREQUEST (REQUESTING)',
        build: (secs) => this.#request({ secs, requested: offer.address, serverId: offer.serverId }),
        onReply: (received, control) => {
          if (!this.#fromServer(received, offer.serverId)) return;
          if (isAckOrNak(received)) control.settle(received);
        },
      });
      if (outcome.message.messageType === 'nak') {
        this.#nak(outcome);
        if (++naks > this.#config.maxNaks) {
          throw new NakError('DHCPREQUEST', offer.serverId, outcome.message.option('error_message'));
        }
        continue;
      }
      const lease = leaseFromAck(outcome.message, outcome.srcMac, started, offer.serverId ?? outcome.srcIp);
      if (this.#config.arpProbes > 0) {
        const owner = await probeAddress(this, lease.address, this.#config.arpProbes, this.#config.arpWaitMs);
        if (owner) {
          this.#hub.emit({
            type: 'arp-conflict',
            time: this.time.elapsed(),
            address: lease.address,
            ownerMac: owner,
          });
          this.#lease = lease;
          await this.decline();
          throw new AddressInUseError(lease.address, owner);
        }
      }
      return this.#bind(lease, 'obtained');
    }
  }

  /** RENEWING: unicast REQUEST with ciaddr to the server that granted the lease. */
  async renew(): Promise<DhcpLease> {
    const lease = this.#requireLease('renew');
    this.#setState('RENEWING');
    return this.#extend(lease, 'renewed', {
      srcIp: lease.address,
      dstIp: lease.serverId,
      dstMac: lease.serverMac,
      operation: 'DHCPREQUEST (RENEWING)',
    });
  }

  /** REBINDING: broadcast REQUEST with ciaddr, any server may answer. */
  async rebind(): Promise<DhcpLease> {
    const lease = this.#requireLease('rebind');
    this.#setState('REBINDING');
    return this.#extend(lease, 'rebound', {
      srcIp: lease.address,
      dstIp: BROADCAST_IP,
      dstMac: BROADCAST_MAC,
      operation: 'DHCPREQUEST (REBINDING)',
    });
  }

  /** INIT-REBOOT: asks to keep a previously held address (REQUEST with option 50, no server id). */
  async reboot(address: string): Promise<DhcpLease> {
    this.#assertRunning('reboot');
    this.#setState('INIT-REBOOT');
    this.#xid = randomXid();
    this.#setState('REBOOTING');
    const started = this.time.elapsed();
    const reply = await this.#exchange<ReceivedDhcp>({
      operation: 'DHCPREQUEST (REBOOTING)',
      build: (secs) => this.#request({ secs, requested: address }),
      onReply: (received, control) => {
        if (isAckOrNak(received)) control.settle(received);
      },
    });
    if (reply.message.messageType === 'nak') {
      this.#nak(reply);
      throw new NakError(
        'DHCPREQUEST (INIT-REBOOT)',
        reply.message.option('server_id'),
        reply.message.option('error_message'),
      );
    }
    return this.#bind(leaseFromAck(reply.message, reply.srcMac, started, reply.srcIp), 'rebooted');
  }

  /** DHCPRELEASE to the server (no reply expected); the client returns to INIT. */
  async release(): Promise<void> {
    const lease = this.#requireLease('release');
    this.#xid = randomXid();
    const message = this.#message('release', {
      secs: 0,
      ciaddr: lease.address,
      flags: 0,
      options: [['server_id', lease.serverId]],
    });
    await this.#send({ message, srcIp: lease.address, dstIp: lease.serverId, dstMac: lease.serverMac });
    this.#lease = undefined;
    this.#hub.emit({ type: 'lease', time: this.time.elapsed(), kind: 'released', lease });
    this.#setState('INIT');
  }

  /** DHCPDECLINE of the current (or just acknowledged) address; the client returns to INIT. */
  async decline(): Promise<void> {
    const lease = this.#requireLease('decline');
    const message = this.#message('decline', {
      secs: 0,
      flags: 0,
      options: [
        ['requested_addr', lease.address],
        ['server_id', lease.serverId],
      ],
    });
    await this.#send({ message, srcIp: ZERO_IP, dstIp: BROADCAST_IP, dstMac: BROADCAST_MAC });
    this.#lease = undefined;
    this.#hub.emit({ type: 'lease', time: this.time.elapsed(), kind: 'declined', lease });
    this.#setState('INIT');
  }

  /** DHCPINFORM: configuration for an address configured by other means. Resolves with the ACK's options. */
  async inform(address: string): Promise<DhcpMessage> {
    this.#assertRunning('inform');
    const previous = this.#state;
    this.#setState('INFORMING');
    this.#xid = randomXid();
    this.#informAddress = address;
    try {
      const reply = await this.#exchange<ReceivedDhcp>({
        operation: 'DHCPINFORM',
        build: (secs) => {
          // §4.4.3: the server unicasts to ciaddr; we ask for broadcast because we have no IP stack.
          const message = this.#message('inform', {
            secs,
            ciaddr: address,
            options: [],
            parameters: true,
          });
          return { message, srcIp: address, dstIp: BROADCAST_IP, dstMac: BROADCAST_MAC };
        },
        onReply: (received, control) => {
          if (received.message.messageType === 'ack') control.settle(received);
        },
      });
      return reply.message;
    } finally {
      this.#informAddress = undefined;
      this.#setState(previous === 'INFORMING' ? 'INIT' : previous);
    }
  }

  /**
   * Stays bound: renews at T1 (retrying every half of the time left to T2, at least 60 s), rebinds at T2
   * (likewise until expiry), and on expiry reports the lease lost and resolves in INIT. Ends early,
   * resolving, when stop() is called.
   */
  async runBound(): Promise<void> {
    const signal = this.#abort.signal;
    try {
      for (;;) {
        const lease = this.#requireLease('runBound');
        if (lease.leaseTime === INFINITE_LEASE) {
          await new Promise<void>((resolve) =>
            signal.addEventListener('abort', () => resolve(), { once: true }),
          );
          return;
        }
        const t1 = lease.startedAt + this.time.scaled(lease.renewalTime * 1000);
        const t2 = lease.startedAt + this.time.scaled(lease.rebindingTime * 1000);
        const expiry = lease.startedAt + this.time.scaled(lease.leaseTime * 1000);
        await this.#sleepUntil(t1, signal);
        if (await this.#keepTrying('renew', lease, t2)) continue;
        if (await this.#keepTrying('rebind', lease, expiry)) continue;
        await this.#sleepUntil(expiry, signal);
        this.#lease = undefined;
        this.#hub.emit({ type: 'lease', time: this.time.elapsed(), kind: 'lost', lease });
        this.#setState('INIT');
        return;
      }
    } catch (error) {
      // stop() ends runBound normally, whichever step it interrupted.
      if (error instanceof OperationAbortedError || signal.aborted) return;
      throw error;
    }
  }

  /** Stops every exchange and the receive loop; idempotent. Does not close the link. */
  async stop(): Promise<void> {
    if (this.#abort.signal.aborted) return;
    this.#abort.abort();
    this.#setState('STOPPED');
    await this.#pump;
    await this.#arpResponder;
    this.#hub.close();
  }

  /** @internal for the ARP probe: sends a raw frame on our link. */
  sendRaw(frame: Uint8Array): Promise<void> {
    return this.link.send(frame);
  }

  /** @internal */
  get mac(): string {
    return this.#config.mac;
  }

  /** @internal */
  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  #startArpResponder(): Promise<void> {
    return runArpResponder({
      link: this.link,
      mac: this.#config.mac,
      signal: this.#abort.signal,
      answeringFor: () => {
        const state = this.#state;
        // §4.3.5: the INFORM ACK goes to ciaddr, which a server's kernel (dnsmasq's) must resolve by ARP.
        if (state === 'INFORMING') return this.#informAddress;
        return state === 'BOUND' || state === 'RENEWING' || state === 'REBINDING'
          ? this.#lease?.address
          : undefined;
      },
      answered: (request) =>
        this.#hub.emit({
          type: 'arp-answered',
          time: this.time.elapsed(),
          address: request.targetIp,
          askerMac: request.senderMac,
          askerIp: request.senderIp,
        }),
      failed: (error) => this.#hub.emit({ type: 'error', time: this.time.elapsed(), error }),
    });
  }

  async #keepTrying(kind: 'renew' | 'rebind', lease: DhcpLease, deadline: number): Promise<boolean> {
    const signal = this.#abort.signal;
    this.#setState(kind === 'renew' ? 'RENEWING' : 'REBINDING');
    while (this.time.elapsed() < deadline) {
      const remainingRfc = (deadline - this.time.elapsed()) / this.time.timeScale;
      const wait = Math.min(remainingRfc, Math.max(60_000, remainingRfc / 2));
      try {
        await this.#extend(
          lease,
          kind === 'renew' ? 'renewed' : 'rebound',
          kind === 'renew'
            ? {
                srcIp: lease.address,
                dstIp: lease.serverId,
                dstMac: lease.serverMac,
                operation: 'DHCPREQUEST (RENEWING)',
              }
            : {
                srcIp: lease.address,
                dstIp: BROADCAST_IP,
                dstMac: BROADCAST_MAC,
                operation: 'DHCPREQUEST (REBINDING)',
              },
          { maxAttempts: 1, waitFor: () => wait },
        );
        return true;
      } catch (error) {
        if (error instanceof NoResponseError) continue;
        if (error instanceof NakError) {
          this.#hub.emit({ type: 'lease', time: this.time.elapsed(), kind: 'lost', lease });
          throw error;
        }
        throw error;
      }
    }
    if (signal.aborted) throw new OperationAbortedError('runBound');
    return false;
  }

  async #extend(
    lease: DhcpLease,
    kind: 'renewed' | 'rebound',
    route: { srcIp: string; dstIp: string; dstMac: string; operation: string },
    retry: { maxAttempts?: number; waitFor?: (attempt: number) => number } = {},
  ): Promise<DhcpLease> {
    this.#xid = randomXid();
    const started = this.time.elapsed();
    const reply = await this.#exchange<ReceivedDhcp>({
      operation: route.operation,
      ...retry,
      build: (secs) => {
        // §4.4.5: the server can reach us at ciaddr; no broadcast flag needed, but we have no IP stack.
        const message = this.#message('request', {
          secs,
          ciaddr: lease.address,
          options: [],
          parameters: true,
        });
        return { message, srcIp: route.srcIp, dstIp: route.dstIp, dstMac: route.dstMac };
      },
      onReply: (received, control) => {
        if (isAckOrNak(received)) control.settle(received);
      },
    });
    if (reply.message.messageType === 'nak') {
      this.#nak(reply);
      throw new NakError(
        route.operation,
        reply.message.option('server_id'),
        reply.message.option('error_message'),
      );
    }
    return this.#bind(leaseFromAck(reply.message, reply.srcMac, started, lease.serverId), kind);
  }

  async #select(): Promise<DhcpOffer> {
    this.#setState('SELECTING');
    const offers: DhcpOffer[] = [];
    const { offerWindow, policy, offersEnough } = this.#config;
    let windowTimer: (() => void) | undefined;
    try {
      return await this.#exchange<DhcpOffer>({
        operation: 'DHCPDISCOVER',
        build: (secs) => {
          const requested = this.#config.requestedAddress;
          const message = this.#message('discover', {
            secs,
            options: requested ? [['requested_addr', requested]] : [],
            parameters: true,
          });
          return { message, srcIp: ZERO_IP, dstIp: BROADCAST_IP, dstMac: BROADCAST_MAC };
        },
        onReply: (received, control) => {
          if (received.message.messageType !== 'offer') return;
          const offer = offerFrom(received, this.time.elapsed());
          offers.push(offer);
          this.#hub.emit({ type: 'offer', time: offer.time, offer, count: offers.length });
          const decide = () => {
            const chosen = chooseOffer(offers, policy);
            if (chosen) {
              this.#hub.emit({
                type: 'offer-chosen',
                time: this.time.elapsed(),
                offer: chosen,
                among: offers.length,
              });
              control.settle(chosen);
            }
          };
          if (offersEnough !== undefined && offers.length >= offersEnough && chooseOffer(offers, policy)) {
            decide();
            return;
          }
          if (offerWindow === 0 || choiceIsFinal(offers, policy)) {
            if (offerWindow === 0 || policy === 'first' || choiceIsFinal(offers, policy)) decide();
            return;
          }
          if (!windowTimer) {
            control.holdRetransmit();
            windowTimer = this.time.after(offerWindow, () => {
              const chosen = chooseOffer(offers, policy);
              if (chosen) decide();
              else
                control.fail(
                  new NoResponseError('DHCPDISCOVER (no offer matched the policy)', 1, [offers[0].time]),
                );
            });
          }
        },
      });
    } finally {
      windowTimer?.();
    }
  }

  #exchange<T>(spec: ExchangeSpec<T>): Promise<T> {
    const signal = this.#abort.signal;
    const maxAttempts = spec.maxAttempts ?? this.#config.maxAttempts;
    const waitFor = spec.waitFor ?? ((attempt: number) => retransmitDelay(attempt, this.#options.backoff));
    const begin = this.time.clock.now();
    const sentAt: number[] = [];
    return new Promise<T>((resolve, reject) => {
      let cancelTimer: (() => void) | undefined;
      let done = false;
      let held = false;
      let lastWait = 0;
      const finish = () => {
        done = true;
        cancelTimer?.();
        this.#onReply = undefined;
        signal.removeEventListener('abort', onAbort);
      };
      const control: ExchangeControl<T> = {
        settle: (value) => {
          if (done) return;
          finish();
          resolve(value);
        },
        fail: (error) => {
          if (done) return;
          finish();
          reject(error);
        },
        holdRetransmit: () => {
          held = true;
          cancelTimer?.();
        },
      };
      const onAbort = () => control.fail(new OperationAbortedError(spec.operation));
      signal.addEventListener('abort', onAbort, { once: true });
      const attempt = () => {
        if (done || held) return;
        const number = sentAt.length + 1;
        const outgoing = spec.build(this.time.rfcSecondsSince(begin));
        sentAt.push(this.time.elapsed());
        if (number > 1) {
          this.#hub.emit({
            type: 'retransmit',
            time: this.time.elapsed(),
            messageType: messageTypeLabel(outgoing.message.messageType),
            attempt: number,
            waitedMs: lastWait,
          });
          // A 'retransmit' listener may have stopped the client.
          if (done) return;
        }
        // Armed before sending: a 'sent' listener may stop the client, and finish() must find this timer.
        lastWait = waitFor(number);
        cancelTimer = this.time.after(lastWait, () => {
          if (number >= maxAttempts) control.fail(new NoResponseError(spec.operation, number, sentAt));
          else attempt();
        });
        this.#send(outgoing).catch((error: Error) => control.fail(error));
      };
      this.#onReply = (received) => spec.onReply(received, control);
      if (signal.aborted) onAbort();
      else attempt();
    });
  }

  async #receiveLoop(replies: AsyncIterableIterator<ReceivedDhcp>): Promise<void> {
    try {
      for await (const received of replies) {
        const m = received.message;
        if (m.op !== 2 || m.chaddr !== this.#config.mac) continue;
        if (this.#hub.active) {
          this.#hub.emit(
            messageEvent(
              'received',
              this.time.elapsed(),
              summarizeMessage(m, received),
              m,
              () => received.packet,
            ),
          );
        }
        if (m.xid === this.#xid) this.#onReply?.(received);
      }
    } catch (error) {
      if (!this.#abort.signal.aborted) {
        this.#hub.emit({ type: 'error', time: this.time.elapsed(), error: error as Error });
      }
    }
  }

  async #send(outgoing: Outgoing): Promise<void> {
    const params = {
      message: outgoing.message,
      srcMac: this.#config.mac,
      dstMac: outgoing.dstMac,
      srcIp: outgoing.srcIp,
      dstIp: outgoing.dstIp,
    };
    const frame = composeDhcpFrame(params);
    if (this.#hub.active) {
      const summary = summarizeMessage(outgoing.message, { ...params, srcMac: params.srcMac });
      this.#hub.emit(
        messageEvent('sent', this.time.elapsed(), summary, outgoing.message, () => dhcpPacket(params)),
      );
    }
    await this.link.send(frame);
  }

  #message(type: DhcpMessageTypeName, shape: RequestShape): DhcpMessage {
    const items: DhcpOptionItem[] = [
      ['message-type', type],
      ['client_id', this.#config.clientId],
      ...shape.options,
    ];
    if (shape.parameters) {
      if (this.#options.hostname) items.push(['hostname', this.#options.hostname]);
      if (this.#options.vendorClass) items.push(['vendor_class_id', this.#options.vendorClass]);
      items.push(['param_req_list', [...this.#config.paramReqList]], ['max_dhcp_size', 1500]);
      for (const extra of this.#options.extraOptions ?? []) {
        // The caller's raw option (code, length, data) replaces ours of the same code where it stands.
        const entry = new Uint8Array(2 + extra.data.length);
        entry[0] = extra.code;
        entry[1] = extra.data.length;
        entry.set(extra.data, 2);
        const at = items.findIndex((item) => Array.isArray(item) && codeOf(item[0]) === extra.code);
        if (at >= 0) items[at] = entry;
        else items.push(entry);
      }
    }
    return createDhcpMessage({
      op: 1,
      xid: this.#xid,
      secs: shape.secs,
      chaddr: this.#config.mac,
      ciaddr: shape.ciaddr,
      flags: shape.flags ?? (this.#config.broadcast ? BROADCAST_FLAG : 0),
      options: items,
    });
  }

  #request(args: { secs: number; requested: string; serverId?: string | undefined }): Outgoing {
    const options: DhcpOptionItem[] = [['requested_addr', args.requested]];
    if (args.serverId) options.push(['server_id', args.serverId]);
    const message = this.#message('request', { secs: args.secs, options, parameters: true });
    return { message, srcIp: ZERO_IP, dstIp: BROADCAST_IP, dstMac: BROADCAST_MAC };
  }

  #fromServer(received: ReceivedDhcp, serverId: string | undefined): boolean {
    if (!serverId) return true;
    const id = received.message.option('server_id');
    return id === undefined || id === serverId;
  }

  #bind(lease: DhcpLease, kind: 'obtained' | 'renewed' | 'rebound' | 'rebooted'): DhcpLease {
    this.#lease = lease;
    this.#setState('BOUND');
    this.#hub.emit({ type: 'lease', time: this.time.elapsed(), kind, lease });
    return lease;
  }

  #nak(received: ReceivedDhcp): void {
    const event: { type: 'nak'; time: number; serverId?: string; text?: string } = {
      type: 'nak',
      time: this.time.elapsed(),
    };
    const serverId = received.message.option('server_id');
    if (serverId) event.serverId = serverId;
    const text = received.message.option('error_message');
    if (text) event.text = text;
    this.#hub.emit(event);
    this.#lease = undefined;
    this.#setState('INIT');
  }

  #setState(to: ClientState): void {
    const from = this.#state;
    if (from === to) return;
    if (from === 'STOPPED') return;
    this.#state = to;
    this.#hub.emit({ type: 'state', time: this.time.elapsed(), from, to });
  }

  #requireLease(operation: string): DhcpLease {
    this.#assertRunning(operation);
    if (!this.#lease)
      throw new ClientStateError(operation, this.#state, 'obtain() or reboot() a lease first');
    return this.#lease;
  }

  #assertRunning(operation: string): void {
    if (this.#abort.signal.aborted) throw new ClientStateError(operation, 'STOPPED', 'create a new client');
  }

  #sleepUntil(at: number, signal: AbortSignal): Promise<void> {
    const wait = at - this.time.elapsed();
    return this.time.sleep(Math.max(0, wait) / this.time.timeScale, signal, 'runBound');
  }
}

function codeOf(option: string | number): number | undefined {
  return typeof option === 'number' ? option : optionCode(option);
}

function randomXid(): number {
  return (Math.random() * 0x100000000) >>> 0;
}

export function createDhcpClient(options: DhcpClientOptions): DhcpClient {
  return new DhcpClient(options);
}
