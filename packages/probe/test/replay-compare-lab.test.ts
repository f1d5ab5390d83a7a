import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { type Frame, readCaptureFile, srp1 } from '@wirecraft/capture';
import { describeLab } from '@wirecraft/lab';
import {
  BOOTP,
  build,
  DHCP,
  type DhcpOptionItem,
  Ether,
  IP,
  type Packet,
  packet,
  UDP,
} from '@wirecraft/packet';
import { type LabTarget, startLabTarget } from '../src/lab-target.js';
import { compareReplay } from '../src/replay-compare.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

function addressNumber(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function inPool(lab: LabTarget, address: unknown): boolean {
  if (typeof address !== 'string') return false;
  const n = addressNumber(address);
  return n >= addressNumber(lab.target.poolStart) && n <= addressNumber(lab.target.poolEnd);
}

function clientMessage(mac: string, xid: number, options: readonly DhcpOptionItem[]): Packet {
  return packet(
    Ether({ src: mac, dst: 'ff:ff:ff:ff:ff:ff' }),
    IP({ src: '0.0.0.0', dst: '255.255.255.255' }),
    UDP({ sport: 68, dport: 67 }),
    BOOTP({ op: 1, xid, chaddr: mac, flags: 0x8000 }),
    DHCP({ options }),
  );
}

function frameOf(p: Packet): Frame {
  const data = build(p);
  return {
    data,
    linktype: 1,
    originalLength: data.length,
    timestamp: { seconds: 0, nanoseconds: 0, precision: 6 },
  };
}

describeLab('compareReplay against dnsmasq in a namespace', () => {
  let lab: LabTarget;
  beforeAll(async () => {
    lab = await startLabTarget('dnsmasq');
  });
  afterAll(async () => {
    await lab?.close();
  });

  it('replays the Wireshark DORA sample: live OFFER and ACK, the REQUEST following the live OFFER', async () => {
    const frames: Frame[] = [];
    for await (const frame of readCaptureFile(`${FIXTURES}arkime_wireshark-dhcp.pcap`)) frames.push(frame);
    const result = await compareReplay(frames, {
      link: lab.link,
      timeoutMs: 5000,
      rewriteXid: true,
      rewriteChaddr: true,
    });
    expect(result.steps.map((s) => [s.message, s.outcome, s.live?.split(' / ').at(-1)])).toEqual([
      ['discover', 'differs', 'DHCP Offer'],
      ['request', 'differs', 'DHCP Ack'],
    ]);
    const serverId = lab.target.serverAddress;
    for (const step of result.steps) {
      expect(step.differences).toContainEqual({
        path: 'DHCP.options.server_id',
        expected: '192.168.0.1',
        actual: serverId,
      });
      const yiaddr = step.variable.find((d) => d.path === 'BOOTP.yiaddr');
      expect(yiaddr?.expected).toBe('192.168.0.10');
      expect(inPool(lab, yiaddr?.actual)).toBe(true);
      expect(step.differences.map((d) => d.path)).not.toContain('BOOTP.xid');
      expect(step.differences.map((d) => d.path)).not.toContain('BOOTP.chaddr');
    }
    const offered = result.steps[0].variable.find((d) => d.path === 'BOOTP.yiaddr')?.actual;
    expect(result.steps[1].rewrites).toContain(`server_id 192.168.0.1 → ${serverId} (as answered live)`);
    expect(result.steps[1].rewrites).toContain(`requested_addr 192.168.0.10 → ${offered} (as answered live)`);
  });

  it('finds no difference but the variable ones when replaying what this same server answered', async () => {
    const mac = '02:00:00:5a:00:01';
    const discover = clientMessage(mac, 0x5a01, [['message-type', 'discover']]);
    const offer = await srp1(lab.link, discover, { timeout: 5000 });
    if (!offer) throw new Error('dnsmasq did not answer the recording DISCOVER');
    const request = clientMessage(mac, 0x5a02, [
      ['message-type', 'request'],
      ['server_id', lab.target.serverAddress],
      ['requested_addr', offer.reply.layer(BOOTP).yiaddr],
    ]);
    const ack = await srp1(lab.link, request, { timeout: 5000 });
    if (!ack) throw new Error('dnsmasq did not answer the recording REQUEST');
    const recorded = [frameOf(discover), offer.frame, frameOf(request), ack.frame];

    const result = await compareReplay(recorded, {
      link: lab.link,
      timeoutMs: 5000,
      rewriteXid: true,
      rewriteChaddr: true,
    });
    expect(result.steps.map((s) => [s.message, s.outcome, s.differences])).toEqual([
      ['discover', 'same', []],
      ['request', 'same', []],
    ]);
    // A fresh client gets another address: listed as expected-variable, and the REQUEST asked for it.
    const liveAddress = result.steps[0].variable.find((d) => d.path === 'BOOTP.yiaddr')?.actual;
    expect(inPool(lab, liveAddress)).toBe(true);
    expect(liveAddress).not.toBe(offer.reply.layer(BOOTP).yiaddr);
    expect(result.steps[1].rewrites).toContain(
      `requested_addr ${offer.reply.layer(BOOTP).yiaddr} → ${liveAddress} (as answered live)`,
    );
  });
});
