import { Box, Text } from 'ink';
import { LeasesTable } from '../components/leases-table.js';
import type { ServeView } from '../serve/serve-view.js';

export interface ServeScreenProps {
  view: ServeView;
  color: boolean;
  now: number;
  rows?: number;
}

/** Leases on top, the message log below it; the log gets whatever height is left. */
export function ServeScreen({ view, color, now, rows = 24 }: ServeScreenProps) {
  const leaseRows = Math.min(8, Math.max(1, view.leases.size));
  const logRows = Math.max(3, rows - leaseRows - 7);
  const log = view.log.slice(-logRows);
  const { received, sent, ignored } = view.counters;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>wirecraft serve</Text> <Text dimColor>{view.setup}</Text>
      </Text>
      <Text>
        received {received} sent {sent} ignored {ignored} leases {view.leases.size}
        <Text dimColor>{view.stopped ? ' (stopped)' : ' (Ctrl-C to stop)'}</Text>
      </Text>
      <LeasesTable leases={[...view.leases.values()]} now={now} maxRows={8} color={color} />
      <Text bold>Messages</Text>
      {log.map((entry) => (
        <Text key={entry.id} wrap="truncate-end">
          {entry.line}
        </Text>
      ))}
    </Box>
  );
}
