import type { Packet } from '@wirecraft/packet';
import { Box, type Key, Text, useInput, useStdin } from 'ink';
import { useRef, useState } from 'react';
import { type Composition, compose } from '../compose/composition.js';
import { type FieldRow, fieldRows } from '../compose/field-rows.js';
import { addLayer, type EditResult, editField, layerNames, removeLayer } from '../compose/packet-edits.js';
import type { MatchedAnswer, SendReport } from '../compose/send-and-match.js';

export interface ComposeScreenProps {
  initial: string;
  color: boolean;
  rows?: number;
  /** Where Ctrl-S saves (a pcap path); shown in the help line. */
  saveTarget: string;
  /** The interface Ctrl-X sends on; undefined: sending is off (nothing is sent on a link that was not named). */
  iface?: string;
  onSave(bytes: Uint8Array): Promise<string>;
  /** Sends the packet and resolves with the replies matched to it. */
  onSend?(packet: Packet): Promise<SendReport>;
  onQuit(): void;
}

type Mode =
  | { kind: 'expression' }
  | { kind: 'fields' }
  | { kind: 'edit'; layer: number; field: string; text: string; check: EditResult }
  | { kind: 'pick'; filter: string; choice: number };

type GoodComposition = Extract<Composition, { ok: true }>;

interface ComposeState {
  current: Composition;
  lastGood: GoodComposition | undefined;
  rows: FieldRow[];
  mode: Mode;
  selected: number;
}

/** Applies a chunk of typed keys to `text`: a paste arrives as one chunk; DEL and BS erase. */
function typeInto(text: string, input: string): string {
  let next = text;
  for (const c of input) {
    if (c === '\u007f' || c === '\b') next = next.slice(0, -1);
    else if (c >= ' ') next += c;
  }
  return next;
}

const MAX_ANSWERS_SHOWN = 4;

function helpText(mode: Mode, saveTarget: string, iface: string | undefined): string {
  const send = `^X send${iface ? ` on ${iface}` : ' (off)'}`;
  switch (mode.kind) {
    case 'expression':
      return `type to edit · Tab fields · ^U clear · ^S save ${saveTarget} · ${send} · Esc quit`;
    case 'fields':
      return `↑↓ Enter edit · a add layer · d remove · Tab expr · ^S save · ${send} · Esc quit`;
    case 'edit':
      return 'type a value (scapy syntax; empty = auto) · Enter applies if valid · Esc cancel';
    case 'pick':
      return 'type to filter · ↑↓ choose · Enter add the layer · Esc cancel';
  }
}

