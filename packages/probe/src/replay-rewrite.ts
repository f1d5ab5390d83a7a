import { BOOTP, DHCP, Ether, IP, type Packet, randomMac, randomXid, UDP } from '@wirecraft/packet';

export interface ReplayRewriteOptions {
  /** A fresh xid per recorded xid (the same recorded xid always maps to the same fresh one). */
  rewriteXid?: boolean;
  /** A fresh locally administered MAC per recorded client MAC: chaddr, Ether source, client id type 1. */
  rewriteChaddr?: boolean;
}

const UNSPECIFIED = '0.0.0.0';

function chaddrMac(bootp: { hlen: number; chaddr: Uint8Array }): string | undefined {
  if (bootp.hlen !== 6) return undefined;
  return Array.from(bootp.chaddr.subarray(0, 6), (b) => b.toString(16).padStart(2, '0')).join(':');
}

function clientIdMac(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { type, id } = value as { type?: unknown; id?: unknown };
  return type === 1 && typeof id === 'string' ? id : undefined;
}

/**
 * Turns recorded client messages into ones the live server can answer, and live answers back into the
 * recorded identities so they compare field by field.
 *
 * Besides the asked-for xid/chaddr rewrites, a later message that names what the recorded server answered
 * (server_id, requested_addr, ciaddr, a unicast destination) is made to name what the live server answered
 * instead: a recorded REQUEST for the recorded OFFER becomes a REQUEST for the live OFFER. Every change is
 * reported, none is silent.
 */
export class ReplayRewriter {
  private readonly xids = new Map<number, number>();
  private readonly macs = new Map<string, string>();
  private readonly macsBack = new Map<string, string>();
  private readonly xidsBack = new Map<number, number>();
  /** Recorded server-side address -> live one (server ids, offered addresses, reply sources). */
  private readonly addresses = new Map<string, string>();
  /** Recorded server MAC -> live server MAC. */
  private readonly serverMacs = new Map<string, string>();

  constructor(private readonly options: ReplayRewriteOptions = {}) {}

  private freshXid(recorded: number): number {
    let fresh = this.xids.get(recorded);
    if (fresh === undefined) {
      do fresh = randomXid();
      while (this.xidsBack.has(fresh));
      this.xids.set(recorded, fresh);
      this.xidsBack.set(fresh, recorded);
    }
    return fresh;
  }

  private freshMac(recorded: string): string {
    let fresh = this.macs.get(recorded);
    if (fresh === undefined) {
      do fresh = randomMac();
      while (this.macsBack.has(fresh));
      this.macs.set(recorded, fresh);
      this.macsBack.set(fresh, recorded);
    }
    return fresh;
  }

  private mapAddress(
    recorded: string,
    what: string,
    notes: string[],
    set: (address: string) => void,
  ): boolean {
    if (recorded === UNSPECIFIED) return false;
    const live = this.addresses.get(recorded);
    if (live === undefined || live === recorded) return false;
    set(live);
    notes.push(`${what} ${recorded} → ${live} (as answered live)`);
    return true;
  }

