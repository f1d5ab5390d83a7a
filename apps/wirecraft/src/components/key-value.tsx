import { Box, Text } from 'ink';

export interface KeyValueProps {
  title?: string;
  rows: ReadonlyArray<readonly [label: string, value: string]>;
}

/** Two aligned columns: labels padded to the widest one, as in `show()` trees and lease summaries. */
export function KeyValue({ title, rows }: KeyValueProps) {
  const width = rows.reduce((w, [label]) => Math.max(w, label.length), 0);
  return (
    <Box flexDirection="column">
      {title ? <Text bold>{title}</Text> : null}
      {rows.map(([label, value]) => (
        <Text key={label}>
          <Text dimColor>{label.padEnd(width)}</Text> {value}
        </Text>
      ))}
    </Box>
  );
}
