import { hexdump, show } from '@wirecraft/packet';
import { Box, Text, useInput, useStdin } from 'ink';
import { useRef, useState } from 'react';
import type { SniffedFrame } from '../sniff/sniffed-frame.js';

export interface SniffScreenProps {
  setup: string;
  frames: readonly SniffedFrame[];
  /** Frames seen in all (the list keeps only the newest). */
  total: number;
  /** Dropped by the kernel when known, by our queue otherwise. */
  drops: string;
  done: boolean;
  color: boolean;
  rows?: number;
  onQuit(): void;
}

/**
 * A live list of summary lines. Up/down select (the list stops following new frames until End), Enter opens
 * the selected frame's show() tree and hexdump, Esc/Enter closes it, q or Ctrl-C quits.
 */
export function SniffScreen({
  setup,
  frames,
  total,
  drops,
  done,
  color,
  rows = 24,
  onQuit,
}: SniffScreenProps) {
  const { isRawModeSupported } = useStdin();
  const [selectedId, setSelectedId] = useState<number | undefined>(undefined);
  const [detail, setDetailState] = useState(false);
  // Keys can arrive before React re-renders with the new handler: read the mode from a ref, never a stale closure.
  const detailRef = useRef(false);
  const setDetail = (open: boolean) => {
    detailRef.current = open;
    setDetailState(open);
  };
  const [scroll, setScroll] = useState(0);
  const index = selectedId === undefined ? frames.length - 1 : frames.findIndex((f) => f.id === selectedId);
  useInput(
    (input, key) => {
      if (input === 'q' || (key.ctrl && input === 'c')) return onQuit();
      if (frames.length === 0) return;
      const current = index < 0 ? frames.length - 1 : index;
      if (detailRef.current && (key.upArrow || key.downArrow)) {
        setScroll((top) => Math.max(0, top + (key.upArrow ? -1 : 1)));
        return;
      }
      if (key.upArrow) setSelectedId(frames[Math.max(0, current - 1)].id);
      else if (key.downArrow) setSelectedId(frames[Math.min(frames.length - 1, current + 1)].id);
      else if (key.return) {
        setDetail(!detailRef.current);
        setScroll(0);
      } else if (key.escape) setDetail(false);
      else if (input === 'G' || key.pageDown) setSelectedId(undefined);
    },
    { isActive: isRawModeSupported === true },
  );
  const listRows = Math.max(3, rows - 4);
  const selected = index >= 0 ? frames[index] : undefined;
  const header = (
    <Text wrap="truncate-end">
      <Text bold {...(color ? { color: 'cyan' } : {})}>
        wirecraft sniff
      </Text>{' '}
      <Text dimColor>{setup}</Text>
    </Text>
  );
  const footer = (
    <Text dimColor wrap="truncate-end">
      {total} frames, drops {drops}
      {done ? ' (done)' : ''} {detail ? '· ↑↓ scroll · Enter back' : '· ↑↓ select · Enter details · G follow'}{' '}
      · q quit
    </Text>
  );
  if (detail && selected) {
    const all = `${show(selected.packet)}\n${hexdump(selected.data)}`.split('\n');
    const top = Math.min(scroll, Math.max(0, all.length - listRows));
    const lines = all.slice(top, top + listRows);
    return (
      <Box flexDirection="column">
        {header}
        <Text bold wrap="truncate-end">
          #{selected.id + 1} {selected.summary}
        </Text>
        {lines.map((line, i) => (
          // Lines of one fixed text: their order never changes.
          // biome-ignore lint/suspicious/noArrayIndexKey: static content
          <Text key={i} wrap="truncate-end">
            {line}
          </Text>
        ))}
        {footer}
      </Box>
    );
  }
  const start = Math.max(0, Math.min(index - listRows + 1, frames.length - listRows));
  const shown = frames
    .slice(Math.max(0, selectedId === undefined ? frames.length - listRows : start), undefined)
    .slice(0, listRows);
  return (
    <Box flexDirection="column">
      {header}
      {shown.map((frame) => {
        const isSelected = selected?.id === frame.id && selectedId !== undefined;
        return (
          <Text key={frame.id} wrap="truncate-end" inverse={isSelected}>
            {String(frame.id + 1).padStart(5)} {frame.relative.toFixed(6).padStart(11)} {frame.summary}
          </Text>
        );
      })}
      {frames.length === 0 ? <Text dimColor>waiting for frames…</Text> : null}
      {footer}
    </Box>
  );
}
