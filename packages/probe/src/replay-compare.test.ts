import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { type Frame, type Link, readCaptureFile, srp1, virtualHub } from '@wirecraft/capture';
import { createDhcpServer, type DhcpServer } from '@wirecraft/dhcp';
import { BOOTP, build, DHCP, dissect, Ether, IP, type Packet, packet, UDP } from '@wirecraft/packet';
import { compareReplay, ReplayCompareError } from './replay-compare.js';
import { recordedExchanges } from './replay-exchanges.js';
import { diffReplies } from './replay-field-diff.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

async function readFrames(name: string): Promise<Frame[]> {
  const frames: Frame[] = [];
  for await (const frame of readCaptureFile(`${FIXTURES}${name}`)) frames.push(frame);
  return frames;
}

interface Network {
  client: Link;
  /** Sees every frame on the hub: what the server really received. */
  tap: Link;
  server: DhcpServer;
  close(): Promise<void>;
}

async function startServer(): Promise<Network> {
  const [client, serverPort, tap] = virtualHub(3, { name: 'replay' });
  const server = createDhcpServer({
    links: [serverPort],
    serverId: '198.18.0.1',
    serverMac: '02:00:5e:00:00:01',
    pools: [
      { range: '198.18.0.100-198.18.0.199', subnet: '198.18.0.0/24', router: '198.18.0.1', leaseTime: 3600 },
    ],
  });
  await server.start();
  return {
    client,
    tap,
    server,
    async close() {
      await server.stop();
      await Promise.allSettled([client.close(), serverPort.close(), tap.close()]);
    },
  };
}

function frameOf(p: Packet, seconds: number): Frame {
  const data = build(p);
  return {
    data,
    linktype: 1,
    originalLength: data.length,
    timestamp: { seconds, nanoseconds: 0, precision: 6 },
  };
}

function discover(mac: string, xid: number): Packet {
  return packet(
    Ether({ src: mac, dst: 'ff:ff:ff:ff:ff:ff' }),
    IP({ src: '0.0.0.0', dst: '255.255.255.255' }),
    UDP({ sport: 68, dport: 67 }),
    BOOTP({ op: 1, xid, chaddr: mac, flags: 0x8000 }),
    DHCP({
      options: [
        ['message-type', 'discover'],
        ['client_id', { type: 1, id: mac }],
      ],
    }),
  );
}

describe('recordedExchanges', () => {
  it('pairs the Wireshark DORA sample into DISCOVER->OFFER and REQUEST->ACK', async () => {
    const capture = recordedExchanges(await readFrames('arkime_wireshark-dhcp.pcap'));
    expect(
      capture.exchanges.map((e) => [e.frameNumber, e.replyFrameNumber, e.reply?.get(DHCP)?.messageType]),
    ).toEqual([
      [1, 2, 'offer'],
      [3, 4, 'ack'],
    ]);
    expect(capture).toMatchObject({ otherFrames: 0, unpairedReplies: 0 });
  });

  it('pairs retransmissions and answers first to first, counts surplus answers and unpaired ones', () => {
    const mac = '02:00:00:00:00:07';
    const d = discover(mac, 7);
    const offer = packet(
      Ether({ src: '02:00:5e:00:00:09', dst: mac }),
      IP({ src: '198.18.0.9', dst: '255.255.255.255' }),
      UDP({ sport: 67, dport: 68 }),
      BOOTP({ op: 2, xid: 7, chaddr: mac, yiaddr: '198.18.0.150' }),
      DHCP({ options: [['message-type', 'offer']] }),
    );
    const stray = packet(Ether(), IP(), UDP({ sport: 67, dport: 68 }), BOOTP({ op: 2, xid: 8, chaddr: mac }));
    const capture = recordedExchanges([
      frameOf(d, 1),
      frameOf(d, 2),
      frameOf(offer, 3),
      frameOf(offer, 4),
      frameOf(offer, 5),
      frameOf(stray, 6),
      frameOf(packet(Ether(), IP(), UDP({ sport: 53, dport: 53 })), 7),
    ]);
    expect(capture.exchanges.map((e) => [e.frameNumber, e.replyFrameNumber, e.extraReplies])).toEqual([
      [1, 3, 0],
      [2, 4, 1],
    ]);
    expect(capture).toMatchObject({ otherFrames: 1, unpairedReplies: 1 });
  });
});

describe('diffReplies', () => {
  it('separates expected-variable fields from real differences and reports absent options', () => {
    const reply = (yiaddr: string, lease: number, router?: string) =>
      packet(
        Ether({ src: '02:00:5e:00:00:01', dst: '02:00:00:00:00:01' }),
        IP({ src: '198.18.0.1', dst: yiaddr, id: yiaddr.endsWith('100') ? 1 : 2 }),
        UDP({ sport: 67, dport: 68 }),
        BOOTP({ op: 2, xid: 1, chaddr: '02:00:00:00:00:01', yiaddr }),
        DHCP({
          options: { 'message-type': 'ack', lease_time: lease, ...(router ? { router: [router] } : {}) },
        }),
      );
    const diff = diffReplies(reply('198.18.0.100', 3600, '198.18.0.1'), reply('198.18.0.101', 600));
    expect(diff.differences).toEqual([
      { path: 'DHCP.options.lease_time', expected: 3600, actual: 600 },
      { path: 'DHCP.options.router', expected: ['198.18.0.1'], actual: undefined },
    ]);
    expect(diff.variable.map((d) => d.path)).toEqual(['IP.id', 'IP.dst', 'BOOTP.yiaddr']);
  });
});

