import { afterEach, describe, expect, it } from '@jest/globals';
import { type Link, virtualHub, virtualPair } from '@wirecraft/capture';
import { ARP, type DhcpMessageTypeName, type DhcpOptionItem, Ether, packet } from '@wirecraft/packet';
import { manualTimerClock } from '../time.js';
import { composeDhcpFrame, type ReceivedDhcp } from '../wire/dhcp-frame.js';
import { createDhcpMessage } from '../wire/dhcp-message.js';
import { dhcpMessages } from '../wire/dhcp-receive.js';
import {
  AddressInUseError,
  ClientOptionError,
  ClientStateError,
  NakError,
  NoResponseError,
} from './client-errors.js';
import type { DhcpClientEvent } from './client-events.js';
import { createDhcpClient } from './dhcp-client.js';

type Reply = { type: DhcpMessageTypeName; yiaddr?: string; options?: DhcpOptionItem[] } | undefined;

interface Responder {
  seen: ReceivedDhcp[];
  stop(): void;
}

/** A scripted server: `decide` returns the reply to each request (or undefined to stay silent). */
function respond(
  link: Link,
  serverId: string,
  serverMac: string,
  decide: (r: ReceivedDhcp, n: number) => Reply,
): Responder {
  const abort = new AbortController();
  const seen: ReceivedDhcp[] = [];
  (async () => {
    for await (const r of dhcpMessages(link, { signal: abort.signal })) {
      if (r.message.op !== 1) continue;
      seen.push(r);
      const reply = decide(r, seen.length);
      if (!reply) continue;
      const m = createDhcpMessage({
        op: 2,
        xid: r.message.xid,
        flags: r.message.flags,
        chaddr: r.message.chaddr,
        ciaddr: r.message.ciaddr,
        yiaddr: reply.yiaddr ?? '0.0.0.0',
        options: [['message-type', reply.type], ['server_id', serverId], ...(reply.options ?? [])],
      });
      await link.send(
        composeDhcpFrame({
          message: m,
          srcMac: serverMac,
          dstMac: 'ff:ff:ff:ff:ff:ff',
          srcIp: serverId,
          dstIp: '255.255.255.255',
        }),
      );
    }
  })();
  return { seen, stop: () => abort.abort() };
}

const leaseOptions = (lease = 3600): DhcpOptionItem[] => [
  ['lease_time', lease],
  ['subnet_mask', '255.255.255.0'],
  ['router', ['198.18.0.1']],
  ['name_server', ['198.18.0.1', '198.18.0.2']],
];

