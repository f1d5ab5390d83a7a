import { afterEach, describe, expect, it } from '@jest/globals';
import { virtualPair } from '@wirecraft/capture';
import { ARP, dissect, Ether, packet } from '@wirecraft/packet';
import { type ArpRequest, arpReplyFrame, arpWhoHas, runArpResponder } from './arp-responder.js';

const OUR_MAC = '02:00:00:00:00:01';
const ASKER_MAC = '02:00:00:00:00:fe';

function whoHas(target: string, senderIp = '198.18.0.1', senderMac = ASKER_MAC): Uint8Array {
  return packet(
    Ether({ src: senderMac, dst: 'ff:ff:ff:ff:ff:ff' }),
    ARP({ op: 1, hwsrc: senderMac, psrc: senderIp, pdst: target }),
  ).build();
}

describe('arpWhoHas', () => {
  it('reads the sender and target of an Ethernet/IPv4 request', () => {
    expect(arpWhoHas(whoHas('198.18.0.100'))).toEqual({
      senderMac: ASKER_MAC,
      senderIp: '198.18.0.1',
      targetIp: '198.18.0.100',
    });
  });

  it('ignores replies, non-ARP frames and short frames', () => {
    const reply = packet(Ether({ src: ASKER_MAC }), ARP({ op: 2, pdst: '198.18.0.100' })).build();
    expect(arpWhoHas(reply)).toBeUndefined();
    expect(arpWhoHas(whoHas('198.18.0.100').subarray(0, 41))).toBeUndefined();
    const ip = packet(Ether({ src: ASKER_MAC, type: 0x0800 }), ARP({ op: 1 })).build();
    expect(arpWhoHas(ip)).toBeUndefined();
  });
});

describe('arpReplyFrame', () => {
  it('builds an is-at from us to the asker', () => {
    const request: ArpRequest = { senderMac: ASKER_MAC, senderIp: '198.18.0.1', targetIp: '198.18.0.100' };
    const reply = dissect(arpReplyFrame(request, OUR_MAC));
    expect(reply.layer(Ether).dst).toBe(ASKER_MAC);
    expect(reply.layer(Ether).src).toBe(OUR_MAC);
    const arp = reply.layer(ARP);
    expect([arp.op, arp.hwsrc, arp.psrc, arp.hwdst, arp.pdst]).toEqual([
      2,
      OUR_MAC,
      '198.18.0.100',
      ASKER_MAC,
      '198.18.0.1',
    ]);
  });
});

describe('runArpResponder', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function responder(address: () => string | undefined) {
    const [ours, theirs] = virtualPair();
    const abort = new AbortController();
    const answered: ArpRequest[] = [];
    const replies = theirs.frames();
    const done = runArpResponder({
      link: ours,
      mac: OUR_MAC,
      signal: abort.signal,
      answeringFor: address,
      answered: (request) => answered.push(request),
      failed: (error) => {
        throw error;
      },
    });
    cleanups.push(async () => {
      abort.abort();
      await done;
      await replies.return?.();
      await ours.close();
      await theirs.close();
    });
    return { theirs, answered, replies };
  }

  it('answers only requests for the address it holds, and nothing while it holds none', async () => {
    // Frames are processed after the sends return, so the held address changes per frame processed.
    let asked = 0;
    const { theirs, answered, replies } = await responder(() => (asked++ === 0 ? undefined : '198.18.0.100'));
    await theirs.send(whoHas('198.18.0.100'));
    await theirs.send(whoHas('198.18.0.101'));
    await theirs.send(whoHas('198.18.0.100'));
    const first = await replies.next();
    expect(first.done).toBe(false);
    if (first.done) return;
    const arp = dissect(first.value.data).layer(ARP);
    expect([arp.op, arp.psrc, arp.hwsrc, arp.pdst]).toEqual([2, '198.18.0.100', OUR_MAC, '198.18.0.1']);
    expect(answered).toEqual([{ senderMac: ASKER_MAC, senderIp: '198.18.0.1', targetIp: '198.18.0.100' }]);
  });

  it('never answers its own requests', async () => {
    const { theirs, answered } = await responder(() => '198.18.0.100');
    await theirs.send(whoHas('198.18.0.100', '0.0.0.0', OUR_MAC));
    await theirs.send(whoHas('198.18.0.100', '0.0.0.0'));
    for (let i = 0; i < 100 && answered.length === 0; i++) await new Promise((r) => setTimeout(r, 1));
    expect(answered).toEqual([{ senderMac: ASKER_MAC, senderIp: '0.0.0.0', targetIp: '198.18.0.100' }]);
  });
});
