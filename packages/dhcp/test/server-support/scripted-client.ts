/**
 * A scripted DHCP client for server tests: builds requests field by field (so tests can send what a real
 * client would not) and collects the server's replies from its side of a link.
 */
import type { Link } from '@wirecraft/capture';
import {
  BROADCAST_IP,
  BROADCAST_MAC,
  composeDhcpFrame,
  type DhcpMessage,
  DHCP_MESSAGE_TYPE,
  emptyMessage,
  ipv4Bytes,
  OPTION,
  parseDhcpFrame,
  type ReceivedDhcp,
  setOption,
  textBytes,
} from '../../src/wire.js';

export type MessageTypeName = keyof typeof DHCP_MESSAGE_TYPE;

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
  const message = emptyMessage(1);
  message.xid = fields.xid ?? nextXid++;
  message.chaddr = fields.mac;
  message.flags = fields.flags ?? 0;
  if (fields.ciaddr !== undefined) message.ciaddr = fields.ciaddr;
  if (fields.giaddr !== undefined) {
    message.giaddr = fields.giaddr;
    message.hops = 1;
  }
  setOption(message, OPTION.MESSAGE_TYPE, Uint8Array.of(DHCP_MESSAGE_TYPE[type]));
  if (fields.clientId !== undefined) setOption(message, OPTION.CLIENT_ID, fields.clientId);
  if (fields.requested !== undefined)
    setOption(message, OPTION.REQUESTED_ADDRESS, ipv4Bytes(fields.requested));
  if (fields.serverId !== undefined) setOption(message, OPTION.SERVER_ID, ipv4Bytes(fields.serverId));
  if (fields.hostname !== undefined) setOption(message, OPTION.HOSTNAME, textBytes(fields.hostname));
  if (fields.leaseTime !== undefined) {
    setOption(message, OPTION.LEASE_TIME, Uint8Array.of(0, 0, fields.leaseTime >> 8, fields.leaseTime & 255));
  }
  if (fields.prl !== undefined)
    setOption(message, OPTION.PARAMETER_REQUEST_LIST, Uint8Array.from(fields.prl));
  for (const option of fields.extra ?? []) setOption(message, option.code, option.data);
  return message;
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
