import {
  dissect,
  fromScapy,
  hexdump,
  type Packet,
  ScapyEvalError,
  ScapySyntaxError,
  show,
  toHex,
  toJSON,
} from '@wirecraft/packet';
import { parseCommandArgs } from '../args/command-args.js';
import { eachInputLine } from '../args/line-input.js';
import { type Command, UsageError } from '../cli/command.js';

const OPTIONS = {
  hex: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

type Format = 'show' | 'hex' | 'json';

/** An expression that does not parse or evaluate is the user's input being wrong: a usage error. */
function parse(expression: string): Packet {
  try {
    return fromScapy(expression);
  } catch (error) {
    if (error instanceof ScapySyntaxError || error instanceof ScapyEvalError)
      throw new UsageError(error.message);
    throw error;
  }
}

function render(packet: Packet, format: Format): string {
  const bytes = packet.build();
  if (format === 'hex') return `${toHex(bytes)}\n`;
  // Re-dissected from the built bytes, so lengths and checksums show their computed values.
  const built = packet.layers.length > 0 ? dissect(bytes, { first: packet.layers[0] }) : packet;
  if (format === 'json') return `${JSON.stringify(toJSON(built))}\n`;
  return `${show(built)}\n${hexdump(bytes)}\n`;
}

export const buildCommand: Command = {
  name: 'build',
  summary: 'build a packet from a scapy expression; print show() and a hexdump, --hex or --json',
  usage: "wirecraft build [--hex | --json] ['<scapy expression>']  (no expression: one per line on stdin)",
  examples: [
    `wirecraft build 'Ether()/IP(src="198.18.0.1", dst="198.18.0.2")/UDP(sport=68, dport=67)/b"hello"'`,
    `wirecraft build --hex 'Ether(dst="ff:ff:ff:ff:ff:ff")/IP(src="0.0.0.0", dst="255.255.255.255")/UDP(sport=68, dport=67)/BOOTP(chaddr=mac2str("02:00:00:00:00:01"))/DHCP(options=[("message-type", "discover"), "end"])'`,
    'wirecraft build --json < expressions.txt',
  ],
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs('build', argv, OPTIONS, true);
    if (values.hex && values.json) throw new UsageError('--hex and --json cannot be combined');
    if (positionals.length > 1) {
      throw new UsageError(
        `expected one expression, got ${positionals.length} arguments: quote the expression in single quotes`,
      );
    }
    const format: Format = values.hex ? 'hex' : values.json ? 'json' : 'show';
    if (positionals.length === 1) {
      io.stdout.write(render(parse(positionals[0]), format));
      return 0;
    }
    if (io.stdin.isTTY)
      throw new UsageError('give an expression, or pipe expressions on stdin (one per line)');
    return eachInputLine(io, 'build', (line) => render(parse(line), format), format === 'show');
  },
};
