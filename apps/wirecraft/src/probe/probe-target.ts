import { getInterface, type Link, openLiveLink, virtualHub } from '@wirecraft/capture';
import { createDhcpServer } from '@wirecraft/dhcp';
import { type ProbeTarget, startLabTarget } from '@wirecraft/probe';
import type { LiveTargetRequest, ProbeTargetRequest } from './probe-args.js';
import { containsAddress, type Subnet, subnetOf } from './target-flags.js';

/** What the probes run against: the client-side link, what the server is expected to do, and how to stop. */
export interface OpenedTarget {
  link: Link;
  target: ProbeTarget;
  /** One line for the screen and the JUnit report: what is being probed. */
  description: string;
  close(): Promise<void>;
}

/** DHCP both ways plus ARP: probes answer ARP for the relay address and for leased addresses. */
export const PROBE_CAPTURE_FILTER = '(udp and (port 67 or port 68)) or arp';

/**
 * The target `wirecraft probe` uses without --iface or --lab: our own server on a virtual hub, so the
 * command works anywhere without root and sends nothing on a real interface.
 */
export const EMBEDDED_TARGET: ProbeTarget = {
  kind: 'wirecraft',
  serverAddress: '198.18.0.1',
  serverMac: '02:00:5e:00:00:01',
  subnet: '198.18.0.0',
  prefixLength: 24,
  poolStart: '198.18.0.100',
  poolEnd: '198.18.0.199',
  router: '198.18.0.1',
  dns: ['198.18.0.1'],
  domain: 'lab.wirecraft.test',
  leaseTime: 3600,
  renewTime: 1800,
  rebindTime: 3150,
  relayAddress: '198.18.0.254',
};

export async function openEmbeddedTarget(target: ProbeTarget = EMBEDDED_TARGET): Promise<OpenedTarget> {
  const [client, serverPort] = virtualHub(2, { name: 'probe' });
  const server = createDhcpServer({
    links: [serverPort],
    serverId: target.serverAddress,
    ...(target.serverMac ? { serverMac: target.serverMac } : {}),
    pools: [
      {
        range: [target.poolStart, target.poolEnd],
        subnet: `${target.subnet}/${target.prefixLength}`,
        leaseTime: target.leaseTime,
        ...(target.router ? { router: target.router } : {}),
        ...(target.dns ? { dns: target.dns } : {}),
        ...(target.domain ? { domain: target.domain } : {}),
        ...(target.renewTime !== undefined ? { renewalTime: target.renewTime } : {}),
        ...(target.rebindTime !== undefined ? { rebindingTime: target.rebindTime } : {}),
      },
    ],
  });
  const close = async () => {
    await server.stop();
    await Promise.allSettled([client.close(), serverPort.close()]);
  };
  try {
    await server.start();
  } catch (error) {
    await close();
    throw error;
  }
  return {
    link: client,
    target,
    description: `built-in server ${target.serverAddress} on a virtual link (pool ${target.poolStart}-${target.poolEnd})`,
    close,
  };
}

/** The subnet a live target is in: --subnet, else the interface's network if the pool lies in it, else the pool's /24. */
export function liveSubnet(request: LiveTargetRequest, ifaceAddresses: readonly Subnet[]): Subnet {
  if (request.subnet !== undefined) {
    const [network, length] = request.subnet.split('/');
    return { network, prefixLength: Number(length) };
  }
  const own = ifaceAddresses.find((s) => containsAddress(s, request.pool[0]));
  return own ?? subnetOf(request.pool[0], 24);
}

export function liveProbeTarget(
  request: LiveTargetRequest,
  ifaceAddresses: readonly { address: string; prefixLength: number }[],
): ProbeTarget {
  const subnet = liveSubnet(
    request,
    ifaceAddresses.map((a) => subnetOf(a.address, a.prefixLength)),
  );
  const relayAddress =
    request.relayAddress ?? ifaceAddresses.find((a) => containsAddress(subnet, a.address))?.address;
  return {
    kind: 'live',
    serverAddress: request.serverAddress,
    subnet: subnet.network,
    prefixLength: subnet.prefixLength,
    poolStart: request.pool[0],
    poolEnd: request.pool[1],
    leaseTime: request.leaseTime,
    ...(request.router !== undefined ? { router: request.router } : {}),
    ...(request.dns.length > 0 ? { dns: request.dns } : {}),
    ...(request.domain !== undefined ? { domain: request.domain } : {}),
    ...(request.renewTime !== undefined ? { renewTime: request.renewTime } : {}),
    ...(request.rebindTime !== undefined ? { rebindTime: request.rebindTime } : {}),
    ...(relayAddress !== undefined ? { relayAddress } : {}),
  };
}

export async function openProbeTarget(request: ProbeTargetRequest): Promise<OpenedTarget> {
  switch (request.kind) {
    case 'embedded':
      return openEmbeddedTarget();
    case 'lab': {
      const lab = await startLabTarget(request.server);
      const t = lab.target;
      return {
        link: lab.link,
        target: t,
        description: `lab ${request.server} ${t.serverAddress} (pool ${t.poolStart}-${t.poolEnd}, lease ${t.leaseTime} s)`,
        close: () => lab.close(),
      };
    }
    case 'iface': {
      const info = getInterface(request.iface);
      const target = liveProbeTarget(request, info.ipv4);
      const link = await openLiveLink({ iface: request.iface, filter: PROBE_CAPTURE_FILTER });
      return {
        link,
        target,
        description: `${request.iface}: server ${target.serverAddress} (pool ${target.poolStart}-${target.poolEnd}, lease ${target.leaseTime} s)`,
        close: () => link.close(),
      };
    }
  }
}
