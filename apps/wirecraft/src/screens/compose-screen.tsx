import { Box, Text, useInput, useStdin } from 'ink';
import { useRef, useState } from 'react';
import { type Composition, compose } from '../compose/composition.js';

export interface ComposeScreenProps {
  initial: string;
  color: boolean;
  rows?: number;
  /** Where Ctrl-S saves (a pcap path); shown in the help line. */
  saveTarget: string;
  /** The interface Ctrl-X sends on; undefined: sending is off (nothing is sent on a link that was not named). */
  iface?: string;
  onSave(bytes: Uint8Array): Promise<string>;
  onSend?(bytes: Uint8Array): Promise<string>;
  onQuit(): void;
}

/**
 * A scapy expression editor with the show() tree and hexdump updated on every key. An expression that does
 * not evaluate is shown with its error, and the last good packet stays on screen marked as stale: a bad
 * value is never accepted silently.
 */
export function ComposeScreen({
  initial,
  color,
  rows = 24,
  saveTarget,
  iface,
  onSave,
  onSend,
  onQuit,
}: ComposeScreenProps) {
  const { isRawModeSupported } = useStdin();
  const [current, setCurrent] = useState<Composition>(() => compose(initial));
  const [lastGood, setLastGood] = useState<Composition | undefined>(() => {
    const first = compose(initial);
    return first.ok ? first : undefined;
  });
  const [status, setStatus] = useState('');
  const text = useRef(initial);
  const edit = (next: string) => {
    text.current = next;
    const result = compose(next);
    setCurrent(result);
    if (result.ok) setLastGood(result);
  };
  useInput(
    (input, key) => {
      if (key.escape || (key.ctrl && input === 'c')) return onQuit();
      if (key.ctrl && input === 's') {
        if (lastGood?.ok) void onSave(lastGood.bytes).then(setStatus, (e: Error) => setStatus(e.message));
        return;
      }
      if (key.ctrl && input === 'x') {
        if (!onSend) setStatus('sending is off: start compose with --iface IF');
        else if (lastGood?.ok)
          void onSend(lastGood.bytes).then(setStatus, (e: Error) => setStatus(e.message));
        return;
      }
      if (key.ctrl && input === 'u') return edit('');
      if (key.backspace || key.delete) return edit(text.current.slice(0, -1));
      if (key.ctrl || key.meta || key.return || key.upArrow || key.downArrow || key.tab) return;
      // A fast typist or a paste delivers several keys in one chunk: apply them in order. Terminals send
      // Backspace as DEL (0x7f) or BS (0x08); other control characters never enter the expression.
      let next = text.current;
      for (const c of input) {
        if (c === '\u007f' || c === '\b') next = next.slice(0, -1);
        else if (c >= ' ') next += c;
      }
      if (next !== text.current) edit(next);
    },
    { isActive: isRawModeSupported === true },
  );
  const shown = current.ok ? current : lastGood;
  const body = shown?.ok ? `${shown.tree}\n${shown.hex}`.split('\n') : [];
  const bodyRows = Math.max(3, rows - 6);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-start">
        <Text bold>compose› </Text>
        {text.current}
        <Text inverse> </Text>
      </Text>
      {current.ok ? (
        <Text {...(color ? { color: 'green' } : {})} wrap="truncate-end">
          ✔ {current.bytes.length} bytes
        </Text>
      ) : (
        <Text {...(color ? { color: 'red' } : {})} wrap="truncate-end">
          ✘ {current.error.split('\n')[0]}
          {lastGood ? ' (showing the last valid packet)' : ''}
        </Text>
      )}
      {body.slice(0, bodyRows).map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines of one rendered text
        <Text key={i} wrap="truncate-end" dimColor={!current.ok}>
          {line}
        </Text>
      ))}
      {body.length > bodyRows ? <Text dimColor>… {body.length - bodyRows} more lines</Text> : null}
      <Text dimColor wrap="truncate-end">
        {status ? `${status} · ` : ''}type to edit · ^U clear · ^S save {saveTarget} · ^X send
        {iface ? ` on ${iface}` : ' (off)'} · Esc quit
      </Text>
    </Box>
  );
}
