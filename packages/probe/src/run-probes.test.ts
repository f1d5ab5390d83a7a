import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type VirtualPort, virtualPair } from '@wirecraft/capture';
import { createDhcpServer, type DhcpClient, type DhcpServer } from '@wirecraft/dhcp';
import { BOOTP, DHCP, Ether, IP, type Packet, packet, UDP } from '@wirecraft/packet';
import { expectPacket } from './expect-packet.js';
import {
  type CheckResult,
  defineProbes,
  type ProbeContext,
  ProbeSkip,
  type ProbeTarget,
  runProbes,
} from './probe.js';

const target: ProbeTarget = {
  kind: 'wirecraft',
  serverAddress: '198.18.0.1',
  subnet: '198.18.0.0',
  prefixLength: 24,
  poolStart: '198.18.0.100',
  poolEnd: '198.18.0.199',
  leaseTime: 3600,
};

function discover(ctx: ProbeContext): Packet {
  const mac = ctx.newMac();
  return packet(
    Ether({ src: mac, dst: 'ff:ff:ff:ff:ff:ff' }),
    IP({ src: '0.0.0.0', dst: '255.255.255.255' }),
    UDP({ sport: 68, dport: 67 }),
    BOOTP({ xid: ctx.newXid(), chaddr: mac, flags: 0x8000 }),
    DHCP({ options: { 'message-type': 'discover' } }),
  );
}

let clientSide: VirtualPort;
let serverSide: VirtualPort;
let server: DhcpServer;

beforeAll(async () => {
  [clientSide, serverSide] = virtualPair();
  server = createDhcpServer({
    links: [serverSide],
    serverId: target.serverAddress,
    serverMac: '02:00:00:00:00:fe',
    pools: [{ range: '198.18.0.100-198.18.0.199', subnet: '198.18.0.0/24', leaseTime: 3600 }],
  });
  await server.start();
});

afterAll(async () => {
  await server.stop();
  await clientSide.close();
  await serverSide.close();
});

