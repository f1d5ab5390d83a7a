import type { FieldDifference, ReplayComparison, ReplayOutcome, ReplayStep } from '@wirecraft/probe';
import { Box, Static, Text } from 'ink';

export interface ReplayCompareScreenProps {
  setup: string;
  steps: readonly ReplayStep[];
  /** Set once the replay has finished. */
  comparison?: ReplayComparison;
  total: number;
  color: boolean;
  columns?: number;
}

const OUTCOME_TEXT: Record<ReplayOutcome, string> = {
  same: 'same',
  differs: 'differs',
  'no-live-reply': 'no live reply',
  'unexpected-reply': 'unexpected live reply',
  'both-silent': 'no reply, as recorded',
};
const OUTCOME_COLOR: Record<ReplayOutcome, string> = {
  same: 'green',
  differs: 'red',
  'no-live-reply': 'red',
  'unexpected-reply': 'red',
  'both-silent': 'green',
};
/** Differences shown per message on screen; --json has them all. */
const MAX_DIFFERENCES = 16;

function value(v: unknown): string {
  if (v === undefined) return 'absent';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function lastLayer(summary: string | undefined): string {
  return summary?.split(' / ').at(-1) ?? '-';
}

function DifferenceLine({ difference, width }: { difference: FieldDifference; width: number }) {
  return (
    <Text wrap="truncate-end">
      {`${difference.path.padEnd(width)} ${value(difference.expected)} → ${value(difference.actual)}`}
    </Text>
  );
}

function StepBlock({ step, color, columns }: { step: ReplayStep; color: boolean; columns: number }) {
  const shown = step.differences.slice(0, MAX_DIFFERENCES);
  const width = Math.min(28, Math.max(0, ...shown.map((d) => d.path.length)));
  const rtt = step.rttMs !== undefined ? ` ${step.rttMs.toFixed(1)}ms` : '';
  return (
    <Box flexDirection="column" width={columns}>
      <Text wrap="truncate-end">
        <Text bold>{`#${step.index} ${step.message}`}</Text>
        <Text
          dimColor
        >{` frame ${step.frameNumber}: recorded ${lastLayer(step.recorded)}, live ${lastLayer(step.live)}${rtt} `}</Text>
        <Text {...(color ? { color: OUTCOME_COLOR[step.outcome] } : {})}>{OUTCOME_TEXT[step.outcome]}</Text>
      </Text>
      <Box flexDirection="column" paddingLeft={3}>
        {step.rewrites.map((rewrite) => (
          <Text key={rewrite} dimColor wrap="truncate-end">{`sent with ${rewrite}`}</Text>
        ))}
        {shown.map((d) => (
          <DifferenceLine key={d.path} difference={d} width={width} />
        ))}
        {step.differences.length > shown.length ? (
          <Text dimColor>{`… ${step.differences.length - shown.length} more differences in --json`}</Text>
        ) : null}
        {step.variable.length > 0 ? (
          <Text dimColor>
            {`differs (expected variable): ${step.variable.map((d) => (d.path === 'BOOTP.yiaddr' ? `yiaddr ${value(d.expected)} → ${value(d.actual)}` : d.path)).join(', ')}`}
          </Text>
        ) : null}
      </Box>
    </Box>
  );
}

const COUNT_TEXT: Record<ReplayOutcome, string> = {
  same: 'same',
  differs: 'differing',
  'no-live-reply': 'without live reply',
  'unexpected-reply': 'with an unexpected live reply',
  'both-silent': 'unanswered as recorded',
};

/** '1 same, 2 differing' (outcomes that occurred only). */
export function formatReplayCounts(counts: Record<ReplayOutcome, number>): string {
  return (Object.keys(COUNT_TEXT) as ReplayOutcome[])
    .filter((o) => counts[o] > 0)
    .map((o) => `${counts[o]} ${COUNT_TEXT[o]}`)
    .join(', ');
}

/** Each compared message is printed once (Static); the live part is one progress line. */
export function ReplayCompareScreen({
  setup,
  steps,
  comparison,
  total,
  color,
  columns = 80,
}: ReplayCompareScreenProps) {
  const failing = comparison
    ? comparison.counts.differs + comparison.counts['no-live-reply'] + comparison.counts['unexpected-reply']
    : 0;
  return (
    <>
      <Static
        items={[
          { key: 'header', step: undefined },
          ...steps.map((step) => ({ key: `step:${step.index}`, step })),
        ]}
      >
        {(item) =>
          item.step ? (
            <StepBlock key={item.key} step={item.step} color={color} columns={columns} />
          ) : (
            <Box key={item.key} width={columns} flexDirection="column">
              <Text bold>wirecraft replay-compare</Text>
              <Text dimColor>{setup}</Text>
            </Box>
          )
        }
      </Static>
      {comparison ? (
        <Box marginTop={1} width={columns}>
          <Text bold wrap="truncate-end" {...(color ? { color: failing > 0 ? 'red' : 'green' } : {})}>
            {`${comparison.steps.length} client messages: ${formatReplayCounts(comparison.counts) || 'none'}${comparison.complete ? '' : ' (stopped early)'}`}
          </Text>
        </Box>
      ) : (
        <Text dimColor>{`${steps.length} / ${total} client messages compared · Ctrl-C to stop`}</Text>
      )}
    </>
  );
}
