import type { LoadProgress, LoadResult } from '@wirecraft/dhcp';
import { Box, Text } from 'ink';
import { KeyValue } from '../components/key-value.js';
import { ProgressBar } from '../components/progress-bar.js';

export interface LoadScreenProps {
  setup: string;
  durationS: number;
  rate: number;
  progress?: LoadProgress;
  result?: LoadResult;
  color: boolean;
}

const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)} ms` : '-');

/** Live counters while the load runs; the latency percentiles once it has finished. */
export function LoadScreen({ setup, durationS, rate, progress, result, color }: LoadScreenProps) {
  const elapsed = result ? result.durationMs : (progress?.elapsedMs ?? 0);
  const achieved = progress && progress.elapsedMs > 0 ? (progress.completed * 1000) / progress.elapsedMs : 0;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold>wirecraft load</Text> <Text dimColor>{setup}</Text>
      </Text>
      <Text>
        target {rate}/s for {durationS} s <Text dimColor>{result ? '' : '(Ctrl-C to stop)'}</Text>
      </Text>
      <ProgressBar fraction={elapsed / (durationS * 1000)} color={color} />
      {progress ? (
        <KeyValue
          rows={[
            ['sent', String(progress.sent)],
            ['offers', String(progress.offers)],
            ['completed', String(progress.completed)],
            ['naks', String(progress.naks)],
            ['outstanding', String(progress.outstanding)],
            ['rate', `${achieved.toFixed(0)} DORA/s`],
          ]}
        />
      ) : null}
      {result ? (
        <Box borderStyle="round" paddingX={1} alignSelf="flex-start">
          <KeyValue
            title="Result"
            rows={[
              ['DORA/s', result.eps.toFixed(1)],
              ['sent / completed', `${result.sent} / ${result.completed}`],
              ['drops', `${result.drops}${result.naks ? ` (${result.naks} NAK)` : ''}`],
              [
                'DISCOVER→OFFER p50/p99',
                `${ms(result.discover_offer_ms_p50)} / ${ms(result.discover_offer_ms_p99)}`,
              ],
              ['REQUEST→ACK p50/p99', `${ms(result.request_ack_ms_p50)} / ${ms(result.request_ack_ms_p99)}`],
            ]}
          />
        </Box>
      ) : null}
    </Box>
  );
}
