import { Box, Text } from 'ink';
import type { TimelineKind, TimelineRow } from '../dora/dora-view.js';

export interface TimelineProps {
  rows: readonly TimelineRow[];
  /** Only the newest rows are shown, so the screen keeps its height on an 80x24 terminal. */
  maxRows?: number;
  color: boolean;
}

const MARKS: Record<TimelineKind, string> = {
  sent: '→',
  received: '←',
  retransmit: '↻',
  note: '•',
  problem: '!',
};

const COLORS: Record<TimelineKind, string | undefined> = {
  sent: 'cyan',
  received: 'green',
  retransmit: 'yellow',
  note: undefined,
  problem: 'red',
};

export function formatElapsed(ms: number): string {
  return `+${(ms / 1000).toFixed(3)}s`;
}

/** One line per message: direction, time since start, type, then xid, addresses and key options. */
export function Timeline({ rows, maxRows = 12, color }: TimelineProps) {
  const hidden = Math.max(0, rows.length - maxRows);
  const shown = hidden > 0 ? rows.slice(hidden) : rows;
  return (
    <Box flexDirection="column">
      {hidden > 0 ? <Text dimColor>… {hidden} earlier</Text> : null}
      {shown.map((row) => {
        const tint = color ? COLORS[row.kind] : undefined;
        return (
          <Text key={row.id} wrap="truncate-end">
            <Text {...(tint ? { color: tint } : {})}>{MARKS[row.kind]}</Text>{' '}
            {formatElapsed(row.time).padStart(7)}{' '}
            <Text bold={row.kind !== 'note'} {...(tint ? { color: tint } : {})}>
              {row.label.padEnd(8)}
            </Text>{' '}
            {row.text}
          </Text>
        );
      })}
    </Box>
  );
}
