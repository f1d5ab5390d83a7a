import { type Link, virtualHub } from '@wirecraft/capture';
import { createDhcpServer, type DhcpPoolOptions, type DhcpServer } from '@wirecraft/dhcp';

/**
 * The network `wirecraft dora` and `wirecraft load` use when no --iface is given: built-in DHCP servers
 * (our own createDhcpServer) on a virtual hub, so a full exchange runs on any machine, without root and
 * without sending a single frame on a real interface. Addresses come from 198.18.0.0/15 (RFC 2544's
 * benchmarking range), which no production network should route.
 */
export const EMBEDDED_SUBNET = '198.18.0.0/24';

export interface EmbeddedServerPlan {
  serverId: string;
  serverMac: string;
  pool: DhcpPoolOptions;
}

/** Server n (0-based): 198.18.0.(n+1), with its own slice of the /24 so several servers never overlap. */
export function embeddedServerPlan(index: number, leaseTime = 3600): EmbeddedServerPlan {
  const serverId = `198.18.0.${index + 1}`;
  const first = 100 + index * 40;
  return {
    serverId,
    serverMac: `02:00:5e:00:00:${(index + 1).toString(16).padStart(2, '0')}`,
    pool: {
      range: `198.18.0.${first}-198.18.0.${first + 39}`,
      subnet: EMBEDDED_SUBNET,
      router: '198.18.0.1',
      dns: ['198.18.0.1'],
      domain: 'lab.wirecraft.test',
      leaseTime,
    },
  };
}

/**
 * The single server `wirecraft load` runs against without --iface: one big pool (198.18.1.0-198.18.255.254 in
 * 198.18.0.0/16) so that any --clients count gets addresses.
 */
export function embeddedLoadPlan(): EmbeddedServerPlan {
  return {
    serverId: '198.18.0.1',
    serverMac: '02:00:5e:00:00:01',
    pool: {
      range: '198.18.1.0-198.18.255.254',
      subnet: '198.18.0.0/16',
      router: '198.18.0.1',
      leaseTime: 3600,
    },
  };
}

export const MAX_EMBEDDED_SERVERS = 3;

export function embeddedDoraPlans(serverCount: number): EmbeddedServerPlan[] {
  return Array.from({ length: serverCount }, (_, i) => embeddedServerPlan(i));
}

export interface EmbeddedNetwork {
  /** The client's port on the hub. */
  link: Link;
  servers: DhcpServer[];
  plans: EmbeddedServerPlan[];
  /** One line for the screen: what answers on this virtual link. */
  description: string;
  close(): Promise<void>;
}

export async function startEmbeddedNetwork(plans: readonly EmbeddedServerPlan[]): Promise<EmbeddedNetwork> {
  const serverCount = plans.length;
  const ports = virtualHub(serverCount + 1, { name: 'embedded' });
  const servers = plans.map((plan, i) =>
    createDhcpServer({
      links: [ports[i + 1]],
      serverId: plan.serverId,
      serverMac: plan.serverMac,
      pools: [plan.pool],
    }),
  );
  const close = async () => {
    await Promise.allSettled(servers.map((server) => server.stop()));
    await Promise.allSettled(ports.map((port) => port.close()));
  };
  try {
    await Promise.all(servers.map((server) => server.start()));
  } catch (error) {
    await close();
    throw error;
  }
  const pools = plans.map((p) => `${p.serverId} (pool ${p.pool.range as string})`).join(', ');
  return {
    link: ports[0],
    servers,
    plans: [...plans],
    description: `embedded virtual link (no --iface): built-in server${serverCount > 1 ? 's' : ''} ${pools}`,
    close,
  };
}
