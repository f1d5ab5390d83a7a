import './jest.js';
import { describe, expect, it } from '@jest/globals';
import { BOOTP, DHCP, type DhcpOptionsObject, Ether, IP, type Packet, packet, UDP } from '@wirecraft/packet';
import { MatcherInputError } from './packet-matchers.js';

const mac = '02:00:00:00:00:01';

const request = packet(
  Ether({ src: mac }),
  IP({ src: '0.0.0.0', dst: '255.255.255.255' }),
  UDP({ sport: 68, dport: 67 }),
  BOOTP({ op: 1, xid: 42, chaddr: mac }),
  DHCP({ options: { 'message-type': 'discover' } }),
);

function offer(xid: number, options: DhcpOptionsObject): Packet {
  return packet(
    Ether({ dst: mac }),
    IP({ src: '198.18.7.1', dst: '255.255.255.255' }),
    UDP({ sport: 67, dport: 68 }),
    BOOTP({ op: 2, xid, chaddr: mac }),
    DHCP({ options }),
  );
}

const reply = offer(42, { 'message-type': 'offer', lease_time: 3600 });

describe('jest matchers from @wirecraft/probe/jest', () => {
  it('pass on a matching packet, and .not inverts them', () => {
    expect(reply).toHaveLayer('DHCP');
    expect(reply).not.toHaveLayer('ARP');
    expect(reply).toMatchPacket({ BOOTP: { op: 2 }, DHCP: { options: { 'message-type': 'offer' } } });
    expect(reply).not.toMatchPacket({ DHCP: { options: { 'message-type': 'ack' } } });
    expect(reply).toHaveOption('lease_time');
    expect(reply).toHaveOption('lease_time', 3600);
    expect(reply).not.toHaveOption('router');
    expect(reply).toAnswer(request);
    expect(offer(43, { 'message-type': 'offer' })).not.toAnswer(request);
  });

  it('fail with the differing fields in the message', () => {
    expect(() => expect(reply).toHaveOption('lease_time', 7200)).toThrow(
      'DHCP.options.lease_time: expected 7200, got 3600',
    );
    expect(() => expect(reply).toMatchPacket({ BOOTP: { xid: 41 } })).toThrow(
      'BOOTP.xid: expected 41, got 42',
    );
    expect(() => expect(reply).not.toHaveLayer('DHCP')).toThrow('expected packet not to have a DHCP layer');
    expect(() => expect(undefined).toHaveLayer('DHCP')).toThrow('expected packet, got no reply');
  });

  it('reject what is not a packet with a typed error naming the matcher', () => {
    expect(() => expect('offer').toHaveLayer('DHCP')).toThrow(MatcherInputError);
    // A user's test written without typings (plain JS) can hand over anything.
    const notAPacket: unknown = 'discover';
    expect(() => expect(reply).toAnswer(notAPacket as Packet)).toThrow(
      /toAnswer: cannot use string discover/,
    );
  });

  it('toArriveWithin awaits a promised packet, fails on no reply or a rejection, and reads { rttMs }', async () => {
    await expect(Promise.resolve(reply)).toArriveWithin(10_000);
    await expect(expect(Promise.resolve(undefined)).toArriveWithin(10_000)).rejects.toThrow(/got no reply/);
    await expect(expect(Promise.reject(new Error('link closed'))).toArriveWithin(10_000)).rejects.toThrow(
      /rejected: link closed/,
    );
    // A promise that never settles fails at the deadline instead of hanging the test.
    await expect(expect(new Promise<Packet>(() => {})).toArriveWithin(1)).rejects.toThrow(/none arrived/);
    await expect({ rttMs: 0.4 }).toArriveWithin(1);
    await expect(expect({ rttMs: 23 }).toArriveWithin(1)).rejects.toThrow(
      'expected a round trip within 1 ms, took 23 ms',
    );
    await expect(expect(Promise.resolve(reply)).toArriveWithin(-1)).rejects.toThrow(MatcherInputError);
  });
});
