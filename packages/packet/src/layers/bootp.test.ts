import { describe, expect, it } from '@jest/globals';
import {
  answers,
  BOOTP,
  DHCP,
  DHCP_MAGIC_COOKIE,
  dissect,
  Ether,
  hashKey,
  IP,
  packet,
  Raw,
  toHex,
  UDP,
} from '../index.js';

const MAC = '02:00:00:00:00:01';

function frame(bootp: ReturnType<typeof BOOTP>, udp = UDP(), withDhcp = true) {
  return withDhcp
    ? packet(Ether({ src: MAC }), IP({ src: '198.18.0.10', dst: '198.18.0.1' }), udp, bootp, DHCP())
    : packet(Ether({ src: MAC }), IP({ src: '198.18.0.10', dst: '198.18.0.1' }), udp, bootp);
}

describe('BOOTP', () => {
  it('has scapy field names and defaults', () => {
    const b = BOOTP();
    expect(BOOTP.fields.map((f) => f.name)).toEqual([
      'op',
      'htype',
      'hlen',
      'hops',
      'xid',
      'secs',
      'flags',
      'ciaddr',
      'yiaddr',
      'siaddr',
      'giaddr',
      'chaddr',
      'sname',
      'file',
      'options',
    ]);
    expect([b.op, b.htype, b.hlen, b.hops, b.xid, b.ciaddr]).toEqual([1, 1, 6, 0, 0, '0.0.0.0']);
    expect(b.options).toBeUndefined();
  });
  it('takes a MAC string for chaddr (scapy #4822), the flag name B and op names', () => {
    const b = BOOTP({ chaddr: MAC, flags: 'B', op: 'BOOTREPLY' });
    expect(toHex(b.chaddr)).toBe(`020000000001${'00'.repeat(10)}`);
    expect(b.flags).toBe(0x8000);
    expect(b.op).toBe(2);
  });
  it('carries the magic cookie only when DHCP follows, and is 236 bytes alone', () => {
    const withDhcp = frame(BOOTP()).build();
    expect(toHex(withDhcp.subarray(42 + 236, 42 + 240))).toBe(toHex(DHCP_MAGIC_COOKIE));
    expect(withDhcp.length).toBe(42 + 240 + 1);
    expect(frame(BOOTP(), UDP(), false).build().length).toBe(42 + 236);
  });
  it('sets UDP ports by role: request 68->67, reply 67->68, relayed 67->67; explicit ports win', () => {
    const ports = (p: ReturnType<typeof frame>) => {
      const udp = dissect(p.build()).layer(UDP);
      return [udp.sport, udp.dport];
    };
    expect(ports(frame(BOOTP()))).toEqual([68, 67]);
    expect(ports(frame(BOOTP({ op: 2 })))).toEqual([67, 68]);
    expect(ports(frame(BOOTP({ giaddr: '198.18.0.254' })))).toEqual([67, 67]);
    expect(ports(frame(BOOTP({ op: 2, giaddr: '198.18.0.254' })))).toEqual([67, 67]);
    expect(ports(frame(BOOTP(), UDP({ sport: 1067, dport: 1068 })))).toEqual([1067, 1068]);
  });
  it('is dissected when either port is 67 or 68', () => {
    for (const [sport, dport] of [
      [67, 67],
      [68, 67],
      [67, 68],
      [40000, 67],
      [68, 40000],
    ]) {
      const p = dissect(frame(BOOTP(), UDP({ sport, dport })).build());
      expect(p.layerNames()).toEqual(['Ether', 'IP', 'UDP', 'BOOTP', 'DHCP']);
    }
    const other = dissect(frame(BOOTP(), UDP({ sport: 1000, dport: 2000 })).build());
    expect(other.layerNames()).toEqual(['Ether', 'IP', 'UDP', 'Raw']);
  });
  it('keeps a vendor area without the cookie as plain BOOTP, rebuilt identically', () => {
    const vendor = Uint8Array.from([0x63, 0x82, 0x53, 0x64, 1, 2, 3]);
    const bytes = frame(BOOTP({ options: vendor }), UDP(), false).build();
    const p = dissect(bytes);
    expect(p.layerNames()).toEqual(['Ether', 'IP', 'UDP', 'BOOTP']);
    expect(toHex(p.layer(BOOTP).options!)).toBe(toHex(vendor));
    expect(toHex(p.build())).toBe(toHex(bytes));
  });
  it('reports a BOOTP header cut short as truncated', () => {
    const bytes = frame(BOOTP())
      .build()
      .subarray(0, 42 + 100);
    const p = dissect(bytes);
    expect(p.problems.some((x) => x.kind === 'truncated' && x.layer === 'BOOTP')).toBe(true);
    expect(p.get(BOOTP)).toBeUndefined();
  });
});

describe('BOOTP matching', () => {
  const request = packet(
    Ether({ src: MAC }),
    IP({ src: '0.0.0.0', dst: '255.255.255.255' }),
    UDP(),
    BOOTP({ chaddr: MAC, xid: 0x1234 }),
    DHCP({ options: { 'message-type': 'discover' } }),
  );
  const reply = (init: Parameters<typeof BOOTP>[0]) =>
    packet(
      Ether({ src: '02:00:00:00:00:fe', dst: MAC }),
      IP({ src: '198.18.0.1', dst: '255.255.255.255' }),
      UDP(),
      BOOTP({ op: 2, chaddr: MAC, xid: 0x1234, yiaddr: '198.18.0.10', ...init }),
      DHCP({ options: { 'message-type': 'offer' } }),
    );
  it('a reply with the same xid and chaddr answers, whatever its addresses', () => {
    expect(answers(dissect(request.build()), dissect(reply({}).build()))).toBe(true);
  });
  it('a different xid, chaddr or op does not', () => {
    expect(answers(request, reply({ xid: 0x1235 }))).toBe(false);
    expect(answers(request, reply({ chaddr: '02:00:00:00:00:02' }))).toBe(false);
    expect(answers(request, reply({ op: 1 }))).toBe(false);
    expect(answers(reply({}), request)).toBe(false);
  });
  it('request and reply share the hash key bootp:<xid>:<chaddr hex>', () => {
    expect(hashKey(request)).toBe(`bootp:${0x1234}:020000000001${'00'.repeat(10)}`);
    expect(hashKey(dissect(reply({}).build()))).toBe(hashKey(request));
  });
});

describe('BOOTP with Raw after it', () => {
  it('is not confused by a Raw payload instead of DHCP', () => {
    const p = packet(Ether(), IP(), UDP(), BOOTP({ options: DHCP_MAGIC_COOKIE }), Raw({ load: 'x' }));
    expect(p.build().length).toBe(42 + 240 + 1);
  });
});