/** A plain server: offers 198.18.0.100, ACKs every REQUEST for it. */
function simpleServer(r: ReceivedDhcp, lease = 3600): Reply {
  const type = r.message.messageType;
  if (type === 'discover') return { type: 'offer', yiaddr: '198.18.0.100', options: leaseOptions(lease) };
  if (type === 'request') return { type: 'ack', yiaddr: '198.18.0.100', options: leaseOptions(lease) };
  if (type === 'inform') return { type: 'ack', options: leaseOptions().slice(1) };
  return undefined;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type ClientOptions = Parameters<typeof createDhcpClient>[0];

/** A client (MAC 02:00:00:00:00:01 unless `options` says otherwise) and every event it emits. */
function recordedClient(options: Omit<ClientOptions, 'mac'> & Partial<Pick<ClientOptions, 'mac'>>) {
  const client = createDhcpClient({ mac: '02:00:00:00:00:01', ...options });
  const events: DhcpClientEvent[] = [];
  client.on((e) => events.push(e));
  return { client, events };
}

function setup(options: Partial<ClientOptions> = {}, decide = (r: ReceivedDhcp) => simpleServer(r)) {
  const [clientLink, serverLink] = virtualPair();
  const server = respond(serverLink, '198.18.0.1', '02:00:00:00:00:fe', decide);
  const { client, events } = recordedClient({ link: clientLink, timeScale: 0.05, ...options });
  cleanups.push(async () => {
    server.stop();
    await client.stop();
    await clientLink.close();
    await serverLink.close();
  });
  return { client, server, events, serverLink };
}

const states = (events: DhcpClientEvent[]) => events.flatMap((e) => (e.type === 'state' ? [e.to] : []));
const sentTypes = (events: DhcpClientEvent[]) =>
  events.flatMap((e) => (e.type === 'sent' ? [e.summary.messageType] : []));

describe('DhcpClient DORA', () => {
  it('obtains a lease and reports every step as events', async () => {
    const { client, server, events } = setup({ hostname: 'box', vendorClass: 'wirecraft' });
    const lease = await client.obtain();
    expect(lease).toMatchObject({
      address: '198.18.0.100',
      serverId: '198.18.0.1',
      serverMac: '02:00:00:00:00:fe',
      subnetMask: '255.255.255.0',
      routers: ['198.18.0.1'],
      dnsServers: ['198.18.0.1', '198.18.0.2'],
      leaseTime: 3600,
      renewalTime: 1800,
      rebindingTime: 3150,
    });
    expect(client.state).toBe('BOUND');
    expect(states(events)).toEqual(['SELECTING', 'REQUESTING', 'BOUND']);
    expect(sentTypes(events)).toEqual(['DISCOVER', 'REQUEST']);
    expect(
      events.filter((e) => e.type === 'received').map((e) => e.type === 'received' && e.summary.messageType),
    ).toEqual(['OFFER', 'ACK']);
    const [discover, request] = server.seen.map((r) => r.message);
    expect(request.option('requested_addr')).toBe('198.18.0.100');
    expect(request.option('server_id')).toBe('198.18.0.1');
    expect(request.xid).toBe(discover.xid);
    expect(discover.option('hostname')).toBe('box');
    expect(discover.option('client_id')).toEqual({ type: 1, id: '02:00:00:00:00:01' });
    expect(discover.flags).toBe(0x8000);
    const lastEvent = events.at(-1);
    expect(lastEvent?.type === 'lease' && lastEvent.kind).toBe('obtained');
    // Sent events carry a dissectable packet.
    const sent = events.find((e) => e.type === 'sent');
    expect(sent?.type === 'sent' && sent.packet.layerNames().slice(0, 3)).toEqual(['Ether', 'IP', 'UDP']);
  });

  it('uses T1/T2 from options 58/59 when the server sends them', async () => {
    const { client } = setup({}, (r) => {
      const reply = simpleServer(r);
      reply?.options?.push(['renewal_time', 100], ['rebinding_time', 200]);
      return reply;
    });
    const lease = await client.obtain();
    expect([lease.renewalTime, lease.rebindingTime]).toEqual([100, 200]);
  });

  it('goes back to INIT on a NAK and starts over with a new xid', async () => {
    let naks = 0;
    const { client, server, events } = setup({}, (r) => {
      if (r.message.messageType === 'request' && naks++ === 0) {
        return { type: 'nak', options: [['error_message', 'wrong network']] };
      }
      return simpleServer(r);
    });
    const lease = await client.obtain();
    expect(lease.address).toBe('198.18.0.100');
    expect(states(events)).toEqual(['SELECTING', 'REQUESTING', 'INIT', 'SELECTING', 'REQUESTING', 'BOUND']);
    const nak = events.find((e) => e.type === 'nak');
    expect(nak).toMatchObject({ serverId: '198.18.0.1', text: 'wrong network' });
    expect(server.seen[2].message.xid).not.toBe(server.seen[0].message.xid);
  });

  it('gives up with NakError after maxNaks refusals', async () => {
    const { client } = setup({ maxNaks: 1 }, (r) =>
      r.message.messageType === 'request' ? { type: 'nak' } : simpleServer(r),
    );
    await expect(client.obtain()).rejects.toThrow(NakError);
    expect(client.state).toBe('INIT');
  });
});

describe('DhcpClient retransmission', () => {
  it('backs off 4 s, 8 s, 16 s (scaled) and gives up with the send times', async () => {
    const clock = manualTimerClock();
    const [clientLink, silentLink] = virtualPair();
    const { client, events } = recordedClient({
      link: clientLink,
      clock,
      timeScale: 1,
      backoff: { random: () => 0.5 },
    });
    cleanups.push(async () => {
      await client.stop();
      await clientLink.close();
      await silentLink.close();
    });
    const outcome = client.obtain().catch((e: unknown) => e);
    for (const step of [4000, 8000, 16000, 32000]) clock.advance(step);
    const error = await outcome;
    expect(error).toBeInstanceOf(NoResponseError);
    expect((error as NoResponseError).sentAt).toEqual([0, 4000, 12000, 28000]);
    const retransmits = events.filter((e) => e.type === 'retransmit');
    expect(retransmits.map((e) => e.type === 'retransmit' && [e.attempt, e.waitedMs])).toEqual([
      [2, 4000],
      [3, 8000],
      [4, 16000],
    ]);
    const secs = events.flatMap((e) => (e.type === 'sent' ? [e.message.secs] : []));
    expect(secs).toEqual([0, 4, 12, 28]);
  });

  it('arms no retransmit timer when stop() runs in a listener of the first sent event', async () => {
    const clock = manualTimerClock();
    const [clientLink, silentLink] = virtualPair();
    const client = createDhcpClient({ link: clientLink, mac: '02:00:00:00:00:01', clock, timeScale: 1 });
    cleanups.push(async () => {
      await clientLink.close();
      await silentLink.close();
    });
    let stopping: Promise<void> | undefined;
    client.on((e) => {
      if (e.type === 'sent') stopping ??= client.stop();
    });
    const outcome = client.obtain().catch((e: unknown) => e);
    await stopping;
    expect(await outcome).toBeInstanceOf(Error);
    // A timer left armed would retransmit into a stopped client (or keep a real process alive for 4 s).
    expect(clock.pending).toBe(0);
  });

  it('arms no timer and sends nothing more when stop() runs in a retransmit listener', async () => {
    const clock = manualTimerClock();
    const [clientLink, silentLink] = virtualPair();
    const client = createDhcpClient({ link: clientLink, mac: '02:00:00:00:00:01', clock, timeScale: 1 });
    cleanups.push(async () => {
      await clientLink.close();
      await silentLink.close();
    });
    let sent = 0;
    let stopping: Promise<void> | undefined;
    client.on((e) => {
      if (e.type === 'sent') sent++;
      if (e.type === 'retransmit') stopping ??= client.stop();
    });
    const outcome = client.obtain().catch((e: unknown) => e);
    clock.advance(60_000);
    await stopping;
    expect(await outcome).toBeInstanceOf(Error);
    expect([sent, clock.pending]).toEqual([1, 0]);
  });

  it('retransmits lost DISCOVERs over a real (scaled) timer until a server answers', async () => {
    const { client, events } = setup({}, (r) => (r.message.secs < 4 ? undefined : simpleServer(r)));
    await client.obtain();
    expect(events.filter((e) => e.type === 'retransmit').length).toBeGreaterThanOrEqual(1);
  });
});

describe('DhcpClient offer selection', () => {
  function twoServers(options: Partial<ClientOptions>) {
    const hub = virtualHub(3);
    const answer =
      (address: string) =>
      (r: ReceivedDhcp): Reply => {
        const type = r.message.messageType;
        if (type === 'discover') return { type: 'offer', yiaddr: address, options: leaseOptions() };
        if (
          type === 'request' &&
          r.message.option('server_id') === (address === '198.18.0.10' ? '198.18.0.1' : '198.18.0.2')
        ) {
          return { type: 'ack', yiaddr: address, options: leaseOptions() };
        }
        return undefined;
      };
    const a = respond(hub[1], '198.18.0.1', '02:00:00:00:00:a1', answer('198.18.0.10'));
    const b = respond(hub[2], '198.18.0.2', '02:00:00:00:00:b2', answer('198.18.0.20'));
    const { client, events } = recordedClient({ link: hub[0], timeScale: 0.01, ...options });
    cleanups.push(async () => {
      a.stop();
      b.stop();
      await client.stop();
      await Promise.all(hub.map((port) => port.close()));
    });
    return { client, events };
  }

  it('picks the offer of a given server id among several', async () => {
    const { client, events } = twoServers({ offers: { window: 50_000, policy: { serverId: '198.18.0.2' } } });
    const lease = await client.obtain();
    expect(lease.serverId).toBe('198.18.0.2');
    expect(lease.address).toBe('198.18.0.20');
    expect(events.filter((e) => e.type === 'offer').length).toBeGreaterThanOrEqual(1);
  });

  it('collects offers for the window and lets a predicate choose', async () => {
    const { client, events } = twoServers({
      offers: { window: 20_000, policy: (offers) => offers.find((o) => o.address.endsWith('.20')) },
    });
    const lease = await client.obtain();
    expect(lease.address).toBe('198.18.0.20');
    const chosen = events.find((e) => e.type === 'offer-chosen');
    expect(chosen?.type === 'offer-chosen' && chosen.among).toBeGreaterThanOrEqual(2);
  });

  it('ends the window as soon as `enough` offers are in (the 60 s window would outlast the test)', async () => {
    const { client, events } = twoServers({
      offers: {
        window: 6_000_000,
        enough: 2,
        policy: (offers) => offers.find((o) => o.address.endsWith('.20')),
      },
    });
    const lease = await client.obtain();
    expect(lease.address).toBe('198.18.0.20');
    const chosen = events.find((e) => e.type === 'offer-chosen');
    expect(chosen?.type === 'offer-chosen' && chosen.among).toBe(2);
  });

  it('rejects an offers.enough that is not a whole number >= 1', async () => {
    const [link, other] = virtualHub(2);
    expect(() =>
      createDhcpClient({ link, mac: '02:00:00:00:00:01', offers: { window: 10, enough: 0 } }),
    ).toThrow(/offers\.enough.*0/);
    await Promise.all([link.close(), other.close()]);
  });
});

describe('DhcpClient after binding', () => {
  it('renews by unicast to the server (ciaddr set, L2 destination = server MAC)', async () => {
    const { client, server, events } = setup();
    await client.obtain();
    const lease = await client.renew();
    expect(lease.address).toBe('198.18.0.100');
    const renewal = server.seen.at(-1)!;
    expect(renewal.message.ciaddr).toBe('198.18.0.100');
    expect(renewal.dstMac).toBe('02:00:00:00:00:fe');
    expect(renewal.dstIp).toBe('198.18.0.1');
    expect(renewal.srcIp).toBe('198.18.0.100');
    expect(renewal.message.option('server_id')).toBeUndefined();
    expect(renewal.message.option('requested_addr')).toBeUndefined();
    expect(states(events).slice(-2)).toEqual(['RENEWING', 'BOUND']);
  });

  it('rebinds by broadcast', async () => {
    const { client, server } = setup();
    await client.obtain();
    await client.rebind();
    const rebind = server.seen.at(-1)!;
    expect(rebind.dstIp).toBe('255.255.255.255');
    expect(rebind.dstMac).toBe('ff:ff:ff:ff:ff:ff');
    expect(rebind.message.ciaddr).toBe('198.18.0.100');
  });

  it('reports a NAK on renewal as a lost lease (NakError, back to INIT)', async () => {
    let requests = 0;
    const { client } = setup({}, (r) =>
      r.message.messageType === 'request' && ++requests > 1 ? { type: 'nak' } : simpleServer(r),
    );
    await client.obtain();
    await expect(client.renew()).rejects.toThrow(NakError);
    expect(client.state).toBe('INIT');
    expect(client.lease).toBeUndefined();
  });

  it('releases to the server and declines by broadcast', async () => {
    const { client, server } = setup();
    await client.obtain();
    await client.release();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const release = server.seen.at(-1)!;
    expect(release.message.messageType).toBe('release');
    expect(release.message.ciaddr).toBe('198.18.0.100');
    expect(release.dstMac).toBe('02:00:00:00:00:fe');
    expect(client.state).toBe('INIT');
    await expect(client.release()).rejects.toThrow(ClientStateError);
    await client.obtain();
    await client.decline();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const decline = server.seen.at(-1)!;
    expect(decline.message.messageType).toBe('decline');
    expect(decline.message.option('requested_addr')).toBe('198.18.0.100');
    expect(decline.message.ciaddr).toBe('0.0.0.0');
  });

  it('informs with ciaddr and returns the configuration', async () => {
    const { client, server } = setup();
    const ack = await client.inform('198.18.0.77');
    expect(ack.option('router')).toEqual(['198.18.0.1']);
    expect(server.seen[0].message.ciaddr).toBe('198.18.0.77');
    expect(client.state).toBe('INIT');
  });

  it('reboots into a known address, and fails with NakError when the server refuses it', async () => {
    const { client, server } = setup({}, (r) =>
      r.message.option('requested_addr') === '198.18.0.100' ? simpleServer(r) : { type: 'nak' },
    );
    const lease = await client.reboot('198.18.0.100');
    expect(lease.address).toBe('198.18.0.100');
    expect(server.seen[0].message.option('server_id')).toBeUndefined();
    await expect(client.reboot('198.18.0.99')).rejects.toThrow(NakError);
  });

  it('runBound renews at T1 and loses the lease at expiry when nobody answers', async () => {
    let renewals = 0;
    // Answers the initial REQUEST and the first renewal (ciaddr set), then goes silent.
    const { client, events } = setup({ timeScale: 0.002 }, (r) =>
      r.message.ciaddr === '0.0.0.0' || ++renewals === 1 ? simpleServer(r, 20) : undefined,
    );
    await client.obtain();
    await client.runBound();
    expect(client.state).toBe('INIT');
    const kinds = events.flatMap((e) => (e.type === 'lease' ? [e.kind] : []));
    expect(kinds).toEqual(['obtained', 'renewed', 'lost']);
    expect(states(events)).toEqual(expect.arrayContaining(['RENEWING', 'REBINDING']));
    expect(renewals).toBeGreaterThanOrEqual(2);
  });

  it('declines an address another host answers an ARP probe for', async () => {
    const { client, server, serverLink } = setup({ arpProbe: { probes: 2, waitMs: 200 } });
    const abort = new AbortController();
    cleanups.push(() => abort.abort());
    // Another host already uses 198.18.0.100 and answers the probe.
    void (async () => {
      for await (const frame of serverLink.frames({ signal: abort.signal })) {
        const d = frame.data;
        if (d[12] !== 0x08 || d[13] !== 0x06 || d[21] !== 1) continue;
        expect(Array.from(d.subarray(28, 32))).toEqual([0, 0, 0, 0]);
        await serverLink.send(
          packet(
            Ether({ src: '02:00:00:00:00:66', dst: '02:00:00:00:00:01' }),
            ARP({
              op: 2,
              hwsrc: '02:00:00:00:00:66',
              psrc: '198.18.0.100',
              hwdst: '02:00:00:00:00:01',
              pdst: '0.0.0.0',
            }),
          ).build(),
        );
      }
    })();
    const error = await client.obtain().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AddressInUseError);
    expect((error as AddressInUseError).ownerMac).toBe('02:00:00:00:00:66');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(server.seen.at(-1)!.message.messageType).toBe('decline');
    expect(client.state).toBe('INIT');
  });

  it('binds when nobody answers the ARP probe', async () => {
    const { client, events } = setup({ arpProbe: { probes: 1, waitMs: 100 } });
    const lease = await client.obtain();
    expect(lease.address).toBe('198.18.0.100');
    expect(events.some((e) => e.type === 'arp-conflict')).toBe(false);
  });
});

describe('createDhcpClient options', () => {
  it('rejects bad options with the option name and value', () => {
    const [link] = virtualPair();
    expect(() => createDhcpClient({ link, mac: 'nope' })).toThrow(ClientOptionError);
    expect(() => createDhcpClient({ link, mac: '02:00:00:00:00:01', requestedAddress: '1.2.3' })).toThrow(
      /requestedAddress/,
    );
    expect(() => createDhcpClient({ link, mac: '02:00:00:00:00:01', maxAttempts: 0 })).toThrow(/maxAttempts/);
    expect(() => createDhcpClient({ link, mac: '02:00:00:00:00:01', timeScale: -1 })).toThrow(/timeScale/);
    void link.close();
  });
});
