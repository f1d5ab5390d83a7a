/**
 * Our DHCP server on the host side of a fresh lab, for the tests that point real clients at it: the lab with
 * its host address up (clients unicast renewals and releases to the server id through their kernel stack,
 * so the server id must answer ARP), a live link on the host interface, and a server (not yet started)
 * with one pool of .100-.150 that names the host as router.
 */
import { type LiveLink, openLiveLink } from '@wirecraft/capture';
import { createLab, type Lab } from '@wirecraft/lab';
import { createDhcpServer, type DhcpPoolOptions, type DhcpServer, type Lease } from '../../src/index.js';

/** The address `host` in the lab's /24 (the peer is .1). */
export const hostInSubnet = (lab: Lab, host: number): string => lab.peerAddress.replace(/\.1$/, `.${host}`);

export interface LabServer {
  lab: Lab;
  link: LiveLink;
  server: DhcpServer;
}

/**
 * `timers` sets the lease time and, when given, T1 and T2 of the pool; `extra` adds pool options (e.g. NTP
 * servers only some clients ask for). Whatever opened is closed on failure.
 */
export async function openLabServer(
  name: string,
  timers: Pick<DhcpPoolOptions, 'leaseTime' | 'renewalTime' | 'rebindingTime'>,
  extra: Pick<DhcpPoolOptions, 'options'> = {},
): Promise<LabServer> {
  const lab = await createLab({ name });
  let link: LiveLink | undefined;
  try {
    await lab.addHostAddress();
    link = await openLiveLink({ iface: lab.hostIface, filter: 'udp and dst port 67' });
    const server = createDhcpServer({
      links: [link],
      serverId: lab.hostAddress,
      pools: [
        {
          subnet: lab.subnet,
          range: `${hostInSubnet(lab, 100)}-${hostInSubnet(lab, 150)}`,
          router: lab.hostAddress,
          dns: ['198.18.0.53', '198.18.0.54'],
          domain: 'lab.test',
          ...timers,
          ...extra,
        },
      ],
    });
    return { lab, link, server };
  } catch (error) {
    await link?.close();
    await lab.close();
    throw error;
  }
}

/** Stops the server and closes the link and the lab, whichever of them opened (for afterAll). */
export async function closeLabServer(opened: Partial<LabServer>): Promise<void> {
  await opened.server?.stop();
  await opened.link?.close();
  await opened.lab?.close();
}

/** The server's lease of an address, if it has one. */
export const leaseAt = (server: DhcpServer, ip: string | undefined): Lease | undefined =>
  server.leases().find((l) => l.address === ip);
