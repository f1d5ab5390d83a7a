import {
  encodePcap,
  getInterface,
  LINKTYPE,
  type Link,
  openLiveLink,
  readCaptureFile,
} from '@wirecraft/capture';
import { dissect, type Packet, summary, toScapy } from '@wirecraft/packet';
import { writeFile } from 'node:fs/promises';
import { createElement } from 'react';
import { parseCommandArgs } from '../args/command-args.js';
import { type Command, type CommandIO, UsageError } from '../cli/command.js';
import { compose } from '../compose/composition.js';
import { sendAndMatch } from '../compose/send-and-match.js';
import { interruptSignal, startLiveScreen } from '../output/live-screen.js';
import { writeJsonLine } from '../output/output-mode.js';
import { ComposeScreen } from '../screens/compose-screen.js';

const OPTIONS = {
  expr: { type: 'string' },
  load: { type: 'string' },
  out: { type: 'string' },
  iface: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export const DEFAULT_EXPRESSION =
  "Ether(dst='ff:ff:ff:ff:ff:ff')/IP(src='0.0.0.0', dst='255.255.255.255')/UDP(sport=68, dport=67)/BOOTP(chaddr='02:00:00:00:00:01')/DHCP(options=[('message-type', 'discover'), 'end'])";

function nowTimestamp() {
  const ms = Date.now();
  return { seconds: Math.floor(ms / 1000), nanoseconds: (ms % 1000) * 1_000_000, precision: 6 };
}

export const composeCommand: Command = {
  name: 'compose',
  summary: 'interactive packet composer: edit a scapy expression, see show() and hexdump live, save or send',
  usage: 'wirecraft compose [--expr EXPR | --load FILE] [--out FILE] [--iface IF] [--json]',
  examples: [
    'wirecraft compose',
    'wirecraft compose --expr "Ether()/IP(dst=\'198.18.0.1\')/UDP(dport=67)" --out probe.pcap',
    'wirecraft compose --load fixtures/zeek_dhcp.pcap          # start from the first frame of a capture',
    'wirecraft compose --expr "IP()/UDP()" --json               # no terminal: print the composition once',
    '',
    'Keys: type to edit the expression, Tab switches to the field list: ↑↓ select, Enter edits a field',
    '(checked as you type; Enter applies only a valid value), a adds a layer, d removes one.',
    '^S saves to --out (compose.pcap); ^X sends on --iface and lists the answers matched to the packet.',
  ],
  async run(argv, io: CommandIO) {
    const { values } = parseCommandArgs('compose', argv, OPTIONS);
    if (values.expr !== undefined && values.load !== undefined)
      throw new UsageError('--expr and --load exclude each other');
    let initial = values.expr ?? DEFAULT_EXPRESSION;
    if (values.load !== undefined) {
      for await (const frame of readCaptureFile(values.load)) {
        initial = toScapy(dissect(frame.data, { linktype: frame.linktype }));
        break;
      }
    }
    const interactive = io.stdout.isTTY === true && io.stdin.isTTY === true && values.json !== true;
    if (!interactive) {
      const result = compose(initial);
      writeJsonLine(
        io.stdout,
        result.ok
          ? {
              ok: true,
              expression: initial,
              hex: Buffer.from(result.bytes).toString('hex'),
              summary: summary(dissect(result.bytes, { first: result.packet.layers[0] })),
            }
          : { ok: false, expression: initial, error: result.error },
      );
      return result.ok ? 0 : 1;
    }
    const out = values.out ?? 'compose.pcap';
    let link: Link | undefined;
    if (values.iface !== undefined) {
      getInterface(values.iface);
      // No filter: the answers to whatever is composed must reach srp's matching.
      link = await openLiveLink({ iface: values.iface });
    }
    const interrupt = interruptSignal();
    const quit = new AbortController();
    interrupt.signal.addEventListener('abort', () => quit.abort(), { once: true });
    const props = {
      initial,
      color: process.env.NO_COLOR === undefined || process.env.NO_COLOR === '',
      rows: (io.stdout as NodeJS.WriteStream).rows ?? 24,
      saveTarget: out,
      ...(values.iface !== undefined ? { iface: values.iface } : {}),
      onSave: async (bytes: Uint8Array) => {
        const frame = {
          data: bytes,
          timestamp: nowTimestamp(),
          originalLength: bytes.length,
          linktype: LINKTYPE.ETHERNET,
        };
        await writeFile(out, encodePcap([frame], { linktype: LINKTYPE.ETHERNET }));
        return `saved ${bytes.length} bytes to ${out}`;
      },
      ...(link ? { onSend: (request: Packet) => sendAndMatch(link, request) } : {}),
      onQuit: () => quit.abort(),
    };
    const screen = startLiveScreen(io, createElement(ComposeScreen, props));
    try {
      await new Promise<void>((resolve) =>
        quit.signal.addEventListener('abort', () => resolve(), { once: true }),
      );
      return 0;
    } finally {
      await screen.finish(createElement(ComposeScreen, props));
      interrupt.dispose();
      await link?.close();
    }
  },
};