describe('compareReplay against the built-in server on a virtual hub', () => {
  it('reports the same answer as recorded from an identical server, variable fields apart', async () => {
    const recordedNet = await startServer();
    const frames: Frame[] = [];
    try {
      const request = discover('02:00:00:00:00:21', 0x2121);
      const answer = await srp1(recordedNet.client, request, { timeout: 5000 });
      if (!answer) throw new Error('the recording server did not answer');
      frames.push(frameOf(request, 1), { ...answer.frame, linktype: 1 });
    } finally {
      await recordedNet.close();
    }
    const live = await startServer();
    try {
      const result = await compareReplay(frames, { link: live.client, timeoutMs: 5000 });
      expect(result.steps).toHaveLength(1);
      expect(result.steps[0]).toMatchObject({
        message: 'discover',
        outcome: 'same',
        differences: [],
        rewrites: [],
      });
      expect(result.counts.same).toBe(1);
      expect(result.complete).toBe(true);
    } finally {
      await live.close();
    }
  });

  it('follows the live OFFER in the recorded REQUEST and maps rewritten xid and chaddr back', async () => {
    const net = await startServer();
    const seen: Packet[] = [];
    const tapped = (async () => {
      for await (const frame of net.tap.frames()) {
        const p = dissect(frame.data, { linktype: frame.linktype });
        if (p.get(BOOTP)?.op === 1) seen.push(p);
      }
    })();
    try {
      const result = await compareReplay(await readFrames('arkime_wireshark-dhcp.pcap'), {
        link: net.client,
        timeoutMs: 5000,
        rewriteXid: true,
        rewriteChaddr: true,
      });
      expect(
        result.steps.map((s) => [
          s.message,
          s.outcome,
          s.live?.endsWith('DHCP Offer') || s.live?.endsWith('DHCP Ack'),
        ]),
      ).toEqual([
        ['discover', 'differs', true],
        ['request', 'differs', true],
      ]);
      const [offerStep, ackStep] = result.steps;
      // Rewritten identities never show up as differences once mapped back.
      const paths = (s: typeof offerStep) => s.differences.map((d) => d.path);
      for (const step of result.steps) {
        expect(paths(step)).not.toContain('BOOTP.xid');
        expect(paths(step)).not.toContain('BOOTP.chaddr');
        expect(paths(step)).not.toContain('Ether.dst');
        // The recorded server (2003) did not echo the client id; ours does (RFC 6842). The echo is the
        // rewritten id, mapped back to the recorded one.
        expect(step.differences.filter((d) => d.path === 'DHCP.options.client_id')).toEqual([
          { path: 'DHCP.options.client_id', actual: { type: 1, id: '00:0b:82:01:fc:42' } },
        ]);
      }
      expect(offerStep.differences).toContainEqual({
        path: 'DHCP.options.server_id',
        expected: '192.168.0.1',
        actual: '198.18.0.1',
      });
      expect(offerStep.variable).toContainEqual({
        path: 'BOOTP.yiaddr',
        expected: '192.168.0.10',
        actual: '198.18.0.100',
      });
      expect(ackStep.rewrites).toEqual([
        expect.stringMatching(/^xid 0x3d1e → 0x[0-9a-f]+$/),
        expect.stringMatching(/^chaddr and client_id 00:0b:82:01:fc:42 → ([0-9a-f]{2}:){5}[0-9a-f]{2}$/),
        'server_id 192.168.0.1 → 198.18.0.1 (as answered live)',
        'requested_addr 192.168.0.10 → 198.18.0.100 (as answered live)',
      ]);
      // What the server received: fresh identities, one per recorded one, never the recorded ones.
      const macs = new Set(seen.map((p) => p.layer(Ether).src));
      const xids = seen.map((p) => p.layer(BOOTP).xid);
      expect(macs.size).toBe(1);
      expect(macs.has('00:0b:82:01:fc:42')).toBe(false);
      expect(xids).not.toContain(0x3d1d);
      expect(new Set(xids).size).toBe(2);
    } finally {
      await net.close();
      await tapped;
    }
  });

  it('rejects a capture of another link type, naming the frame', async () => {
    const net = await startServer();
    try {
      const frames = await readFrames('arkime_wireshark-dhcp.pcap');
      const rawIp = frames.map((f) => ({ ...f, data: f.data.subarray(14), linktype: 101 }));
      await expect(compareReplay(rawIp, { link: net.client, timeoutMs: 100 })).rejects.toThrow(
        new ReplayCompareError(
          'frame 1 has linktype 101 but replay0 carries linktype 1: replay needs a capture of the same link type (Ethernet is 1)',
        ),
      );
      await expect(compareReplay(frames, { link: net.client, timeoutMs: 0 })).rejects.toThrow(
        'timeoutMs 0 must be > 0',
      );
    } finally {
      await net.close();
    }
  });
});
