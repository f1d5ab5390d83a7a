import { afterEach, describe, expect, it } from '@jest/globals';
import { type VirtualPort, virtualPair } from '@wirecraft/capture';
import {
  optionData,
  request,
  ScriptedClient,
  typeCodeOf,
} from '../../test/server-support/scripted-client.js';
import { createDhcpServer, type DhcpServer } from './dhcp-server.js';
import type { DhcpServerOptions } from './server-config.js';
import type { DhcpServerEvent } from './server-events.js';

const SERVER = '198.18.0.1';
const SERVER_MAC = '02:00:00:00:00:fe';
const A = '02:00:00:00:00:01';
const B = '02:00:00:00:00:02';
const RELAY_MAC = '02:00:00:00:00:77';

interface Harness {
  server: DhcpServer;
  client: ScriptedClient;
  events: DhcpServerEvent[];
  ports: [VirtualPort, VirtualPort];
}

const open: Harness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) {
    await h.server.stop();
    await h.client.close();
    await Promise.all(h.ports.map((p) => p.close()));
  }
});

async function harness(overrides: Partial<DhcpServerOptions> = {}): Promise<Harness> {
  const ports = virtualPair();
  const server = createDhcpServer({
    links: [ports[0]],
    serverId: SERVER,
    serverMac: SERVER_MAC,
    pools: [
      {
        range: '198.18.0.10-198.18.0.20',
        subnet: '198.18.0.0/24',
        router: '198.18.0.1',
        dns: ['198.18.0.53', '198.18.0.54'],
        domain: 'lab.test',
        leaseTime: 600,
        options: { NTP_server: '198.18.0.123' },
      },
      { range: '198.19.5.100-198.19.5.101', subnet: '198.19.5.0/24', router: '198.19.5.1', leaseTime: 300 },
    ],
    ...overrides,
  });
  const events: DhcpServerEvent[] = [];
  server.on((event) => events.push(event));
  const client = new ScriptedClient(ports[1]);
  await server.start();
  const h = { server, client, events, ports };
  open.push(h);
  return h;
}

/** Full DORA; returns the ACK. */
async function dora(h: Harness, mac: string, extra: Parameters<typeof request>[1] = { mac }) {
  const offer = await h.client.exchange(request('DISCOVER', { ...extra, mac }));
  return h.client.exchange(
    request('REQUEST', { ...extra, mac, serverId: SERVER, requested: offer.message.yiaddr }),
  );
}

/** Proves silence without waiting: the server handles requests in order, so once a later probe is answered, the earlier one had its chance. */
async function expectSilence(h: Harness, xid: number): Promise<void> {
  await h.client.exchange(request('DISCOVER', { mac: '02:00:00:00:00:99' }));
  expect(h.client.unread.filter((r) => r.message.xid === xid)).toEqual([]);
}

const typeOf = typeCodeOf;
const ignoredReasons = (h: Harness) => h.events.flatMap((e) => (e.type === 'ignored' ? [e.reason] : []));

