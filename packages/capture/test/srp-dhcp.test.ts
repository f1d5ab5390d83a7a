import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createLab, type DnsmasqPeer, describeLab, type Lab, startDnsmasq } from '@wirecraft/lab';
import { BOOTP, DHCP, Ether, IP, packet, UDP } from '@wirecraft/packet';
import { type LiveLink, openLiveLink } from '../src/link/live-link.js';
import { srp, srp1 } from '../src/srp.js';

const CLIENT_MAC = '02:00:5e:10:00:01';

function discover(xid: number, mac = CLIENT_MAC) {
  return packet(
    Ether({ dst: 'ff:ff:ff:ff:ff:ff', src: mac }),
    IP({ src: '0.0.0.0', dst: '255.255.255.255' }),
    UDP({ sport: 68, dport: 67 }),
    BOOTP({ op: 1, xid, chaddr: mac, flags: 0x8000 }),
    DHCP({ options: [['message-type', 'discover'], 'end'] }),
  );
}

describeLab('srp against dnsmasq on a real veth', () => {
  let lab: Lab;
  let dnsmasq: DnsmasqPeer;
  let link: LiveLink;
  beforeAll(async () => {
    lab = await createLab({ name: 'srp-dhcp' });
    const prefix = lab.peerAddress.split('.').slice(0, 3).join('.');
    dnsmasq = await startDnsmasq(lab, { rangeStart: `${prefix}.100`, rangeEnd: `${prefix}.150` });
    link = await openLiveLink({ iface: lab.hostIface, filter: 'udp and port 67 or port 68' });
  });
  afterAll(async () => {
    await link?.close();
    await dnsmasq?.stop();
    await lab?.close();
  });

  it('srp1 of a DHCP DISCOVER returns the OFFER', async () => {
    const request = discover(0x1234abcd);
    const answer = await srp1(link, request, { timeout: 5_000 });
    expect(answer).toBeDefined();
    const bootp = answer!.reply.layer(BOOTP);
    expect(bootp.op).toBe(2);
    expect(bootp.xid).toBe(0x1234abcd);
    expect(answer!.reply.layer(DHCP).messageType).toBe('offer');
    const prefix = lab.peerAddress.split('.').slice(0, 3).join('.');
    expect(bootp.yiaddr.startsWith(`${prefix}.`)).toBe(true);
    expect(answer!.request).toBe(request);
    expect(answer!.rttMs).toBeGreaterThan(0);
  });

  it('srp pairs several DISCOVERs (different clients) with their OFFERs by xid', async () => {
    const requests = [1, 2, 3].map((n) => discover(0x5000 + n, `02:00:5e:10:00:1${n}`));
    const { answered, unanswered } = await srp(link, requests, { timeout: 3_000 });
    expect(unanswered).toEqual([]);
    expect(answered.map((a) => a.reply.layer(BOOTP).xid).sort()).toEqual([0x5001, 0x5002, 0x5003]);
    for (const a of answered) expect(a.reply.layer(BOOTP).xid).toBe(a.request.layer(BOOTP).xid);
  });
});
