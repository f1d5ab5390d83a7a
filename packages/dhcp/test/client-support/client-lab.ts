/**
 * Our client against a real server in a lab's peer namespace: the lab, a live link on its host side, and
 * the clients a test file makes (each with its events recorded), stopped together at the end.
 */
import { type LiveLink, openLiveLink } from '@wirecraft/capture';
import { createLab, type Lab } from '@wirecraft/lab';
import {
  createDhcpClient,
  type DhcpClient,
  type DhcpClientEvent,
  type DhcpClientOptions,
} from '../../src/index.js';

// ARP too: the client answers who-has for its address so that a server can unicast to it.
const FILTER = 'arp or udp port 67 or udp port 68';

export interface ClientLab {
  lab: Lab;
  link: LiveLink;
  /** The first three octets of the lab's subnet, e.g. '198.18.3'. */
  net: string;
}

/** Creates a lab and opens the link; the lab is closed again when the link cannot be opened. */
export async function openClientLab(name: string): Promise<ClientLab> {
  const lab = await createLab({ name });
  try {
    const link = await openLiveLink({ iface: lab.hostIface, filter: FILTER });
    return { lab, link, net: lab.peerAddress.split('.').slice(0, 3).join('.') };
  } catch (error) {
    await lab.close();
    throw error;
  }
}

/** Makes clients on a link (2 attempts, 1 s first backoff unless told otherwise) and stops them all at the end. */
export function recordedClients(link: () => LiveLink) {
  const clients: DhcpClient[] = [];
  return {
    make(mac: string, options: Partial<DhcpClientOptions> = {}) {
      const client = createDhcpClient({
        link: link(),
        mac,
        maxAttempts: 2,
        backoff: { initialMs: 1000 },
        ...options,
      });
      const events: DhcpClientEvent[] = [];
      client.on((event) => events.push(event));
      clients.push(client);
      return { client, events };
    },
    async stopAll(): Promise<void> {
      for (const client of clients.splice(0)) await client.stop();
    },
  };
}