describe('DHCP server: DISCOVER -> OFFER', () => {
  it('offers a free address with the pool options, unicast to yiaddr at chaddr (no broadcast flag)', async () => {
    const h = await harness();
    const offer = await h.client.exchange(request('DISCOVER', { mac: A, hostname: 'alpha' }));
    expect(typeOf(offer)).toBe(2);
    expect(offer.message.yiaddr).toBe('198.18.0.10');
    expect(offer.message.chaddr).toBe(A);
    expect(offer.message.option('server_id')).toBe(SERVER);
    expect(offer.message.option('lease_time')).toBe(600);
    expect(offer.message.option('renewal_time')).toBe(300);
    expect(offer.message.option('rebinding_time')).toBe(525);
    expect(offer.message.option('subnet_mask')).toBe('255.255.255.0');
    expect(offer.message.option('router')).toEqual(['198.18.0.1']);
    expect(offer.message.option('name_server')).toEqual(['198.18.0.53', '198.18.0.54']);
    expect(offer.message.option('domain')).toBe('lab.test');
    expect(offer.message.option('NTP_server')).toEqual(['198.18.0.123']);
    expect(offer).toMatchObject({
      srcIp: SERVER,
      srcMac: SERVER_MAC,
      dstIp: '198.18.0.10',
      dstMac: A,
      sport: 67,
      dport: 68,
    });
    expect(h.server.leases()).toMatchObject([
      { address: '198.18.0.10', state: 'offered', hostname: 'alpha' },
    ]);
  });

  it('broadcasts when the client sets the broadcast flag', async () => {
    const h = await harness();
    const offer = await h.client.exchange(request('DISCOVER', { mac: A, flags: 0x8000 }));
    expect(offer).toMatchObject({ dstIp: '255.255.255.255', dstMac: 'ff:ff:ff:ff:ff:ff', dport: 68 });
    expect(offer.message.flags).toBe(0x8000);
  });

  it('offers the requested address when free, else the previous lease, else the next free one', async () => {
    const h = await harness();
    const wanted = await h.client.exchange(request('DISCOVER', { mac: A, requested: '198.18.0.15' }));
    expect(wanted.message.yiaddr).toBe('198.18.0.15');
    const ack = await h.client.exchange(
      request('REQUEST', { mac: A, serverId: SERVER, requested: '198.18.0.15' }),
    );
    expect(typeOf(ack)).toBe(5);
    // B asks for A's address: not free, so B gets a fresh one.
    const other = await h.client.exchange(request('DISCOVER', { mac: B, requested: '198.18.0.15' }));
    expect(other.message.yiaddr).toBe('198.18.0.10');
    // A, out of range request: its previous lease.
    const again = await h.client.exchange(request('DISCOVER', { mac: A, requested: '10.0.0.1' }));
    expect(again.message.yiaddr).toBe('198.18.0.15');
    // Rediscovering must not demote A's binding.
    expect(h.server.leases().find((l) => l.address === '198.18.0.15')?.state).toBe('bound');
  });

  it('sends only the requested options (PRL, in its order) plus the mandatory ones', async () => {
    const h = await harness();
    const offer = await h.client.exchange(request('DISCOVER', { mac: A, prl: [15, 3, 1, 99] }));
    expect(offer.message.options.codes).toEqual([53, 54, 51, 58, 59, 1, 15, 3, 255]);
  });

  it('grants a shorter lease when the client asks for one, and never a longer one', async () => {
    const h = await harness();
    const short = await h.client.exchange(request('DISCOVER', { mac: A, leaseTime: 100 }));
    expect(short.message.option('lease_time')).toBe(100);
    expect(short.message.option('renewal_time')).toBe(50);
    const long = await h.client.exchange(request('DISCOVER', { mac: B, leaseTime: 60_000 }));
    expect(long.message.option('lease_time')).toBe(600);
  });

  it('returns the client identifier unaltered in OFFER, ACK and NAK (RFC 6842), and none when none came', async () => {
    const h = await harness();
    const clientId = Uint8Array.of(0xff, 0, 0, 0, 1, 0, 1, 0, 1, 0x2a);
    const offer = await h.client.exchange(request('DISCOVER', { mac: A, clientId }));
    expect(optionData(offer.message, 61)).toEqual(clientId);
    const ack = await h.client.exchange(
      request('REQUEST', { mac: A, clientId, serverId: SERVER, requested: offer.message.yiaddr }),
    );
    expect(typeOf(ack)).toBe(5);
    expect(optionData(ack.message, 61)).toEqual(clientId);
    const nak = await h.client.exchange(
      request('REQUEST', { mac: B, clientId: Uint8Array.of(1, 2, 3), requested: '10.0.0.1' }),
    );
    expect(typeOf(nak)).toBe(6);
    expect(optionData(nak.message, 61)).toEqual(Uint8Array.of(1, 2, 3));
    const plain = await h.client.exchange(request('DISCOVER', { mac: B }));
    expect(plain.message.option('client_id')).toBeUndefined();
  });

  it('reports an exhausted pool and stays silent', async () => {
    const h = await harness({ pools: [{ range: '198.18.0.10-198.18.0.10', subnet: '198.18.0.0/24' }] });
    await dora(h, A);
    const discover = request('DISCOVER', { mac: B });
    await h.client.send(discover);
    await expect(h.client.reply(discover.xid, 200)).rejects.toThrow(/no reply/);
    expect(h.events.some((e) => e.type === 'pool-exhausted' && e.range === '198.18.0.10-198.18.0.10')).toBe(
      true,
    );
  });
});

