import { describe, expect, it } from '@jest/globals';
import {
  BOOTP,
  DHCP,
  dissect,
  Ether,
  FieldValueError,
  IP,
  type Packet,
  packet,
  UDP,
} from '@wirecraft/packet';
import { matchPacket } from './match.js';

function offer(options: Parameters<typeof DHCP>[0] = {}): Packet {
  const composed = packet(
    Ether({ src: '02:00:00:00:00:aa', dst: 'ff:ff:ff:ff:ff:ff' }),
    IP({ src: '198.18.7.1', dst: '255.255.255.255' }),
    UDP({ sport: 67, dport: 68 }),
    BOOTP({ op: 2, xid: 0x1234, yiaddr: '198.18.7.100', chaddr: '02:00:00:00:00:01' }),
    DHCP(
      options.options
        ? options
        : {
            options: {
              'message-type': 'offer',
              server_id: '198.18.7.1',
              lease_time: 3600,
              router: ['198.18.7.1'],
              name_server: ['198.18.7.1'],
              client_id: { type: 1, id: '02:00:00:00:00:01' },
            },
          },
    ),
  );
  return dissect(composed.build());
}

describe('matchPacket', () => {
  it('matches partial layers, fields and options given by name in their natural forms', () => {
    expect(
      matchPacket(offer(), {
        IP: { src: '198.18.7.1' },
        BOOTP: { op: 'BOOTREPLY', yiaddr: '198.18.7.100', chaddr: '02:00:00:00:00:01' },
        DHCP: { options: { 'message-type': 'offer', lease_time: 3600, router: ['198.18.7.1'] } },
      }),
    ).toEqual([]);
  });

  it('lists each differing field with its path and both values', () => {
    const differences = matchPacket(offer(), {
      IP: { dst: '198.18.7.100' },
      BOOTP: { chaddr: '02:00:00:00:00:02' },
      DHCP: { options: { lease_time: 7200, router: ['198.18.7.254'] } },
    });
    expect(differences).toEqual([
      { path: 'IP.dst', expected: '198.18.7.100', actual: '255.255.255.255' },
      { path: 'BOOTP.chaddr', expected: '02:00:00:00:00:02', actual: '02:00:00:00:00:01' },
      { path: 'DHCP.options.lease_time', expected: 7200, actual: 3600 },
      { path: 'DHCP.options.router', expected: ['198.18.7.254'], actual: ['198.18.7.1'] },
    ]);
  });

  it('reads message types and options given by code as getOption returns them', () => {
    expect(matchPacket(offer(), { DHCP: { options: { 53: 2, 51: 3600 } } })).toEqual([]);
    expect(matchPacket(offer(), { DHCP: { options: { 'message-type': 5 } } })).toEqual([
      { path: 'DHCP.options.message-type', expected: 'ack', actual: 'offer' },
    ]);
  });

  it('compares lists as lists: order and length count', () => {
    const twoRouters = offer({ options: { 'message-type': 'offer', router: ['198.18.7.1', '198.18.7.2'] } });
    expect(matchPacket(twoRouters, { DHCP: { options: { router: ['198.18.7.1', '198.18.7.2'] } } })).toEqual(
      [],
    );
    expect(
      matchPacket(twoRouters, { DHCP: { options: { router: ['198.18.7.2', '198.18.7.1'] } } }),
    ).toHaveLength(1);
    expect(matchPacket(twoRouters, { DHCP: { options: { router: ['198.18.7.1'] } } })).toHaveLength(1);
  });

  it('treats an undefined option as "must be absent" and reports a present one', () => {
    expect(matchPacket(offer(), { DHCP: { options: { renewal_time: undefined } } })).toEqual([]);
    expect(matchPacket(offer(), { DHCP: { options: { lease_time: undefined } } })).toEqual([
      { path: 'DHCP.options.lease_time', expected: undefined, actual: 3600 },
    ]);
  });

  it('reports a missing option as absent', () => {
    expect(matchPacket(offer(), { DHCP: { options: { renewal_time: 1800 } } })).toEqual([
      { path: 'DHCP.options.renewal_time', expected: 1800, actual: undefined },
    ]);
  });

  it('matches nested option values partially', () => {
    expect(matchPacket(offer(), { DHCP: { options: { client_id: { type: 1 } } } })).toEqual([]);
    expect(matchPacket(offer(), { DHCP: { options: { client_id: { id: '02:00:00:00:00:09' } } } })).toEqual([
      { path: 'DHCP.options.client_id.id', expected: '02:00:00:00:00:09', actual: '02:00:00:00:00:01' },
    ]);
  });

  it('requires a layer given as undefined or {} to be present, and names the layers there are', () => {
    const bare = packet(Ether(), IP(), UDP());
    expect(matchPacket(offer(), { DHCP: undefined, UDP: {} })).toEqual([]);
    expect(matchPacket(bare, { DHCP: undefined })).toEqual([
      { path: 'DHCP', expected: 'present', actual: 'Ether / IP / UDP' },
    ]);
  });

  it('accepts MAC text in any case and jest asymmetric matchers or predicates in place of values', () => {
    expect(matchPacket(offer(), { Ether: { src: '02:00:00:00:00:AA' } })).toEqual([]);
    expect(
      matchPacket(offer(), {
        BOOTP: { xid: expect.any(Number), yiaddr: (ip: unknown) => ip !== '0.0.0.0' },
        DHCP: { options: { server_id: expect.stringMatching(/^198\.18\./) } },
      }),
    ).toEqual([]);
    expect(matchPacket(offer(), { BOOTP: { yiaddr: (ip: unknown) => ip === '0.0.0.0' } })).toHaveLength(1);
  });

  it('throws the packet library errors for unknown layers, fields, options and impossible values', () => {
    expect(() => matchPacket(offer(), { DCHP: {} })).toThrow(/DCHP/);
    expect(() => matchPacket(offer(), { BOOTP: { yaddr: '1.2.3.4' } })).toThrow(/yaddr/);
    expect(() => matchPacket(offer(), { DHCP: { options: { leasetime: 1 } } })).toThrow(FieldValueError);
    expect(() => matchPacket(offer(), { IP: { dst: '300.1.1.1' } })).toThrow(FieldValueError);
  });
});
