/**
 * A scripted DHCP client for server tests: builds requests field by field (so tests can send what a real
 * client would not) and collects the server's replies from its side of a link.
 */
import type { Link } from '@wirecraft/capture';
import {
  type DhcpMessageTypeName,
  type DhcpOptionItem,
  DhcpOptionList,
  encodedLength,
  encodeOptions,
  messageTypeCode,
} from '@wirecraft/packet';
import {
  BROADCAST_IP,
  BROADCAST_MAC,
  composeDhcpFrame,
  createDhcpMessage,
  type DhcpMessage,
  parseDhcpFrame,
  type ReceivedDhcp,
} from '../../src/wire.js';

export type MessageTypeName = Uppercase<DhcpMessageTypeName>;

export interface RequestFields {
  mac: string;
  xid?: number;
  flags?: number;
  ciaddr?: string;
  giaddr?: string;
  requested?: string;
  serverId?: string;
  hostname?: string;
  clientId?: Uint8Array;
  prl?: number[];
  leaseTime?: number;
  /** Extra options as raw bytes, e.g. option 82 from a relay. */
  extra?: { code: number; data: Uint8Array }[];
}

let nextXid = 0x1000;

export function request(type: MessageTypeName, fields: RequestFields): DhcpMessage {
  const options: DhcpOptionItem[] = [['message-type', type.toLowerCase() as DhcpMessageTypeName]];
  if (fields.clientId !== undefined) options.push(['client_id', fields.clientId]);
  if (fields.requested !== undefined) options.push(['requested_addr', fields.requested]);
  if (fields.serverId !== undefined) options.push(['server_id', fields.serverId]);
  if (fields.hostname !== undefined) options.push(['hostname', fields.hostname]);
  if (fields.leaseTime !== undefined) options.push(['lease_time', fields.leaseTime]);
  if (fields.prl !== undefined) options.push(['param_req_list', fields.prl]);
  // Raw bytes as sent: code, length, data (a relay's option 82 may be anything).
  for (const option of fields.extra ?? [])
    options.push(Uint8Array.of(option.code, option.data.length, ...option.data));
  return createDhcpMessage({
    op: 1,
    xid: fields.xid ?? nextXid++,
    chaddr: fields.mac,
    flags: fields.flags ?? 0,
    ciaddr: fields.ciaddr,
    giaddr: fields.giaddr,
    hops: fields.giaddr === undefined ? 0 : 1,
    options,
  });
}

/** Option 53 as its code (2 OFFER, 5 ACK, 6 NAK), undefined when absent. */
export function typeCodeOf(received: { message: DhcpMessage }): number | undefined {
  const type = received.message.messageType;
  return type === undefined ? undefined : messageTypeCode(type);
}

/** An option's data bytes as the registry encodes the entry the message holds (to compare what went on the wire). */
export function optionData(message: DhcpMessage, code: number): Uint8Array | undefined {
  const list = message.options;
  const at = list.codes.indexOf(code);
  if (at < 0) return undefined;
  const one = new DhcpOptionList([code], [list.values[at]], [list.kinds[at]]);
  const out = new Uint8Array(encodedLength(one));
  encodeOptions(one, out, 0);
  return out.subarray(2);
}

export class ScriptedClient {
  readonly #link: Link;
  readonly #replies: ReceivedDhcp[] = [];
  readonly #waiters: (() => void)[] = [];
  readonly #abort = new AbortController();
  readonly #loop: Promise<void>;

  constructor(link: Link) {
    this.#link = link;
    const frames = link.frames({ signal: this.#abort.signal });
    this.#loop = (async () => {
      for await (const frame of frames) {
        const received = parseDhcpFrame(frame);
        if (received === undefined || received.message.op !== 2) continue;
        this.#replies.push(received);
        for (const wake of this.#waiters.splice(0)) wake();
      }
    })();
  }

  /** Sends a request the way a client (or, with giaddr, a relay) would: from 0.0.0.0 or ciaddr, to broadcast or the relay port. */
  async send(
    message: DhcpMessage,
    from: { srcMac?: string; srcIp?: string; dstIp?: string } = {},
  ): Promise<void> {
    const relayed = message.giaddr !== '0.0.0.0';
    await this.#link.send(
      composeDhcpFrame({
        message,
        srcMac: from.srcMac ?? message.chaddr,
        dstMac: BROADCAST_MAC,
        srcIp: from.srcIp ?? (relayed ? message.giaddr : message.ciaddr),
        dstIp: from.dstIp ?? BROADCAST_IP,
        sport: relayed ? 67 : 68,
        dport: 67,
      }),
    );
  }

  /** The next reply with this xid; rejects after `timeoutMs` (a generous bound, never an assertion on speed). */
  async reply(xid: number, timeoutMs = 10_000): Promise<ReceivedDhcp> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.#replies.findIndex((r) => r.message.xid === xid);
      if (index >= 0) return this.#replies.splice(index, 1)[0];
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no reply with xid 0x${xid.toString(16)} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Sends and waits for the answer. */
  async exchange(
    message: DhcpMessage,
    from?: { srcMac?: string; srcIp?: string; dstIp?: string },
  ): Promise<ReceivedDhcp> {
    const reply = this.reply(message.xid);
    await this.send(message, from);
    return reply;
  }

  /** Replies received and not yet taken. */
  get unread(): readonly ReceivedDhcp[] {
    return this.#replies;
  }

  async close(): Promise<void> {
    this.#abort.abort();
    await this.#loop;
  }
}
