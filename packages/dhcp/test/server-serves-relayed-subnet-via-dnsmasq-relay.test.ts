import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { type LiveLink, openLiveLink } from '@wirecraft/capture';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createLab,
  describeLab,
  type Lab,
  type LabProcess,
  runUdhcpc,
  startDhclient,
  startUdhcpc,
} from '@wirecraft/lab';
import { createDhcpServer, type DhcpMessageSummary, type DhcpServer } from '../src/index.js';
import { hostInSubnet } from './server-support/lab-server.js';

/**
 * A relayed network behind dnsmasq --dhcp-relay, all inside the lab's peer namespace: udhcpc on one end of
 * a second veth pair (relayClientIface), the relay listening on the other end (relayIface, the giaddr), and
 * forwarding to our server on the lab's host end over the lab's own veth. Only the peer namespace sees the
 * relayed subnet; deleting it (lab.close) deletes the second pair too.
 */
const relayedSubnet = '198.19.250.0/24';
const giaddr = '198.19.250.1';

describeLab(
  'our DHCP server behind a relay (dnsmasq --dhcp-relay): giaddr picks the pool, replies go 67 -> 67',
  () => {
    let lab: Lab;
    let link: LiveLink;
    let server: DhcpServer;
    let relay: LabProcess;
    const received: DhcpMessageSummary[] = [];
    const sent: DhcpMessageSummary[] = [];
    let relayIface: string;
    let relayClientIface: string;

    beforeAll(async () => {
      lab = await createLab({ name: 'wc-relay' });
      relayIface = `${lab.id}r`;
      relayClientIface = `${lab.id}c`;
      await lab.addHostAddress();
      const setup = await lab.exec(['ip', '-batch', '-'], {
        input: [
          `link add ${relayIface} type veth peer name ${relayClientIface}`,
          `address add ${giaddr}/24 dev ${relayIface}`,
          `link set ${relayIface} up`,
          `link set ${relayClientIface} up`,
          '',
        ].join('\n'),
      });
      if (setup.code !== 0) throw new Error(`relay veth: ${setup.stderr}`);
      link = await openLiveLink({ iface: lab.hostIface, filter: 'udp and dst port 67' });
      server = createDhcpServer({
        links: [link],
        serverId: lab.hostAddress,
        pools: [
          {
            subnet: lab.subnet,
            range: `${hostInSubnet(lab, 100)}-${hostInSubnet(lab, 150)}`,
            router: lab.hostAddress,
            leaseTime: 900,
          },
          { subnet: relayedSubnet, range: '198.19.250.100-198.19.250.110', router: giaddr, leaseTime: 600 },
        ],
      });
      server.on((event) => {
        if (event.type === 'received') received.push(event.summary);
        if (event.type === 'sent') sent.push(event.summary);
      });
      await server.start();
      relay = lab.spawn([
        'dnsmasq',
        '--no-daemon',
        '--conf-file=/dev/null',
        '--port=0',
        `--interface=${relayIface}`,
        `--dhcp-relay=${giaddr},${lab.hostAddress}`,
        '--log-dhcp',
        '--log-facility=-',
      ]);
      await relay.waitForOutput(/DHCP relay/, 10_000);
    }, 30_000);

    afterAll(async () => {
      await server?.stop();
      await link?.close();
      await lab?.close();
    });

    it('udhcpc behind the relay gets an address of the relayed subnet, with that subnet router', async () => {
      const run = await runUdhcpc(lab, { iface: relayClientIface, extraArgs: ['-x', '0x3d:01baba00000001'] });
      expect(run.lease).toMatchObject({ router: [giaddr], serverid: lab.hostAddress, lease: 600, mask: 24 });
      const last = Number(run.lease?.ip?.split('.')[3]);
      expect(run.lease?.ip?.startsWith('198.19.250.')).toBe(true);
      expect(last).toBeGreaterThanOrEqual(100);
      expect(last).toBeLessThanOrEqual(110);
      expect(server.leases().find((l) => l.address === run.lease?.ip)).toMatchObject({
        state: 'bound',
        clientKey: 'id:01baba00000001',
      });
      // What reached the server came from the relay (giaddr set, port 67), and every answer went back to it.
      expect(received.filter((m) => m.messageType === 'DISCOVER' || m.messageType === 'REQUEST')).not.toEqual(
        [],
      );
      for (const m of received) expect(m).toMatchObject({ giaddr, srcMac: lab.peerMac });
      expect(sent.map((m) => [m.messageType, m.dstIp, m.dstMac])).toEqual([
        ['OFFER', giaddr, lab.peerMac],
        ['ACK', giaddr, lab.peerMac],
      ]);
    });

    it('a udhcpc renewal (broadcast, ciaddr set) comes through the relay and is ACKed back to it', async () => {
      const client = startUdhcpc(lab, { iface: relayClientIface, extraArgs: ['-x', '0x3d:01baba00000002'] });
      try {
        const bound = await client.waitForEvent('bound', 15_000);
        const before = server.leases().find((l) => l.address === bound.ip)!.expiresAt;
        const from = sent.length;
        await new Promise((resolve) => setTimeout(resolve, 20));
        const renewed = await client.renew();
        expect(renewed.ip).toBe(bound.ip);
        expect(server.leases().find((l) => l.address === bound.ip)!.expiresAt).toBeGreaterThan(before);
        expect(sent.slice(from).map((m) => [m.messageType, m.ciaddr, m.yiaddr, m.dstIp, m.dstMac])).toEqual([
          ['ACK', bound.ip, bound.ip, giaddr, lab.peerMac],
        ]);
      } finally {
        await client.stop();
      }
    });

    it('dhclient moved from the lab subnet to the relayed one: INIT-REBOOT NAKed through the relay, then a relayed lease', async () => {
      // The lease a laptop would carry from the other network: valid for years, for an address of the lab's subnet.
      const leaseFile = join(lab.tmpDir, 'moved-dhclient.leases');
      const oldAddress = hostInSubnet(lab, 120);
      writeFileSync(
        leaseFile,
        [
          'lease {',
          `  interface "${relayClientIface}";`,
          `  fixed-address ${oldAddress};`,
          '  option subnet-mask 255.255.255.0;',
          '  option dhcp-lease-time 900;',
          `  option dhcp-server-identifier ${lab.hostAddress};`,
          '  renew 4 2037/01/01 00:00:00;',
          '  rebind 4 2037/01/01 00:00:00;',
          '  expire 4 2037/01/01 00:00:00;',
          '}',
          '',
        ].join('\n'),
      );
      const from = sent.length;
      const client = startDhclient(lab, { iface: relayClientIface, leaseFile, timeoutSec: 20 });
      try {
        const bound = await client.waitForEvent(['BOUND', 'REBOOT'], 25_000);
        expect(bound.reason).toBe('BOUND');
        expect(bound.ip?.startsWith('198.19.250.')).toBe(true);
        expect(bound).toMatchObject({ routers: [giaddr], serverId: lab.hostAddress });
        const nak = sent.slice(from).find((m) => m.messageType === 'NAK');
        expect(nak).toMatchObject({ dstIp: giaddr, dstMac: lab.peerMac, giaddr });
        expect(received.some((m) => m.messageType === 'REQUEST' && m.requestedAddress === oldAddress)).toBe(
          true,
        );
        expect(server.leases().find((l) => l.address === bound.ip)).toMatchObject({ state: 'bound' });
        expect(server.leases().some((l) => l.address === oldAddress)).toBe(false);
      } finally {
        await client.stop();
      }
    });
  },
);
