/**
 * Runs our DHCP server on a live interface until killed: the subject of the kill -9 test and the bench.
 * argv: IFACE SERVER_ID SUBNET RANGE LEASE_FILE [LEASE_SECONDS]. Prints "ready" once it listens, then one
 * line per lease event ("bound 198.18.7.100 id:01...").
 */
import { openLiveLink } from '@wirecraft/capture';
import { createDhcpServer } from '../../src/index.js';

const [iface, serverId, subnet, range, leaseFile, leaseSeconds] = process.argv.slice(2);
const link = await openLiveLink({ iface, filter: 'udp and dst port 67' });
const server = createDhcpServer({
  links: [link],
  serverId,
  pools: [{ subnet, range, router: serverId, dns: serverId, leaseTime: Number(leaseSeconds ?? 600) }],
  leaseFile,
});
server.on((event) => {
  if (event.type === 'lease')
    process.stdout.write(`${event.action} ${event.lease.address} ${event.lease.clientKey}\n`);
  if (event.type === 'error') process.stderr.write(`${event.context}: ${event.error.message}\n`);
});
await server.start();
process.stdout.write('ready\n');
const stop = async () => {
  await server.stop();
  await link.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
