import type { Lease } from '@wirecraft/dhcp';
import { Box, Text } from 'ink';

export interface LeasesTableProps {
  leases: readonly Lease[];
  /** Wall-clock epoch ms used for "expires in". */
  now: number;
  maxRows?: number;
  color: boolean;
}

const STATE_COLORS: Record<string, string> = { bound: 'green', offered: 'yellow', declined: 'red' };

export function expiresIn(lease: Lease, now: number): string {
  const seconds = Math.round((lease.expiresAt - now) / 1000);
  if (seconds <= 0) return 'expired';
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`;
  return `${Math.round(seconds / 3600)}h`;
}

/** address, MAC, hostname, state and time left of every lease, sorted by address. */
export function LeasesTable({ leases, now, maxRows = 8, color }: LeasesTableProps) {
  const sorted = [...leases].sort((a, b) => a.addressNumber - b.addressNumber);
  const shown = sorted.slice(0, maxRows);
  return (
    <Box flexDirection="column">
      <Text bold>
        {'address'.padEnd(16)}
        {'mac'.padEnd(18)}
        {'hostname'.padEnd(16)}
        {'state'.padEnd(10)}expires
      </Text>
      {shown.length === 0 ? <Text dimColor>(no leases yet)</Text> : null}
      {shown.map((lease) => {
        const tint = color ? STATE_COLORS[lease.state] : undefined;
        return (
          <Text key={lease.address} wrap="truncate-end">
            {lease.address.padEnd(16)}
            {lease.mac.padEnd(18)}
            {(lease.hostname ?? '-').slice(0, 15).padEnd(16)}
            <Text {...(tint ? { color: tint } : {})}>{lease.state.padEnd(10)}</Text>
            {expiresIn(lease, now)}
          </Text>
        );
      })}
      {sorted.length > shown.length ? <Text dimColor>… {sorted.length - shown.length} more</Text> : null}
    </Box>
  );
}