  /** The message to send for a recorded client message; `notes` says what changed. */
  rewriteRequest(recorded: Packet): { packet: Packet; notes: string[] } {
    const packet = recorded.copy();
    const notes: string[] = [];
    let changed = false;
    const bootp = packet.layer(BOOTP);
    const ether = packet.get(Ether);
    const ip = packet.get(IP);
    const dhcp = packet.get(DHCP);
    if (this.options.rewriteXid) {
      const fresh = this.freshXid(bootp.xid);
      notes.push(`xid 0x${bootp.xid.toString(16)} → 0x${fresh.toString(16)}`);
      bootp.xid = fresh;
      changed = true;
    }
    const mac = chaddrMac(bootp);
    if (this.options.rewriteChaddr && mac !== undefined) {
      const fresh = this.freshMac(mac);
      bootp.setField('chaddr', fresh);
      if (ether?.src === mac) ether.src = fresh;
      if (dhcp && clientIdMac(dhcp.getOption('client_id')) === mac) {
        dhcp.setOption('client_id', { type: 1, id: fresh });
        notes.push(`chaddr and client_id ${mac} → ${fresh}`);
      } else {
        notes.push(`chaddr ${mac} → ${fresh}`);
      }
      changed = true;
    }
    changed =
      this.mapAddress(bootp.ciaddr, 'ciaddr', notes, (a) => {
        bootp.ciaddr = a;
      }) || changed;
    if (dhcp) {
      const serverId = dhcp.getOption('server_id');
      if (serverId !== undefined) {
        changed =
          this.mapAddress(serverId, 'server_id', notes, (a) => dhcp.setOption('server_id', a)) || changed;
      }
      const requested = dhcp.getOption('requested_addr');
      if (requested !== undefined) {
        changed =
          this.mapAddress(requested, 'requested_addr', notes, (a) => dhcp.setOption('requested_addr', a)) ||
          changed;
      }
    }
    if (ip) {
      changed =
        this.mapAddress(ip.src, 'IP.src', notes, (a) => {
          ip.src = a;
        }) || changed;
      changed =
        this.mapAddress(ip.dst, 'IP.dst', notes, (a) => {
          ip.dst = a;
        }) || changed;
    }
    if (ether) {
      const liveMac = this.serverMacs.get(ether.dst);
      if (liveMac !== undefined && liveMac !== ether.dst) {
        notes.push(`Ether.dst ${ether.dst} → ${liveMac} (as answered live)`);
        ether.dst = liveMac;
        changed = true;
      }
    }
    if (changed) {
      // Lengths and checksums were those of the recorded bytes: recompute them.
      if (ip) ip.setField('len', undefined).setField('chksum', undefined);
      packet.get(UDP)?.setField('len', undefined).setField('chksum', undefined);
    }
    return { packet: changed ? packet : recorded, notes };
  }

  /** Learns which live addresses stand for which recorded ones, from a pair of answers to the same message. */
  learn(recordedReply: Packet, liveReply: Packet): void {
    const pairs: [unknown, unknown][] = [
      [recordedReply.layer(BOOTP).yiaddr, liveReply.layer(BOOTP).yiaddr],
      [recordedReply.get(DHCP)?.getOption('server_id'), liveReply.get(DHCP)?.getOption('server_id')],
      [recordedReply.get(IP)?.src, liveReply.get(IP)?.src],
    ];
    for (const [recorded, live] of pairs) {
      if (
        typeof recorded === 'string' &&
        typeof live === 'string' &&
        recorded !== UNSPECIFIED &&
        live !== UNSPECIFIED
      ) {
        this.addresses.set(recorded, live);
      }
    }
    const recordedMac = recordedReply.get(Ether)?.src;
    const liveMac = liveReply.get(Ether)?.src;
    if (recordedMac !== undefined && liveMac !== undefined) this.serverMacs.set(recordedMac, liveMac);
  }

  /** A copy of a live answer with the rewritten xid/chaddr (and their echoes) put back to the recorded ones. */
  restoreReply(live: Packet): Packet {
    if (!this.options.rewriteXid && !this.options.rewriteChaddr) return live;
    const packet = live.copy();
    const bootp = packet.layer(BOOTP);
    const xid = this.xidsBack.get(bootp.xid);
    if (xid !== undefined) bootp.xid = xid;
    const mac = chaddrMac(bootp);
    const recordedMac = mac === undefined ? undefined : this.macsBack.get(mac);
    if (recordedMac !== undefined) bootp.setField('chaddr', recordedMac);
    const ether = packet.get(Ether);
    if (ether) {
      const dst = this.macsBack.get(ether.dst);
      if (dst !== undefined) ether.dst = dst;
    }
    const dhcp = packet.get(DHCP);
    const echoed = clientIdMac(dhcp?.getOption('client_id'));
    const recordedId = echoed === undefined ? undefined : this.macsBack.get(echoed);
    if (dhcp && recordedId !== undefined) dhcp.setOption('client_id', { type: 1, id: recordedId });
    return packet;
  }
}
