import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { virtualPair } from '@wirecraft/capture';
import { packet } from '@wirecraft/packet';
import fc from 'fast-check';
import { request, ScriptedClient } from '../../test/server-support/scripted-client.js';
import { composeDhcpFrame } from '../wire.js';
import { createDhcpServer } from './dhcp-server.js';
import type { DhcpServerOptions } from './server-config.js';
import type { DhcpServerEvent } from './server-events.js';

const SERVER = '198.18.0.1';
const dir = mkdtempSync(join(tmpdir(), 'wirecraft-server-durability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function serverOn(link: ReturnType<typeof virtualPair>[0], extra: Partial<DhcpServerOptions> = {}) {
  return createDhcpServer({
    links: [link],
    serverId: SERVER,
    serverMac: '02:00:00:00:00:fe',
    pools: [{ range: '198.18.0.10-198.18.0.12', subnet: '198.18.0.0/24', leaseTime: 600 }],
    ...extra,
  });
}

describe('DHCP server: lease file', () => {
  it('has the lease on disk before the ACK leaves, and a restarted server keeps it', async () => {
    const leaseFile = join(dir, 'restart.leases');
    const [serverPort, clientPort] = virtualPair();
    const client = new ScriptedClient(clientPort);
    const first = serverOn(serverPort, { leaseFile });
    // At the moment the ACK is sent, the file must already hold the lease.
    const onDiskAtAck: string[] = [];
    first.on((event) => {
      if (event.type === 'sent' && event.summary.messageType === 'ACK')
        onDiskAtAck.push(readFileSync(leaseFile, 'utf8'));
    });
    await first.start();
    const offer = await client.exchange(request('DISCOVER', { mac: '02:00:00:00:00:01', hostname: 'kept' }));
    await client.exchange(
      request('REQUEST', { mac: '02:00:00:00:00:01', serverId: SERVER, requested: offer.message.yiaddr }),
    );
    expect(onDiskAtAck).toHaveLength(1);
    expect(onDiskAtAck[0]).toContain('"address":"198.18.0.10"');
    expect(onDiskAtAck[0]).toContain('"state":"bound"');
    await first.stop();

    const second = serverOn(serverPort, { leaseFile });
    await second.start();
    expect(second.leases()).toMatchObject([
      { address: '198.18.0.10', mac: '02:00:00:00:00:01', state: 'bound', hostname: 'kept' },
    ]);
    const stranger = await client.exchange(
      request('DISCOVER', { mac: '02:00:00:00:00:02', requested: '198.18.0.10' }),
    );
    expect(stranger.message.yiaddr).not.toBe('198.18.0.10');
    const reboot = await client.exchange(
      request('REQUEST', { mac: '02:00:00:00:00:01', requested: '198.18.0.10' }),
    );
    expect(reboot.message.messageType).toBe('ack');
    await second.stop();
    await client.close();
    await serverPort.close();
    await clientPort.close();
  });

  it('groups the lease writes of a burst of requests, never ACKing before the write', async () => {
    const leaseFile = join(dir, 'burst.leases');
    const [serverPort, clientPort] = virtualPair();
    const client = new ScriptedClient(clientPort);
    const server = createDhcpServer({
      links: [serverPort],
      serverId: SERVER,
      serverMac: '02:00:00:00:00:fe',
      pools: [{ range: '198.18.0.10-198.18.0.250', subnet: '198.18.0.0/24' }],
      leaseFile,
    });
    await server.start();
    const macs = Array.from({ length: 100 }, (_, i) => `02:00:00:00:01:${i.toString(16).padStart(2, '0')}`);
    const offers = await Promise.all(macs.map((mac) => client.exchange(request('DISCOVER', { mac }))));
    const acks = await Promise.all(
      offers.map((offer) =>
        client.exchange(
          request('REQUEST', {
            mac: offer.message.chaddr,
            serverId: SERVER,
            requested: offer.message.yiaddr,
          }),
        ),
      ),
    );
    expect(acks.every((ack) => ack.message.messageType === 'ack')).toBe(true);
    expect(server.leaseWrites).toBeLessThan(100);
    const onDisk = readFileSync(leaseFile, 'utf8').trim().split('\n').slice(1);
    expect(onDisk).toHaveLength(100);
    await server.stop();
    await client.close();
    await serverPort.close();
    await clientPort.close();
  });
});

describe('DHCP server: fuzz', () => {
  it('survives random frames and mutated requests, and still answers', async () => {
    const [serverPort, clientPort] = virtualPair();
    const client = new ScriptedClient(clientPort);
    // Mutated requests that stay valid get offers and leases for whatever chaddr or client id they came to
    // carry: a pool of 3 ran out now and then, and the final DISCOVER then got silence, not a crash.
    const server = serverOn(serverPort, {
      pools: [{ range: '198.18.0.10-198.18.0.250', subnet: '198.18.0.0/24', leaseTime: 600 }],
    });
    const events: DhcpServerEvent[] = [];
    server.on((e) => events.push(e));
    await server.start();
    const base = composeDhcpFrame({
      message: request('REQUEST', {
        mac: '02:00:00:00:00:01',
        requested: '198.18.0.10',
        serverId: SERVER,
        prl: [1, 3, 6],
        extra: [{ code: 82, data: Uint8Array.of(1, 2, 3, 4) }],
      }),
      srcMac: '02:00:00:00:00:01',
      dstMac: 'ff:ff:ff:ff:ff:ff',
      srcIp: '0.0.0.0',
      dstIp: '255.255.255.255',
    });
    const payloadStart = 14 + 20 + 8;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ minLength: 0, maxLength: 600 }),
          fc
            .array(fc.tuple(fc.nat(base.length - payloadStart - 1), fc.integer({ min: 0, max: 255 })), {
              maxLength: 12,
            })
            .map((edits) => {
              // Mutate the BOOTP/DHCP payload only, so the frames reach the server's parser.
              const frame = base.slice();
              for (const [at, value] of edits) frame[payloadStart + at] = value;
              return frame;
            }),
          fc
            .record({
              type: fc.integer({ min: 0, max: 255 }),
              len: fc.integer({ min: 0, max: 255 }),
              body: fc.uint8Array({ maxLength: 40 }),
            })
            .map(({ type, len, body }) => {
              // Any code with any data, as raw bytes: the registry would refuse to build most of these.
              const message = request('DISCOVER', {
                mac: '02:00:00:00:00:02',
                extra: [{ code: type, data: body.slice(0, len) }],
              });
              const bytes = packet(message.bootp, message.dhcp).build();
              const frame = base.slice(0, payloadStart + bytes.length);
              frame.set(bytes, payloadStart);
              return frame;
            }),
        ),
        async (frame) => {
          await clientPort.send(frame);
        },
      ),
      { numRuns: 400 },
    );
    const ok = await client.exchange(request('DISCOVER', { mac: '02:00:00:00:00:03' }));
    expect(ok.message.messageType).toBe('offer');
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
    expect(events.some((e) => e.type === 'malformed')).toBe(true);
    await server.stop();
    await client.close();
    await serverPort.close();
    await clientPort.close();
  });
});