describe('DHCP server: REQUEST', () => {
  it('SELECTING with our server id: ACK, bound lease, ciaddr 0', async () => {
    const h = await harness();
    const ack = await dora(h, A);
    expect(typeOf(ack)).toBe(5);
    expect(ack.message.yiaddr).toBe('198.18.0.10');
    expect(ack.message.ciaddr).toBe('0.0.0.0');
    expect(ack.message.option('lease_time')).toBe(600);
    expect(h.server.leases()).toMatchObject([{ address: '198.18.0.10', state: 'bound', mac: A }]);
    expect(h.events.some((e) => e.type === 'lease' && e.action === 'bound')).toBe(true);
  });

  it("SELECTING another server's id: silence, and our offer is withdrawn", async () => {
    const h = await harness();
    const offer = await h.client.exchange(request('DISCOVER', { mac: A }));
    const chose = request('REQUEST', { mac: A, serverId: '198.18.0.2', requested: offer.message.yiaddr });
    await h.client.send(chose);
    await expectSilence(h, chose.xid);
    expect(h.events.some((e) => e.type === 'lease' && e.action === 'offer-withdrawn')).toBe(true);
    expect(h.server.leases().find((l) => l.address === '198.18.0.10')).toBeUndefined();
    const b = await h.client.exchange(request('DISCOVER', { mac: B, requested: '198.18.0.10' }));
    expect(b.message.yiaddr).toBe('198.18.0.10');
  });

  it('SELECTING for an address now held by another client: NAK, broadcast, with a message', async () => {
    const h = await harness();
    await dora(h, A);
    const nak = await h.client.exchange(
      request('REQUEST', { mac: B, serverId: SERVER, requested: '198.18.0.10' }),
    );
    expect(typeOf(nak)).toBe(6);
    expect(nak).toMatchObject({ dstIp: '255.255.255.255', dstMac: 'ff:ff:ff:ff:ff:ff' });
    expect(nak.message.yiaddr).toBe('0.0.0.0');
    expect(nak.message.option('lease_time')).toBeUndefined();
    expect(nak.message.option('error_message')).toMatch(/not available/);
  });

  it('INIT-REBOOT: ACK for its own address, NAK for a wrong network or another client, silence for a stranger', async () => {
    const h = await harness();
    await dora(h, A);
    const own = await h.client.exchange(request('REQUEST', { mac: A, requested: '198.18.0.10' }));
    expect(typeOf(own)).toBe(5);
    const wrongNet = await h.client.exchange(request('REQUEST', { mac: A, requested: '10.1.2.3' }));
    expect(typeOf(wrongNet)).toBe(6);
    expect(wrongNet.message.option('error_message')).toMatch(/not on this network/);
    const stolen = await h.client.exchange(request('REQUEST', { mac: B, requested: '198.18.0.10' }));
    expect(typeOf(stolen)).toBe(6);
    expect(stolen.message.option('error_message')).toMatch(/another client/);
    const stranger = request('REQUEST', { mac: B, requested: '198.18.0.14' });
    await h.client.send(stranger);
    await expectSilence(h, stranger.xid);
    expect(ignoredReasons(h).some((r) => /no record of this client/.test(r))).toBe(true);
  });

  it('RENEWING: ACK extending the lease, unicast to ciaddr, ciaddr echoed', async () => {
    const h = await harness();
    await dora(h, A);
    const before = h.server.leases()[0].expiresAt;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const renew = await h.client.exchange(request('REQUEST', { mac: A, ciaddr: '198.18.0.10' }), {
      dstIp: SERVER,
    });
    expect(typeOf(renew)).toBe(5);
    expect(renew.message.ciaddr).toBe('198.18.0.10');
    expect(renew.message.yiaddr).toBe('198.18.0.10');
    expect(renew).toMatchObject({ dstIp: '198.18.0.10', dstMac: A, dport: 68 });
    expect(h.server.leases()[0].expiresAt).toBeGreaterThan(before);
    expect(h.events.some((e) => e.type === 'lease' && e.action === 'renewed')).toBe(true);
  });

  it('REBINDING from another client on a held address: NAK; on an unknown address: silence', async () => {
    const h = await harness();
    await dora(h, A);
    const nak = await h.client.exchange(request('REQUEST', { mac: B, ciaddr: '198.18.0.10' }));
    expect(typeOf(nak)).toBe(6);
    const unknown = request('REQUEST', { mac: B, ciaddr: '198.18.0.17' });
    await h.client.send(unknown);
    await expectSilence(h, unknown.xid);
  });
});

