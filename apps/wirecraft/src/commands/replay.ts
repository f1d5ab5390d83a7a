import {
  type BpfProgram,
  compileBpf,
  type Frame,
  getInterface,
  openLiveLink,
  readCaptureFile,
} from '@wirecraft/capture';
import { createElement } from 'react';
import { integerOption, parseCommandArgs, positiveNumberOption } from '../args/command-args.js';
import { type Command, type CommandIO, UsageError } from '../cli/command.js';
import { interruptSignal, startLiveScreen } from '../output/live-screen.js';
import { outputMode, writeJsonLine } from '../output/output-mode.js';
import { type ReplayProgress, type ReplayTiming, replayFrames } from '../replay/replay-frames.js';
import { ReplayScreen } from '../screens/replay-screen.js';

const OPTIONS = {
  iface: { type: 'string' },
  topspeed: { type: 'boolean' },
  speed: { type: 'string' },
  pps: { type: 'string' },
  loop: { type: 'string' },
  filter: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export function parseReplayArgs(argv: string[]) {
  const { values, positionals } = parseCommandArgs('replay', argv, OPTIONS, true);
  if (positionals.length !== 1) {
    throw new UsageError(
      `give exactly one capture file (got ${positionals.length}), e.g. wirecraft replay dhcp.pcap --iface veth0`,
    );
  }
  if (values.iface === undefined || values.iface === '') {
    throw new UsageError(
      '--iface is required: replay sends only on an interface you name (see wirecraft ifaces)',
    );
  }
  const chosen = [
    values.topspeed ? '--topspeed' : '',
    values.speed ? '--speed' : '',
    values.pps ? '--pps' : '',
  ].filter(Boolean);
  if (chosen.length > 1) throw new UsageError(`${chosen.join(' and ')} exclude each other: pick one`);
  const speed = positiveNumberOption('speed', values.speed);
  const pps = positiveNumberOption('pps', values.pps);
  const timing: ReplayTiming = values.topspeed
    ? { kind: 'topspeed' }
    : pps !== undefined
      ? { kind: 'pps', rate: pps }
      : { kind: 'speed', factor: speed ?? 1 };
  return {
    file: positionals[0],
    iface: values.iface,
    timing,
    loops: integerOption('loop', values.loop) ?? 1,
    json: values.json === true,
    filter: values.filter !== undefined && values.filter.trim() !== '' ? values.filter : undefined,
  };
}

/** A predicate keeping the frames the BPF expression accepts, compiled once per linktype met. */
function keepMatching(expression: string): (frame: Frame) => boolean {
  const programs = new Map<number, BpfProgram>();
  return (frame) => {
    let program = programs.get(frame.linktype);
    if (program === undefined) {
      program = compileBpf(expression, frame.linktype);
      programs.set(frame.linktype, program);
    }
    return program.matches(frame.data, frame.originalLength);
  };
}

export const replayCommand: Command = {
  name: 'replay',
  summary: 'send the frames of a pcap/pcapng file on an interface, with progress and rate',
  usage:
    'wirecraft replay FILE --iface IF [--topspeed | --speed X | --pps N] [--loop N] [--filter BPF] [--json]',
  examples: [
    'wirecraft replay fixtures/arkime_wireshark-dhcp.pcap --iface veth0            # original timing',
    'wirecraft replay fixtures/zeek_dhcp_flood.pcap --iface veth0 --topspeed --loop 10',
    'wirecraft replay capture.pcapng --iface veth0 --pps 1000 --json',
    "wirecraft replay fixtures/zeek_dhcp_flood.pcap --iface veth0 --filter 'udp src port 68'  # requests only",
    '',
    'The file is read into memory first (like tcpreplay --preload-pcap) so reading never slows sending.',
    'JSON: one summary object {frames, bytes, seconds, pps}; with --filter also fileFrames and filter.',
    '--filter is compiled by libpcap (through tcpdump -ddd, so tcpdump must be installed) and keeps exactly',
    "the frames `tcpdump -r FILE 'BPF'` shows; with --speed the kept frames keep their original times.",
  ],
  async run(argv, io: CommandIO) {
    const options = parseReplayArgs(argv);
    const mode = outputMode(io, options.json);
    getInterface(options.iface);
    const frames: Frame[] = [];
    const filter = options.filter === undefined ? undefined : keepMatching(options.filter);
    let fileFrames = 0;
    for await (const frame of readCaptureFile(options.file)) {
      fileFrames++;
      if (filter === undefined || filter(frame)) frames.push(frame);
    }
    const link = await openLiveLink({ iface: options.iface, filter: 'less 1' });
    const interrupt = interruptSignal();
    const selected = options.filter === undefined ? '' : ` (of ${fileFrames} matching "${options.filter}")`;
    const setup = `${options.file} → ${options.iface}, ${frames.length} frames${selected} x ${options.loops}`;
    let progress: ReplayProgress = {
      frames: 0,
      bytes: 0,
      total: frames.length * options.loops,
      elapsedMs: 0,
    };
    const screen = mode.json
      ? undefined
      : startLiveScreen(io, createElement(ReplayScreen, { setup, progress, color: mode.color }));
    try {
      const result = await replayFrames(link, frames, {
        timing: options.timing,
        loops: options.loops,
        signal: interrupt.signal,
        onProgress: (next) => {
          progress = next;
          screen?.update(createElement(ReplayScreen, { setup, progress, color: mode.color }));
        },
      });
      const filtered = options.filter === undefined ? {} : { fileFrames, filter: options.filter };
      if (mode.json) writeJsonLine(io.stdout, { type: 'result', ...result, ...filtered });
      await screen?.finish(createElement(ReplayScreen, { setup, progress, result, color: mode.color }));
      return 0;
    } finally {
      await screen?.finish(createElement(ReplayScreen, { setup, progress, color: mode.color }));
      interrupt.dispose();
      await link.close();
    }
  },
};
