import type { DhcpLease } from '@wirecraft/dhcp';
import { Box } from 'ink';
import { KeyValue } from './key-value.js';

const INFINITE = 0xffffffff;

export function formatLeaseSeconds(seconds: number): string {
  if (seconds === INFINITE) return 'infinite';
  if (seconds < 120) return `${seconds} s`;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const parts = [h ? `${h}h` : '', m ? `${m}m` : '', s ? `${s}s` : ''].filter(Boolean).join('');
  return `${seconds} s (${parts})`;
}

export function leaseRows(lease: DhcpLease): [string, string][] {
  const rows: [string, string][] = [
    ['address', lease.subnetMask ? `${lease.address} / ${lease.subnetMask}` : lease.address],
    ['server', `${lease.serverId} (${lease.serverMac})`],
    ['router', lease.routers.join(', ') || '-'],
    ['DNS', lease.dnsServers.join(', ') || '-'],
  ];
  if (lease.domainName) rows.push(['domain', lease.domainName]);
  rows.push(
    ['lease time', formatLeaseSeconds(lease.leaseTime)],
    ['T1 / T2', `${formatLeaseSeconds(lease.renewalTime)} / ${formatLeaseSeconds(lease.rebindingTime)}`],
  );
  return rows;
}

export interface LeaseBoxProps {
  lease: DhcpLease;
  /** obtained, renewed, released...: shown in the title. */
  kind?: string;
  color: boolean;
}

export function LeaseBox({ lease, kind, color }: LeaseBoxProps) {
  return (
    <Box borderStyle="round" paddingX={1} alignSelf="flex-start" {...(color ? { borderColor: 'green' } : {})}>
      <KeyValue title={`Lease${kind ? ` (${kind})` : ''}`} rows={leaseRows(lease)} />
    </Box>
  );
}
