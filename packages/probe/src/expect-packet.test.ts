import { describe, expect, it } from '@jest/globals';
import { BOOTP, DHCP, dissect, Ether, IP, type Packet, packet, UDP } from '@wirecraft/packet';
import { expectNoReply, expectPacket } from './expect-packet.js';
import { ProbeAssertionError } from './probe-assertion-error.js';

const mac = '02:00:00:00:00:01';

function discover(xid: number): Packet {
  return packet(
    Ether({ src: mac, dst: 'ff:ff:ff:ff:ff:ff' }),
    IP({ src: '0.0.0.0', dst: '255.255.255.255' }),
    UDP({ sport: 68, dport: 67 }),
    BOOTP({ xid, chaddr: mac }),
    DHCP({ options: { 'message-type': 'discover' } }),
  );
}

function offer(xid: number, leaseTime: number): Packet {
  return dissect(
    packet(
      Ether({ src: '02:00:00:00:00:aa', dst: mac }),
      IP({ src: '198.18.7.1', dst: '255.255.255.255' }),
      UDP({ sport: 67, dport: 68 }),
      BOOTP({ op: 2, xid, yiaddr: '198.18.7.100', chaddr: mac }),
      DHCP({ options: { 'message-type': 'offer', server_id: '198.18.7.1', lease_time: leaseTime } }),
    ).build(),
  );
}

function failure(assertion: () => void): ProbeAssertionError {
  try {
    assertion();
  } catch (error) {
    if (error instanceof ProbeAssertionError) return error;
    throw error;
  }
  throw new Error('the assertion passed');
}

describe('expectPacket', () => {
  it('passes on a matching reply', () => {
    const reply = offer(7, 3600);
    expectPacket(reply).toHaveLayer('DHCP');
    expectPacket(reply).toMatchPacket({ DHCP: { options: { 'message-type': 'offer' } } });
    expectPacket(reply).toHaveOption('lease_time');
    expectPacket(reply).toHaveOption('lease_time', 3600);
    expectPacket(reply).notToHaveOption('renewal_time');
    expectPacket(reply).toAnswer(discover(7));
  });

  it('lists the differing fields, one per line, in the message and on the error', () => {
    const error = failure(() =>
      expectPacket(offer(7, 7200), 'OFFER').toMatchPacket({
        BOOTP: { yiaddr: '198.18.7.101' },
        DHCP: { options: { lease_time: 3600 } },
      }),
    );
    expect(error.message).toBe(
      'OFFER does not match:\n' +
        '  BOOTP.yiaddr: expected "198.18.7.101", got "198.18.7.100"\n' +
        '  DHCP.options.lease_time: expected 3600, got 7200',
    );
    expect(error.differences).toEqual([
      { path: 'BOOTP.yiaddr', expected: '198.18.7.101', actual: '198.18.7.100' },
      { path: 'DHCP.options.lease_time', expected: 3600, actual: 7200 },
    ]);
  });

  it('fails every assertion on a missing reply', () => {
    expect(failure(() => expectPacket(undefined, 'OFFER').toHaveLayer('DHCP')).message).toBe(
      'expected OFFER, got no reply',
    );
  });

  it('names the missing layer and option', () => {
    const bare = packet(Ether(), IP(), UDP());
    expect(failure(() => expectPacket(bare).toHaveLayer('BOOTP')).message).toBe(
      'packet has no BOOTP layer (layers: Ether / IP / UDP)',
    );
    expect(failure(() => expectPacket(offer(7, 3600), 'ACK').toHaveOption('renewal_time')).message).toBe(
      'ACK has no option renewal_time',
    );
    expect(failure(() => expectPacket(offer(7, 3600), 'ACK').notToHaveOption('lease_time')).message).toBe(
      'ACK carries option lease_time, which it must not:\n  DHCP.options.lease_time: expected absent, got 3600',
    );
  });

  it('explains a reply to another transaction by its xid', () => {
    const error = failure(() => expectPacket(offer(8, 3600), 'OFFER').toAnswer(discover(7)));
    expect(error.message).toMatch(
      /^OFFER does not answer the request \(.*\):\n {2}BOOTP\.xid: expected 7, got 8$/,
    );
  });
});

describe('expectNoReply', () => {
  it('passes on undefined and fails with the summary of what came back', () => {
    expectNoReply(undefined);
    expect(failure(() => expectNoReply(offer(7, 3600), 'DISCOVER with a bad cookie')).message).toMatch(
      /^expected no reply to DISCOVER with a bad cookie, got Ether \/ IP \/ UDP/,
    );
  });
});