describe('runProbes over a virtual link to our own server', () => {
  it('reports pass, fail with the differing fields, skip, thrown errors and timeouts, with the traffic', async () => {
    let client: DhcpClient | undefined;
    const set = defineProbes({
      name: 'basics',
      checks: [
        {
          name: 'offer carries the server id',
          rfc: 'RFC 2131 §4.3.1',
          async run(ctx) {
            const offer = await ctx.srp1(discover(ctx));
            expectPacket(offer, 'OFFER').toMatchPacket({
              DHCP: { options: { 'message-type': 'offer', server_id: ctx.target.serverAddress } },
            });
            ctx.note(`offered ${offer?.get(BOOTP)?.yiaddr}`);
          },
        },
        {
          name: 'lease time is two hours',
          async run(ctx) {
            expectPacket(await ctx.srp1(discover(ctx)), 'OFFER').toHaveOption('lease_time', 7200);
          },
        },
        {
          name: 'relay',
          async run(ctx) {
            if (ctx.target.relayAddress === undefined) throw new ProbeSkip('the target has no relay address');
          },
        },
        {
          name: 'throws',
          async run() {
            throw new RangeError('boom');
          },
        },
        {
          name: 'hangs',
          timeoutMs: 50,
          async run(ctx) {
            await ctx.sniff({ timeoutMs: 600_000 });
            await new Promise(() => {});
          },
        },
        {
          name: 'client obtains a lease',
          async run(ctx) {
            client = ctx.client();
            const lease = await client.obtain();
            ctx.note(`leased ${lease.address}`);
          },
        },
      ],
    });
    const started: string[] = [];
    const streamed: CheckResult[] = [];
    const results = await runProbes([set], {
      link: clientSide,
      target,
      onStart: (setName, check) => started.push(`${setName}/${check}`),
      onResult: (result) => streamed.push(result),
    });

    expect(results.map((r) => [r.name, r.status])).toEqual([
      ['offer carries the server id', 'pass'],
      ['lease time is two hours', 'fail'],
      ['relay', 'skip'],
      ['throws', 'fail'],
      ['hangs', 'fail'],
      ['client obtains a lease', 'pass'],
    ]);
    expect(streamed).toEqual(results);
    expect(started).toEqual(results.map((r) => `basics/${r.name}`));

    const [offer, lease, relay, throws, hangs, obtained] = results;
    expect(offer.rfc).toBe('RFC 2131 §4.3.1');
    expect(offer.sent).toEqual([expect.stringMatching(/^\+\d+\.\dms Ether \/ IP \/ UDP .* DHCP Discover$/)]);
    expect(offer.received).toEqual([expect.stringMatching(/^\+\d+\.\dms Ether \/ IP \/ UDP .* DHCP Offer$/)]);
    expect(offer.notes).toEqual([expect.stringMatching(/^offered 198\.18\.0\.1\d\d$/)]);
    expect(offer.message).toBeUndefined();

    expect(lease.message).toBe(
      'OFFER option lease_time differs:\n  DHCP.options.lease_time: expected 7200, got 3600',
    );
    expect(lease.differences).toEqual([{ path: 'DHCP.options.lease_time', expected: 7200, actual: 3600 }]);
    expect(lease.received).toHaveLength(1);

    expect(relay.message).toBe('the target has no relay address');
    expect(relay.sent).toEqual([]);
    expect(throws.message).toBe('RangeError: boom');
    expect(hangs.message).toBe('timed out after 50 ms');

    expect(obtained.sent.map((line) => line.replace(/^\S+ /, ''))).toEqual([
      expect.stringMatching(/DHCP Discover$/),
      expect.stringMatching(/DHCP Request$/),
    ]);
    expect(obtained.notes).toEqual([expect.stringMatching(/^leased 198\.18\.0\.1\d\d$/)]);
    // Clients a check creates are stopped once it ends.
    expect(client?.state).toBe('STOPPED');
  });

  it('gives every check fresh locally administered MACs and distinct xids', async () => {
    const macs: string[] = [];
    const xids: number[] = [];
    const draw = {
      name: 'draw',
      async run(ctx: ProbeContext) {
        for (let i = 0; i < 100; i++) {
          macs.push(ctx.newMac());
          xids.push(ctx.newXid());
        }
      },
    };
    await runProbes([{ name: 'ids', checks: [draw, { ...draw, name: 'draw again' }] }], {
      link: clientSide,
      target,
    });
    expect(new Set(macs).size).toBe(200);
    expect(new Set(xids).size).toBe(200);
    for (const mac of macs) expect(mac).toMatch(/^02(:[0-9a-f]{2}){5}$/);
  });

  it('runs only the checks `only` selects, by set/name or name', async () => {
    const ran: string[] = [];
    const check = (name: string) => ({
      name,
      async run() {
        ran.push(name);
      },
    });
    const sets = [
      { name: 'a', checks: [check('one'), check('two')] },
      { name: 'b', checks: [check('one'), check('three')] },
    ];
    const results = await runProbes(sets, { link: clientSide, target, only: /^b\/|^two$/g });
    expect(results.map((r) => `${r.set}/${r.name}`)).toEqual(['a/two', 'b/one', 'b/three']);
    expect(ran).toEqual(['two', 'one', 'three']);
  });

  it('stops at an aborted run signal: the running check fails and no later check starts', async () => {
    const run = new AbortController();
    const results = await runProbes(
      [
        {
          name: 'abort',
          checks: [
            {
              name: 'aborts the run',
              async run(ctx) {
                run.abort();
                await ctx.sniff({ timeoutMs: 600_000 });
              },
            },
            {
              name: 'never starts',
              async run() {},
            },
          ],
        },
      ],
      { link: clientSide, target, signal: run.signal },
    );
    expect(results.map((r) => [r.name, r.status, r.message])).toEqual([
      ['aborts the run', 'fail', 'run aborted before the check finished'],
    ]);
  });

  it('detaches a timed-out check: it can no longer send on the link', async () => {
    let lateSend: Promise<unknown> | undefined;
    let release: () => void = () => {};
    const resumed = new Promise<void>((resolve) => {
      release = resolve;
    });
    await runProbes(
      [
        {
          name: 'late',
          checks: [
            {
              name: 'keeps going after its timeout',
              timeoutMs: 20,
              async run(ctx) {
                await resumed;
                lateSend = ctx.send(discover(ctx)).catch((error: unknown) => error);
              },
            },
          ],
        },
      ],
      { link: clientSide, target },
    );
    release();
    await resumed;
    await new Promise((resolve) => setImmediate(resolve));
    expect(await lateSend).toMatchObject({ name: 'LinkClosedError' });
    expect(clientSide.closed).toBe(false);
  });
});
