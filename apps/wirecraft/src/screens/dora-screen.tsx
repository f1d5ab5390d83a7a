import { Box, Text } from 'ink';
import { LeaseBox, leaseRows } from '../components/lease-box.js';
import { OfferList } from '../components/offer-list.js';
import { Timeline } from '../components/timeline.js';
import type { DoraView } from '../dora/dora-view.js';

export interface DoraScreenProps {
  view: DoraView;
  color: boolean;
  /** Terminal height: the timeline gives up rows first so the lease box always fits. */
  rows?: number;
  /** Terminal width; Ink lays out to stdout's width when not given. */
  columns?: number;
}

export function DoraScreen({ view, color, rows = 24, columns }: DoraScreenProps) {
  const offersHeight = view.offers.length > 1 ? view.offers.length + 1 : 0;
  const leaseHeight = view.lease ? leaseRows(view.lease).length + 3 : 0;
  // header, state, the "… n earlier" line, the outcome line, and the line the cursor rests on.
  const maxRows = Math.max(3, rows - 5 - offersHeight - leaseHeight);
  return (
    <Box flexDirection="column" {...(columns !== undefined ? { width: columns } : {})}>
      <Text wrap="truncate-end">
        <Text bold>wirecraft dora</Text> <Text dimColor>{view.setup ?? 'opening the link…'}</Text>
      </Text>
      <Text>
        state <Text bold>{view.state}</Text>
        {view.outcome ? null : <Text dimColor> (Ctrl-C to stop)</Text>}
      </Text>
      <Timeline rows={view.rows} maxRows={maxRows} color={color} />
      {view.offers.length > 1 ? <OfferList offers={view.offers} color={color} /> : null}
      {view.lease ? (
        <LeaseBox lease={view.lease} {...(view.leaseKind ? { kind: view.leaseKind } : {})} color={color} />
      ) : null}
      {view.outcome ? (
        <Text wrap="truncate-end" bold {...(color ? { color: view.outcome.ok ? 'green' : 'red' } : {})}>
          {view.outcome.text}
        </Text>
      ) : null}
    </Box>
  );
}