describe('DHCP server: DECLINE, RELEASE, INFORM', () => {
  it('DECLINE quarantines the address until the quarantine ends', async () => {
    const h = await harness({ timeScale: 0.001, declineQuarantine: 50 });
    await dora(h, A);
    await h.client.send(request('DECLINE', { mac: A, serverId: SERVER, requested: '198.18.0.10' }));
    const b = await h.client.exchange(request('DISCOVER', { mac: B, requested: '198.18.0.10' }));
    expect(b.message.yiaddr).not.toBe('198.18.0.10');
    expect(h.server.leases().find((l) => l.address === '198.18.0.10')?.state).toBe('declined');
    await new Promise((resolve) => setTimeout(resolve, 80));
    const later = await h.client.exchange(
      request('DISCOVER', { mac: '02:00:00:00:00:03', requested: '198.18.0.10' }),
    );
    expect(later.message.yiaddr).toBe('198.18.0.10');
  });

  it('RELEASE frees the address; the same client gets it back first', async () => {
    const h = await harness();
    await dora(h, A);
    await h.client.send(request('RELEASE', { mac: A, ciaddr: '198.18.0.10', serverId: SERVER }), {
      dstIp: SERVER,
    });
    const back = await h.client.exchange(request('DISCOVER', { mac: A }));
    expect(h.events.some((e) => e.type === 'lease' && e.action === 'released')).toBe(true);
    expect(back.message.yiaddr).toBe('198.18.0.10');
  });

  it('RELEASE of a lease the client does not hold is ignored', async () => {
    const h = await harness();
    await dora(h, A);
    await h.client.send(request('RELEASE', { mac: B, ciaddr: '198.18.0.10', serverId: SERVER }));
    await expectSilence(h, -1);
    expect(h.server.leases().find((l) => l.address === '198.18.0.10')?.state).toBe('bound');
  });

  it('INFORM: ACK with options, yiaddr 0, no lease time, unicast to ciaddr', async () => {
    const h = await harness();
    const ack = await h.client.exchange(request('INFORM', { mac: A, ciaddr: '198.18.0.200', prl: [3, 6] }), {
      dstIp: SERVER,
    });
    expect(typeOf(ack)).toBe(5);
    expect(ack.message.yiaddr).toBe('0.0.0.0');
    expect(ack.message.ciaddr).toBe('198.18.0.200');
    expect(ack.message.option('lease_time')).toBeUndefined();
    expect(ack.message.option('renewal_time')).toBeUndefined();
    expect(ack.message.option('router')).toEqual(['198.18.0.1']);
    expect(ack).toMatchObject({ dstIp: '198.18.0.200', dport: 68 });
    expect(h.server.leases()).toEqual([]);
  });
});

describe('DHCP server: relays, reservations, expiry', () => {
  const option82 = Uint8Array.of(1, 4, 0x65, 0x74, 0x68, 0x30, 2, 3, 0xaa, 0xbb, 0xcc);

  it("answers a relayed DISCOVER from the giaddr's pool, to the relay on port 67, echoing option 82", async () => {
    const h = await harness();
    const discover = request('DISCOVER', {
      mac: A,
      giaddr: '198.19.5.1',
      extra: [{ code: 82, data: option82 }],
    });
    const offer = await h.client.exchange(discover, { srcMac: RELAY_MAC });
    expect(offer.message.yiaddr).toBe('198.19.5.100');
    expect(offer.message.giaddr).toBe('198.19.5.1');
    expect(offer).toMatchObject({ dstIp: '198.19.5.1', dstMac: RELAY_MAC, sport: 67, dport: 67 });
    expect(offer.message.option('router')).toEqual(['198.19.5.1']);
    expect(optionData(offer.message, 82)).toEqual(option82);
    expect(offer.message.options.codes.slice(-2)).toEqual([82, 255]);
  });

  it('NAKs through the relay with the broadcast bit set', async () => {
    const h = await harness();
    const nak = await h.client.exchange(
      request('REQUEST', {
        mac: A,
        giaddr: '198.19.5.1',
        requested: '198.18.0.10',
        extra: [{ code: 82, data: option82 }],
      }),
      { srcMac: RELAY_MAC },
    );
    expect(typeOf(nak)).toBe(6);
    expect(nak.message.flags & 0x8000).toBe(0x8000);
    expect(nak).toMatchObject({ dstIp: '198.19.5.1', dport: 67 });
    expect(optionData(nak.message, 82)).toEqual(option82);
  });

  it('ignores a relayed request from a network without a pool', async () => {
    const h = await harness();
    const discover = request('DISCOVER', { mac: A, giaddr: '10.9.9.1' });
    await h.client.send(discover);
    await expectSilence(h, discover.xid);
    expect(ignoredReasons(h).some((r) => /giaddr 10\.9\.9\.1/.test(r))).toBe(true);
  });

  it('gives reserved addresses by MAC and by client id, and never to anyone else', async () => {
    const clientId = Uint8Array.of(0xff, 1, 2, 3, 4);
    const h = await harness({
      reservations: [
        { mac: B, address: '198.18.0.50', hostname: 'printer' },
        { clientId: 'ff:01:02:03:04', address: '198.18.0.11' },
      ],
    });
    const byMac = await dora(h, B);
    expect(byMac.message.yiaddr).toBe('198.18.0.50');
    const byId = await dora(h, '02:00:00:00:00:05', { mac: '02:00:00:00:00:05', clientId });
    expect(byId.message.yiaddr).toBe('198.18.0.11');
    const other = await h.client.exchange(request('DISCOVER', { mac: A, requested: '198.18.0.11' }));
    expect(other.message.yiaddr).toBe('198.18.0.10');
    const second = await h.client.exchange(request('DISCOVER', { mac: '02:00:00:00:00:06' }));
    expect(second.message.yiaddr).toBe('198.18.0.12');
    expect(h.server.leases().find((l) => l.address === '198.18.0.50')?.hostname).toBe('printer');
  });

  it('expires leases on a shortened time scale and gives the address to the next client', async () => {
    const h = await harness({
      timeScale: 0.001,
      pools: [{ range: '198.18.0.10-198.18.0.10', subnet: '198.18.0.0/24', leaseTime: 40 }],
    });
    await dora(h, A);
    const expired = new Promise<void>((resolve) => {
      h.server.on((e) => {
        if (e.type === 'lease' && e.action === 'expired') resolve();
      });
    });
    await expired;
    expect(h.server.leases()[0].state).toBe('expired');
    const b = await h.client.exchange(request('DISCOVER', { mac: B }));
    expect(b.message.yiaddr).toBe('198.18.0.10');
  });
});

