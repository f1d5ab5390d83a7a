import { getInterface, type LinkStats, openLiveLink, PcapWriter, sniff } from '@wirecraft/capture';
import { createElement } from 'react';
import { integerOption, parseCommandArgs, secondsOption } from '../args/command-args.js';
import { type Command, type CommandIO, UsageError } from '../cli/command.js';
import { interruptSignal, startLiveScreen } from '../output/live-screen.js';
import { outputMode, writeJsonLine } from '../output/output-mode.js';
import { SniffScreen } from '../screens/sniff-screen.js';
import { type SniffedFrame, sniffedFrame, sniffedFrameJson } from '../sniff/sniffed-frame.js';

const OPTIONS = {
  iface: { type: 'string' },
  filter: { type: 'string' },
  count: { type: 'string' },
  timeout: { type: 'string' },
  write: { type: 'string', short: 'w' },
  json: { type: 'boolean' },
} as const;

/** Frames the screen keeps for browsing; older ones are only counted (and written with -w). */
export const SNIFF_SCREEN_FRAMES = 1000;

export function dropsText(stats: LinkStats): string {
  const kernel = stats.dropped === undefined ? 'kernel unknown' : `kernel ${stats.dropped}`;
  return `${kernel}, queue ${stats.queueDropped}`;
}

export const sniffCommand: Command = {
  name: 'sniff',
  summary: 'capture frames on an interface: live summary list, show() tree and hexdump, pcap output',
  usage: 'wirecraft sniff --iface IF [--filter BPF] [--count N] [--timeout S] [-w FILE] [--json]',
  examples: [
    "wirecraft sniff --iface veth0 --filter 'udp port 67 or udp port 68'",
    'wirecraft sniff --iface veth0 --count 10 -w dhcp.pcap',
    'wirecraft sniff --iface lo --timeout 5 --json   # one JSON line per frame: time, length, layers',
    '',
    'Keys: ↑↓ select a frame, Enter shows its layers and hexdump, G follows new frames again, q quits.',
  ],
  async run(argv, io: CommandIO) {
    const { values } = parseCommandArgs('sniff', argv, OPTIONS);
    if (values.iface === undefined || values.iface === '') {
      throw new UsageError('--iface is required (see wirecraft ifaces)');
    }
    const count = integerOption('count', values.count);
    const timeout = secondsOption('timeout', values.timeout);
    const mode = outputMode(io, values.json);
    getInterface(values.iface);
    const link = await openLiveLink({
      iface: values.iface,
      ...(values.filter ? { filter: values.filter } : {}),
    });
    const writer = values.write
      ? new PcapWriter(values.write, { linktype: link.linktype, precision: 'nano' })
      : undefined;
    const interrupt = interruptSignal();
    const quit = new AbortController();
    const signal = AbortSignal.any([interrupt.signal, quit.signal]);
    const setup = `${values.iface}${values.filter ? ` filter "${values.filter}"` : ''}${values.write ? ` → ${values.write}` : ''}`;
    let frames: SniffedFrame[] = [];
    let total = 0;
    let done = false;
    const element = () =>
      createElement(SniffScreen, {
        setup,
        frames,
        total,
        drops: dropsText(link.stats),
        done,
        color: mode.color,
        rows: (io.stdout as NodeJS.WriteStream).rows ?? 24,
        onQuit: () => quit.abort(),
      });
    const screen = mode.json ? undefined : startLiveScreen(io, element());
    let firstTime: number | undefined;
    try {
      for await (const frame of sniff({
        link,
        signal,
        ...(count !== undefined ? { count } : {}),
        ...(timeout !== undefined ? { timeout: timeout * 1000 } : {}),
      })) {
        const sniffed = sniffedFrame(total++, frame, firstTime);
        firstTime ??= sniffed.time;
        await writer?.write(frame);
        if (mode.json) writeJsonLine(io.stdout, sniffedFrameJson(sniffed));
        else {
          frames =
            frames.length >= SNIFF_SCREEN_FRAMES ? [...frames.slice(1), sniffed] : [...frames, sniffed];
          screen?.update(element());
        }
      }
      done = true;
      // On a terminal the list stays browsable after --count/--timeout until q.
      if (screen && !signal.aborted) {
        screen.update(element());
        if ((io.stdin as NodeJS.ReadStream).isTTY) {
          await new Promise<void>((resolve) =>
            signal.addEventListener('abort', () => resolve(), { once: true }),
          );
        }
      }
      return 0;
    } finally {
      done = true;
      await screen?.finish(element());
      interrupt.dispose();
      await writer?.close();
      await link.close();
    }
  },
};
