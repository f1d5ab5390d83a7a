import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { srp1 } from '@wirecraft/capture';
import { createLab, describeLab } from '@wirecraft/lab';
import { BOOTP, DHCP, Ether, IP, packet, randomXid, UDP } from '@wirecraft/packet';
import { execFileSync } from 'node:child_process';
import { expectPacket } from '../src/expect-packet.js';
import { NamespaceServerStartError, startNamespaceServer } from '../src/lab/namespace-server.js';
import { type LabServerKind, type LabTarget, startLabTarget } from '../src/lab-target.js';

const kinds: readonly LabServerKind[] = ['dnsmasq', 'kea', 'wirecraft'];

function discover(mac: string, xid: number) {
  return packet(
    Ether({ src: mac, dst: 'ff:ff:ff:ff:ff:ff' }),
    IP({ src: '0.0.0.0', dst: '255.255.255.255' }),
    UDP({ sport: 68, dport: 67 }),
    BOOTP({ xid, chaddr: mac, flags: 0x8000 }),
    DHCP({ options: { 'message-type': 'discover', param_req_list: [1, 3, 6, 15, 51, 58, 59] } }),
  );
}

function namespaces(): string {
  return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
}

/** Namespaces of labs this process created (lab ids start with 'wc' and our pid in base 36). */
function ownNamespaces(): string[] {
  const prefix = `wc${process.pid.toString(36)}`;
  return namespaces()
    .split('\n')
    .filter((line) => line.startsWith(prefix));
}

describeLab('startLabTarget: a real server in a namespace answers on the host link', () => {
  for (const kind of kinds) {
    describe(kind, () => {
      let lab: LabTarget;
      beforeAll(async () => {
        lab = await startLabTarget(kind);
      }, 60_000);
      afterAll(async () => {
        await lab?.close();
      });

      it('answers a DISCOVER through srp1 with an OFFER from target.serverAddress, as configured', async () => {
        const { target } = lab;
        const mac = '02:00:5e:10:00:01';
        const answer = await srp1(lab.link, discover(mac, randomXid()), { timeout: 5000, retry: 2 });
        const offer = answer?.reply;
        expectPacket(offer, `${kind} OFFER`).toMatchPacket({
          IP: { src: target.serverAddress },
          BOOTP: {
            op: 2,
            chaddr: mac,
            yiaddr: (ip: unknown) => inPool(String(ip), target.poolStart, target.poolEnd),
          },
          DHCP: {
            options: {
              'message-type': 'offer',
              server_id: target.serverAddress,
              lease_time: target.leaseTime,
              router: target.router ? [target.router] : undefined,
              name_server: target.dns ? [...target.dns] : undefined,
              domain: target.domain,
              renewal_time: target.renewTime,
              rebinding_time: target.rebindTime,
            },
          },
        });
        expect(target).toMatchObject({
          kind,
          prefixLength: 24,
          relayAddress: lab.lab.hostAddress,
          serverMac: lab.lab.peerMac,
          renewTime: 1800,
          rebindTime: 3150,
        });
        expect(target.poolStart).toMatch(/\.100$/);
        expect(target.poolEnd).toMatch(/\.199$/);
      });
    });
  }

  it('close() is idempotent and leaves no namespace behind', async () => {
    const lab = await startLabTarget('dnsmasq', {
      poolSize: 10,
      leaseTime: 600,
      renewTime: 300,
      rebindTime: 525,
    });
    expect(lab.target.poolEnd).toMatch(/\.109$/);
    expect(namespaces()).toContain(lab.lab.peerNs);
    await Promise.all([lab.close(), lab.close()]);
    await lab.close();
    expect(lab.link.closed).toBe(true);
    expect(namespaces()).not.toContain(lab.lab.peerNs);
  }, 60_000);

  it('reports why our server did not start in the namespace, with its stderr', async () => {
    const lab = await createLab({ name: 'probe-bad-server' });
    try {
      const start = startNamespaceServer(lab, {
        iface: 'nosuch0',
        serverId: lab.peerAddress,
        pool: { range: '198.18.0.100-198.18.0.199', subnet: lab.subnet },
      });
      await expect(start).rejects.toThrow(NamespaceServerStartError);
      await expect(start).rejects.toThrow(/nosuch0/);
    } finally {
      await lab.close();
    }
    expect(namespaces()).not.toContain(lab.peerNs);
  }, 60_000);

  it('rejects a config no server could serve, before creating anything', async () => {
    const before = ownNamespaces();
    await expect(startLabTarget('kea', { renewTime: 4000 })).rejects.toThrow(
      /renewTime.*renewTime < rebindTime/,
    );
    await expect(startLabTarget('kea', { poolSize: 200 })).rejects.toThrow(/poolSize=200.*1\.\.155/);
    expect(ownNamespaces()).toEqual(before);
  });
});

function inPool(ip: string, first: string, last: string): boolean {
  const n = (a: string) => a.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
  return n(ip) >= n(first) && n(ip) <= n(last);
}
