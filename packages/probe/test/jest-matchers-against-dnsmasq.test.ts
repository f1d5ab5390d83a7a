// The README's jest example, run as written: a user's own suite probing dnsmasq with the packet matchers.
import '@wirecraft/probe/jest';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { srp1 } from '@wirecraft/capture';
import { describeLab } from '@wirecraft/lab';
import { BOOTP, DHCP, Ether, IP, packet, UDP } from '@wirecraft/packet';
import { type LabTarget, startLabTarget } from '@wirecraft/probe';

describeLab('dnsmasq answers a DISCOVER (jest matchers)', () => {
  let lab: LabTarget;
  beforeAll(async () => {
    lab = await startLabTarget('dnsmasq', { leaseTime: 7200 });
  }, 60_000);
  afterAll(() => lab?.close());

  it('offers from the pool with the configured lease time, within 500 ms', async () => {
    const mac = '02:00:00:00:00:42';
    const discover = packet(
      Ether({ src: mac, dst: 'ff:ff:ff:ff:ff:ff' }),
      IP({ src: '0.0.0.0', dst: '255.255.255.255' }),
      UDP(),
      BOOTP({ xid: 0x1234, chaddr: mac, flags: 0x8000 }),
      DHCP({ options: { 'message-type': 'discover', param_req_list: [1, 3, 6, 51] } }),
    );
    const answer = await srp1(lab.link, discover, { timeout: 2000 });
    await expect(answer).toArriveWithin(500); // its round-trip time
    expect(answer?.reply).toAnswer(discover);
    expect(answer?.reply).toHaveOption('lease_time', 7200);
    expect(answer?.reply).toMatchPacket({
      UDP: { sport: 67, dport: 68 },
      DHCP: { options: { 'message-type': 'offer', server_id: lab.target.serverAddress } },
    });
    expect(answer?.reply).not.toHaveLayer('ARP');
  });
});
