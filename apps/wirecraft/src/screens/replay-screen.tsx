import { Box, Text } from 'ink';
import { KeyValue } from '../components/key-value.js';
import { ProgressBar } from '../components/progress-bar.js';
import type { ReplayProgress, ReplayResult } from '../replay/replay-frames.js';

export interface ReplayScreenProps {
  setup: string;
  progress: ReplayProgress;
  result?: ReplayResult;
  color: boolean;
}

export function ReplayScreen({ setup, progress, result, color }: ReplayScreenProps) {
  const seconds = result ? result.seconds : progress.elapsedMs / 1000;
  const pps = result ? result.pps : seconds > 0 ? progress.frames / seconds : 0;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>wirecraft replay</Text> <Text dimColor>{setup}</Text>
      </Text>
      <ProgressBar fraction={progress.total > 0 ? progress.frames / progress.total : 1} color={color} />
      <KeyValue
        rows={[
          ['frames', `${progress.frames} / ${progress.total}`],
          ['bytes', String(progress.bytes)],
          ['elapsed', `${seconds.toFixed(2)} s`],
          [
            'rate',
            `${pps.toFixed(0)} frames/s, ${((progress.bytes * 8) / Math.max(seconds, 1e-9) / 1e6).toFixed(2)} Mbit/s`,
          ],
        ]}
      />
      {result ? (
        <Text bold {...(color ? { color: result.complete ? 'green' : 'yellow' } : {})}>
          {result.complete ? 'done' : 'stopped early'}
        </Text>
      ) : (
        <Text dimColor>Ctrl-C to stop</Text>
      )}
    </Box>
  );
}
