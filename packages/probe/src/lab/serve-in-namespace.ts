// Runs our DHCP server as its own process inside a lab namespace (startLabTarget('wirecraft') spawns it
// there), so it is a peer like dnsmasq and kea: its own socket, its own event loop, killed by PID.
import { openLiveLink } from '@wirecraft/capture';
import { createDhcpServer } from '@wirecraft/dhcp';
import { NAMESPACE_SERVER_READY, parseNamespaceServerConfig } from './namespace-server-config.js';

async function serve(): Promise<void> {
  const config = parseNamespaceServerConfig(process.argv[2]);
  const link = await openLiveLink({ iface: config.iface });
  const server = createDhcpServer({
    links: [link],
    serverId: config.serverId,
    serverMac: config.serverMac,
    pools: [config.pool],
    leaseFile: config.leaseFile,
  });
  await server.start();
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    await link.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.stdout.write(`${NAMESPACE_SERVER_READY} on ${config.iface} as ${config.serverId}\n`);
}

serve().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`);
  process.exit(2);
});
