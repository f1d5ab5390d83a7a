import {
  answers,
  BOOTP,
  DHCP,
  type DhcpOptionName,
  dissect,
  IP,
  type Packet,
  requireLayerType,
  UDP,
} from '@wirecraft/packet';
import { formatDifferences } from './difference-text.js';
import { type FieldDifference, matchPacket, type PacketPattern } from './match.js';
import { ProbeAssertionError } from './probe-assertion-error.js';

export interface PacketExpectation {
  toHaveLayer(name: string): void;
  toMatchPacket(pattern: PacketPattern): void;
  toHaveOption(name: string, value?: unknown): void;
  notToHaveOption(name: string): void;
  toAnswer(request: Packet): void;
}

/**
 * Assertions on a packet a check received; each throws ProbeAssertionError whose message names `what`
 * (e.g. 'OFFER') and lists the differing fields. A missing packet (srp1 timed out) fails every assertion.
 */
export function expectPacket(actual: Packet | undefined, what = 'packet'): PacketExpectation {
  const received = (): Packet => {
    if (actual === undefined) throw new ProbeAssertionError(`expected ${what}, got no reply`);
    return actual;
  };
  const fail = (summary: string, differences: readonly FieldDifference[]): never => {
    const lines = differences.length > 0 ? `\n${formatDifferences(differences)}` : '';
    throw new ProbeAssertionError(`${what} ${summary}${lines}`, differences);
  };
  return {
    toHaveLayer(name) {
      const p = received();
      const type = requireLayerType(name);
      if (!p.has(type)) fail(`has no ${type.layerName} layer (layers: ${p.layerNames().join(' / ')})`, []);
    },
    toMatchPacket(pattern) {
      const differences = matchPacket(received(), pattern);
      if (differences.length > 0) fail('does not match:', differences);
    },
    toHaveOption(name, value) {
      const p = received();
      if (!p.has(DHCP)) fail(`has no DHCP layer (layers: ${p.layerNames().join(' / ')})`, []);
      if (value === undefined) {
        if (!p.layer(DHCP).hasOption(optionKey(name))) fail(`has no option ${name}`, []);
        return;
      }
      const differences = matchPacket(p, { DHCP: { options: { [name]: value } } });
      if (differences.length > 0) fail(`option ${name} differs:`, differences);
    },
    notToHaveOption(name) {
      const differences = matchPacket(received(), { DHCP: { options: { [name]: undefined } } });
      if (differences.length > 0) fail(`carries option ${name}, which it must not:`, differences);
    },
    toAnswer(request) {
      const sent = onWire(request);
      const reply = onWire(received());
      if (!answers(sent, reply)) {
        fail(`does not answer the request (${sent.summary()}):`, answerDifferences(sent, reply));
      }
    },
  };
}

/** Passes when nothing came back; otherwise fails with the summary of what did. */
export function expectNoReply(actual: Packet | undefined, what = 'request'): void {
  if (actual !== undefined)
    throw new ProbeAssertionError(`expected no reply to ${what}, got ${actual.summary()}`);
}

/** hasOption resolves (and rejects) unknown names at run time, so a plain string can go through. */
function optionKey(name: string): DhcpOptionName | number {
  return /^\d+$/.test(name) ? Number(name) : (name as DhcpOptionName);
}

/**
 * A packet as it goes on the wire, automatic fields (IP protocol, lengths) filled in, the way srp compares
 * requests and replies: a packet composed in code leaves them unset and would never match.
 */
function onWire(request: Packet): Packet {
  if (request.layers.length === 0) return request;
  return dissect(request.build(), { first: requireLayerType(request.layers[0].def.name) });
}

/** Why a reply does not answer a request, field by field: addresses, ports, transaction id, client. */
function answerDifferences(request: Packet, reply: Packet): FieldDifference[] {
  const differences: FieldDifference[] = [];
  const ip = request.get(IP);
  if (ip && reply.has(IP) && ip.dst !== '255.255.255.255') {
    differences.push(...matchPacket(reply, { IP: { src: ip.dst } }));
  }
  const udp = request.get(UDP);
  if (udp && reply.has(UDP))
    differences.push(...matchPacket(reply, { UDP: { sport: udp.dport, dport: udp.sport } }));
  const asked = request.get(BOOTP);
  if (asked && reply.has(BOOTP)) {
    differences.push(...matchPacket(reply, { BOOTP: { op: 2, xid: asked.xid, chaddr: asked.chaddr } }));
  }
  return differences;
}