/**
 * The interactive composer: a scapy expression editor (show() tree and hexdump updated per key) and a
 * field list (pick layers, edit one field at a time, validated as you type). A value that does not
 * build is shown in red with the reason and never accepted; the last valid packet stays on screen.
 * After ^X (only with --iface) the replies matched to the sent packet are listed.
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
  // Keys can arrive faster than Ink re-renders (a paste, tmux send-keys, a fast typist): the key handler
  // reads and writes these refs, so each key sees the state the previous key left, not the last render's.
  const [, rerender] = useState(0);
  const state = useRef<ComposeState | undefined>(undefined);
  if (state.current === undefined) {
    const first = compose(initial);
    const good = first.ok ? first : undefined;
    state.current = {
      current: first,
      lastGood: good,
      rows: good ? fieldRows(good.packet, good.bytes) : [],
      mode: { kind: 'expression' },
      selected: 1,
    };
  }
  const view = state.current;
  const update = (change: Partial<ComposeState>) => {
    Object.assign(view, change);
    rerender((n) => n + 1);
  };
  const setMode = (mode: Mode) => update({ mode });
  const [status, setStatus] = useState('');
  const [answers, setAnswers] = useState<MatchedAnswer[] | undefined>(undefined);
  const text = useRef(initial);
  const pickable = (filter: string) =>
    layerNames().filter((name) => name.toLowerCase().startsWith(filter.toLowerCase()));

  const edit = (next: string) => {
    text.current = next;
    const result = compose(next);
    if (result.ok)
      update({ current: result, lastGood: result, rows: fieldRows(result.packet, result.bytes) });
    else update({ current: result });
  };
  const applyEdit = (result: EditResult, what: string) => {
    if (!result.ok) {
      setStatus(`✘ ${what}: ${result.error}`);
      return false;
    }
    edit(result.expression);
    setStatus(`✔ ${what}`);
    return true;
  };

  const handleKey = (input: string, key: Key) => {
    const { lastGood, rows: rowsOfPacket, mode } = view;
    const last = Math.max(0, rowsOfPacket.length - 1);
    const selectedRow = rowsOfPacket[Math.min(view.selected, last)];
    const select = (next: number) => update({ selected: Math.max(0, Math.min(last, next)) });
    if (key.ctrl && input === 'c') return onQuit();
    if (key.ctrl && input === 's') {
      if (lastGood) void onSave(lastGood.bytes).then(setStatus, (e: Error) => setStatus(e.message));
      return;
    }
    if (key.ctrl && input === 'x') {
      if (!onSend) setStatus('sending is off: start compose with --iface IF');
      else if (lastGood) {
        setStatus(`sending ${lastGood.bytes.length} bytes, listening for answers…`);
        setAnswers(undefined);
        void onSend(lastGood.packet).then(
          (report) => {
            setStatus(report.status);
            setAnswers(report.answers);
          },
          (e: Error) => setStatus(e.message),
        );
      }
      return;
    }
    switch (mode.kind) {
      case 'expression': {
        if (key.escape) return onQuit();
        if (key.tab) return setMode({ kind: 'fields' });
        if (key.ctrl && input === 'u') return edit('');
        if (key.backspace || key.delete) return edit(text.current.slice(0, -1));
        if (key.ctrl || key.meta || key.return || key.upArrow || key.downArrow) return;
        const next = typeInto(text.current, input);
        if (next !== text.current) edit(next);
        return;
      }
      case 'fields': {
        if (key.escape) return onQuit();
        if (key.tab) return setMode({ kind: 'expression' });
        if (key.upArrow) return select(Math.min(view.selected, last) - 1);
        if (key.downArrow) return select(view.selected + 1);
        if (key.pageUp) return select(Math.min(view.selected, last) - 10);
        if (key.pageDown) return select(view.selected + 10);
        if (!lastGood || !selectedRow) return;
        if (key.return && selectedRow.kind === 'field') {
          const check = editField(lastGood.packet, selectedRow.layer, selectedRow.field, selectedRow.text);
          return setMode({
            kind: 'edit',
            layer: selectedRow.layer,
            field: selectedRow.field,
            text: selectedRow.text,
            check,
          });
        }
        if (input === 'a') return setMode({ kind: 'pick', filter: '', choice: 0 });
        if (input === 'd') {
          const name = lastGood.packet.layers[selectedRow.layer]?.def.name ?? '';
          if (applyEdit(removeLayer(lastGood.packet, selectedRow.layer), `removed ${name}`)) {
            select(view.selected - 1);
          }
        }
        return;
      }
      case 'edit': {
        if (key.escape) return setMode({ kind: 'fields' });
        if (key.return) {
          if (mode.check.ok) {
            edit(mode.check.expression);
            setStatus(`✔ ${mode.field} set`);
            setMode({ kind: 'fields' });
          }
          return;
        }
        if (!lastGood || key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow) return;
        const next = key.backspace || key.delete ? mode.text.slice(0, -1) : typeInto(mode.text, input);
        if (next === mode.text) return;
        setMode({ ...mode, text: next, check: editField(lastGood.packet, mode.layer, mode.field, next) });
        return;
      }
      case 'pick': {
        if (key.escape) return setMode({ kind: 'fields' });
        const choices = pickable(mode.filter);
        if (key.upArrow) return setMode({ ...mode, choice: Math.max(0, mode.choice - 1) });
        if (key.downArrow) {
          return setMode({ ...mode, choice: Math.min(Math.max(0, choices.length - 1), mode.choice + 1) });
        }
        if (key.return) {
          const name = choices[mode.choice];
          if (name === undefined || !lastGood) return;
          const after = selectedRow?.layer ?? lastGood.packet.layers.length - 1;
          if (applyEdit(addLayer(lastGood.packet, name, after), `added ${name}`)) setMode({ kind: 'fields' });
          return;
        }
        if (key.ctrl || key.meta || key.tab) return;
        const filter = key.backspace || key.delete ? mode.filter.slice(0, -1) : typeInto(mode.filter, input);
        if (filter !== mode.filter) setMode({ kind: 'pick', filter, choice: 0 });
        return;
      }
    }
  };
  useInput(
    (input, key) => {
      // tmux send-keys and pastes deliver several keys in one chunk, which Ink reports as one input:
      // replay them one by one, so "Enter 9 9 9" opens the edit and then types into it.
      if (input.length > 1 && !input.includes('\u001b') && !key.ctrl && !key.meta) {
        for (const c of input) {
          handleKey(c === '\r' || c === '\t' || c === '\u007f' || c === '\b' ? '' : c, {
            ...key,
            return: c === '\r',
            tab: c === '\t',
            backspace: c === '\u007f' || c === '\b',
            delete: false,
          });
        }
        return;
      }
      handleKey(input, key);
    },
    { isActive: isRawModeSupported === true },
  );

  const { current, lastGood, rows: rowsOfPacket, mode } = view;
  const selected = Math.min(view.selected, Math.max(0, rowsOfPacket.length - 1));
  const selectedRow = rowsOfPacket[selected];
  const red = color ? { color: 'red' } : {};
  const green = color ? { color: 'green' } : {};
  const answerLines =
    answers === undefined
      ? []
      : answers.length === 0
        ? ['no answer matched the sent packet']
        : answers
            .slice(0, MAX_ANSWERS_SHOWN)
            .map((a, i) => `${i + 1}. ${a.summary}  (${a.rttMs.toFixed(1)} ms)`)
            .concat(
              answers.length > MAX_ANSWERS_SHOWN ? [`… ${answers.length - MAX_ANSWERS_SHOWN} more`] : [],
            );
  // Expression, verdict, answers, status and two help lines take the rest of the screen.
  const bodyRows = Math.max(3, rows - 6 - (answerLines.length > 0 ? answerLines.length + 1 : 0));
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-start" dimColor={mode.kind !== 'expression'}>
        <Text bold>compose› </Text>
        {text.current}
        {mode.kind === 'expression' ? <Text inverse> </Text> : null}
      </Text>
      {current.ok ? (
        <Text {...green} wrap="truncate-end">
          ✔ {current.bytes.length} bytes
        </Text>
      ) : (
        <Text {...red} wrap="truncate-end">
          ✘ {current.error.split('\n')[0]}
          {lastGood ? ' (showing the last valid packet)' : ''}
        </Text>
      )}
      {mode.kind === 'expression' ? (
        <TreeAndHex shown={current.ok ? current : lastGood} stale={!current.ok} rows={bodyRows} />
      ) : mode.kind === 'pick' ? (
        <LayerPicker
          filter={mode.filter}
          choices={pickable(mode.filter)}
          choice={mode.choice}
          rows={bodyRows}
          after={lastGood?.packet.layers[selectedRow?.layer ?? 0]?.def.name ?? ''}
        />
      ) : (
        <FieldList
          rows={rowsOfPacket}
          selected={selected}
          height={bodyRows}
          editing={mode.kind === 'edit' ? mode : undefined}
          color={color}
          hex={lastGood?.hex ?? ''}
        />
      )}
      {answerLines.length > 0 ? (
        <Box flexDirection="column">
          <Text bold>answers matched to the sent packet:</Text>
          {answerLines.map((line) => (
            <Text key={line} wrap="truncate-end">
              {'  '}
              {line}
            </Text>
          ))}
        </Box>
      ) : null}
      <Text wrap="truncate-end" {...(status.startsWith('✘') ? red : {})}>
        {status}
      </Text>
      {/* Wrapped, never cut: the keys must stay readable at 80 columns (two lines at most). */}
      <Text dimColor wrap="wrap">
        {helpText(mode, saveTarget, iface)}
      </Text>
    </Box>
  );
}

