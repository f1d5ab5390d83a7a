import type { CheckResult } from '@wirecraft/probe';
import { failureDetails } from '@wirecraft/probe';
import { Box, Static, Text } from 'ink';
import { formatCounts, type ProbeLogItem, type ProbeView } from '../probe/probe-view.js';

export interface ProbeScreenProps {
  view: ProbeView;
  color: boolean;
  columns?: number;
}

const MARKS = { pass: '✓', fail: '✗', skip: '–' } as const;
const MARK_COLORS = { pass: 'green', fail: 'red', skip: 'yellow' } as const;
/** A failure's details can be long (every frame of a DORA); the rest is in --junit / --json. */
const MAX_DETAIL_LINES = 14;
/** Sent/received summary lines ('  +1.2ms Ether / IP / ...'): one screen line each, cut at the edge. */
const FRAME_LINE = /^ {2}\+\d/;

/** 'Ether / IP / UDP a > b / BOOTP / DHCP Offer' -> 'a > b DHCP Offer': the message type must stay visible. */
function compactFrameLine(line: string): string {
  return line
    .replace(' Ether / IP / UDP ', ' ')
    .replace(' / BOOTP / DHCP ', ' DHCP ')
    .replace(/ \/ BOOTP$/, ' BOOTP');
}

function milliseconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(1)}s`;
}

function ResultLine({ result, color, columns }: { result: CheckResult; color: boolean; columns: number }) {
  const time = milliseconds(result.durationMs);
  const reason = result.status === 'skip' && result.message ? ` (${result.message})` : '';
  const width = Math.max(10, columns - 2 - 1 - time.length - 1);
  return (
    <Box width={columns}>
      <Text {...(color ? { color: MARK_COLORS[result.status] } : {})}>{MARKS[result.status]} </Text>
      <Box width={width} flexShrink={0}>
        <Text wrap="truncate-end">
          {result.name}
          <Text dimColor>{reason}</Text>
        </Text>
      </Box>
      <Text dimColor> {time}</Text>
    </Box>
  );
}

function FailureBlock({ result, index, color }: { result: CheckResult; index: number; color: boolean }) {
  const lines = failureDetails(result)
    .split('\n')
    .map((line) => (FRAME_LINE.test(line) ? compactFrameLine(line) : line));
  const shown = lines.length > MAX_DETAIL_LINES ? lines.slice(0, MAX_DETAIL_LINES) : lines;
  return (
    <Box flexDirection="column" marginTop={index === 0 ? 1 : 0}>
      <Text bold {...(color ? { color: 'red' } : {})}>
        {`${index + 1}) ${result.set} › ${result.name}`}
        {result.rfc ? <Text dimColor>{` (${result.rfc})`}</Text> : null}
      </Text>
      <Box flexDirection="column" paddingLeft={3}>
        {shown.map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines of one fixed text
          <Text key={i} wrap={FRAME_LINE.test(line) ? 'truncate-end' : 'wrap'}>
            {line === '' ? ' ' : line}
          </Text>
        ))}
        {shown.length < lines.length ? (
          <Text dimColor>{`… ${lines.length - shown.length} more lines in --junit / --json`}</Text>
        ) : null}
      </Box>
    </Box>
  );
}

function LogLine({ item, color, columns }: { item: ProbeLogItem; color: boolean; columns: number }) {
  switch (item.kind) {
    case 'set':
      return <Text bold>{item.set}</Text>;
    case 'result':
      return <ResultLine result={item.result} color={color} columns={columns} />;
    case 'failure':
      return <FailureBlock result={item.result} index={item.index} color={color} />;
  }
}

/**
 * Finished checks go through <Static>: printed once, they scroll like any test runner's output, and the live
 * part (running check, counts) stays two lines high, so any number of checks fits a 24-row terminal.
 */
export function ProbeScreen({ view, color, columns = 80 }: ProbeScreenProps) {
  const counts = formatCounts(view.counts, view.total);
  const verdict = view.counts.fail > 0 ? 'red' : view.stoppedEarly ? 'yellow' : 'green';
  return (
    <>
      <Static items={[{ kind: 'header' as const, key: 'header' }, ...view.log]}>
        {(item) =>
          item.kind === 'header' ? (
            <Box key={item.key} width={columns}>
              <Text wrap="truncate-end">
                <Text bold>wirecraft probe</Text> <Text dimColor>{view.description}</Text>
              </Text>
            </Box>
          ) : (
            <LogLine key={item.key} item={item} color={color} columns={columns} />
          )
        }
      </Static>
      <Box flexDirection="column" width={columns} marginTop={view.done ? 1 : 0}>
        {view.running ? (
          <Text wrap="truncate-end">
            <Text dimColor>▶ running </Text>
            {view.running.name}
          </Text>
        ) : null}
        {view.done ? (
          <Text bold {...(color ? { color: verdict } : {})}>
            {`${counts} in ${milliseconds(view.elapsedMs)}${view.stoppedEarly ? `; stopped early: ${view.stoppedEarly}` : ''}`}
          </Text>
        ) : (
          <Text dimColor>{`${counts} · Ctrl-C to stop`}</Text>
        )}
      </Box>
    </>
  );
}