describe('DHCP server: bad input', () => {
  it('logs short frames, wrong op and missing message types, and keeps serving', async () => {
    const h = await harness();
    const lines: string[] = [];
    const noType = request('DISCOVER', { mac: A });
    noType.dhcp.deleteOption('message-type');
    const wrongOp = request('DISCOVER', { mac: A });
    wrongOp.bootp.op = 2;
    await h.client.send(noType);
    await h.client.send(wrongOp);
    const short = Uint8Array.from([
      ...new Uint8Array(12).fill(0xff),
      8,
      0,
      0x45,
      0,
      0,
      28,
      0,
      0,
      0,
      0,
      64,
      17,
      0,
      0,
      0,
      0,
      0,
      0,
      255,
      255,
      255,
      255,
      0,
      68,
      0,
      67,
      0,
      8,
      0,
      0,
    ]);
    await h.ports[1].send(short);
    const ok = await h.client.exchange(request('DISCOVER', { mac: B }));
    expect(typeOf(ok)).toBe(2);
    for (const e of h.events) if (e.type === 'malformed') lines.push(e.reason);
    expect(lines).toEqual([
      'no DHCP message type (option 53)',
      'op 2 is not BOOTREQUEST (1)',
      expect.stringMatching(/too short/),
    ]);
    expect(h.events.filter((e) => e.type === 'error')).toEqual([]);
  });

  it('rejects bad settings with the field, the value and the fix', () => {
    const links = virtualPair();
    const base = {
      links: [links[0]],
      serverId: SERVER,
      pools: [{ range: '198.18.0.10-198.18.0.20', subnet: '198.18.0.0/24' }],
    };
    expect(() => createDhcpServer({ ...base, serverId: '1.2.3' })).toThrow(/serverId.*a\.b\.c\.d/);
    expect(() => createDhcpServer({ ...base, pools: [] })).toThrow(/pools.*at least one pool/);
    expect(() =>
      createDhcpServer({ ...base, pools: [{ ...base.pools[0], options: { bogus_option: 'x' } }] }),
    ).toThrow(/pools\[0\]\.bogus_option.*unknown option name/);
    expect(() => createDhcpServer({ ...base, reservations: [{ mac: A, address: '10.0.0.1' }] })).toThrow(
      /reservations\[0\]\.address.*inside one of the pools/,
    );
    expect(() =>
      createDhcpServer({
        ...base,
        pools: [{ ...base.pools[0], leaseTime: 100, renewalTime: 90, rebindingTime: 80 }],
      }),
    ).toThrow(/renewalTime < rebindingTime < leaseTime/);
  });
});
