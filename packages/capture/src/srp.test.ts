import { describe, expect, it } from '@jest/globals';
import { ARP, dissect, Ether, packet } from '@wirecraft/packet';
import type { VirtualPort } from './link/virtual-link.js';
import { virtualHub } from './link/virtual-link.js';
import { srp, srp1 } from './srp.js';

const CLIENT_MAC = '02:00:00:00:00:01';

function whoHas(pdst: string) {
  return packet(
    Ether({ dst: 'ff:ff:ff:ff:ff:ff', src: CLIENT_MAC }),
    ARP({ op: 1, hwsrc: CLIENT_MAC, psrc: '198.18.0.100', pdst }),
  );
}

/** A host answering ARP for `address` with `mac`, like a kernel would. */
async function arpResponder(port: VirtualPort, address: string, mac: string): Promise<void> {
  // frames() is called synchronously so the responder is live before the test sends anything.
  for await (const frame of port.frames()) {
    const arp = dissect(frame.data).get(ARP);
    if (arp?.op !== 1 || arp.pdst !== address) continue;
    await port.send(
      packet(
        Ether({ dst: arp.hwsrc, src: mac }),
        ARP({ op: 2, hwsrc: mac, psrc: address, hwdst: arp.hwsrc, pdst: arp.psrc }),
      ).build(),
    );
  }
}

describe('srp with @wirecraft/packet', () => {
  it('resolves ARP requests against two hosts on a virtual hub; the unknown address stays unanswered', async () => {
    const [client, hostA, hostB] = virtualHub(3);
    const responders = [
      arpResponder(hostA, '198.18.0.1', '02:00:00:00:00:0a'),
      arpResponder(hostB, '198.18.0.2', '02:00:00:00:00:0b'),
    ];
    try {
      const requests = [whoHas('198.18.0.1'), whoHas('198.18.0.2'), whoHas('198.18.0.3')];
      const { answered, unanswered } = await srp(client, requests, { timeout: 100 });
      expect(answered.map((a) => [a.request.layer(ARP).pdst, a.reply.layer(ARP).hwsrc])).toEqual([
        ['198.18.0.1', '02:00:00:00:00:0a'],
        ['198.18.0.2', '02:00:00:00:00:0b'],
      ]);
      expect(unanswered.map((p) => p.layer(ARP).pdst)).toEqual(['198.18.0.3']);
    } finally {
      await Promise.all([client.close(), hostA.close(), hostB.close()]);
      await Promise.all(responders);
    }
  });

  it('srp1 returns the first answer at once', async () => {
    const [client, host] = virtualHub(2);
    const responder = arpResponder(host, '198.18.0.1', '02:00:00:00:00:0a');
    try {
      const answer = await srp1(client, whoHas('198.18.0.1'), { timeout: 60_000 });
      expect(answer?.reply.layer(ARP).psrc).toBe('198.18.0.1');
      expect(answer?.frame.linktype).toBe(1);
    } finally {
      await Promise.all([client.close(), host.close()]);
      await responder;
    }
  });
});