function TreeAndHex({
  shown,
  stale,
  rows,
}: {
  shown: GoodComposition | undefined;
  stale: boolean;
  rows: number;
}) {
  const body = shown ? `${shown.tree}\n${shown.hex}`.split('\n') : [];
  return (
    <Box flexDirection="column">
      {body.slice(0, rows).map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines of one rendered text
        <Text key={i} wrap="truncate-end" dimColor={stale}>
          {line}
        </Text>
      ))}
      {body.length > rows ? <Text dimColor>… {body.length - rows} more lines</Text> : null}
    </Box>
  );
}

interface FieldListProps {
  rows: FieldRow[];
  selected: number;
  height: number;
  editing: { layer: number; field: string; text: string; check: EditResult } | undefined;
  color: boolean;
  /** The hexdump of the packet: its first lines stay visible under the list. */
  hex: string;
}

const HEX_LINES_UNDER_FIELDS = 3;

function FieldList({ rows, selected, height, editing, color, hex }: FieldListProps) {
  const hexLines = hex === '' ? [] : hex.split('\n').slice(0, HEX_LINES_UNDER_FIELDS);
  const listRows = Math.max(2, height - hexLines.length - (editing ? 1 : 0));
  const start = Math.max(0, Math.min(selected - Math.floor(listRows / 2), rows.length - listRows));
  const visible = rows.slice(start, start + listRows);
  return (
    <Box flexDirection="column">
      {visible.map((row, i) => {
        const index = start + i;
        const cursor = index === selected ? '›' : ' ';
        if (row.kind === 'layer') {
          return (
            <Text key={`l${row.layer}`} bold inverse={index === selected} wrap="truncate-end">
              {cursor}###[ {row.name} ]###
            </Text>
          );
        }
        const isEdited = editing !== undefined && editing.layer === row.layer && editing.field === row.field;
        const value = isEdited
          ? `${editing.text}█`
          : row.text !== ''
            ? row.text
            : `auto${row.computed !== '' ? ` → ${row.computed}` : ''}`;
        return (
          <Text
            key={`f${row.layer}.${row.field}`}
            inverse={index === selected && !isEdited}
            dimColor={!isEdited && row.text === ''}
            wrap="truncate-end"
          >
            {cursor} {row.field.padEnd(10)}= {value}
          </Text>
        );
      })}
      {editing ? (
        editing.check.ok ? (
          <Text {...(color ? { color: 'green' } : {})} wrap="truncate-end">
            ✔ valid: Enter applies it
          </Text>
        ) : (
          <Text {...(color ? { color: 'red' } : {})} wrap="truncate-end">
            ✘ {editing.check.error}
          </Text>
        )
      ) : null}
      {hexLines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines of one hexdump
        <Text key={`h${i}`} dimColor wrap="truncate-end">
          {line}
        </Text>
      ))}
    </Box>
  );
}

interface LayerPickerProps {
  filter: string;
  choices: string[];
  choice: number;
  rows: number;
  after: string;
}

function LayerPicker({ filter, choices, choice, rows, after }: LayerPickerProps) {
  const listRows = Math.max(1, rows - 1);
  const start = Math.max(0, Math.min(choice - Math.floor(listRows / 2), choices.length - listRows));
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        add a layer after {after}: {filter}
        <Text inverse> </Text>
      </Text>
      {choices.length === 0 ? <Text dimColor>no layer name starts with "{filter}"</Text> : null}
      {choices.slice(start, start + listRows).map((name, i) => (
        <Text key={name} inverse={start + i === choice}>
          {start + i === choice ? '›' : ' '} {name}
        </Text>
      ))}
    </Box>
  );
}
