import { dissect, fromHex, type Packet, show, summary, toJSON } from '@wirecraft/packet';
import { type Command, type CommandIO, UsageError } from '../cli/command.js';
import { decodeCaptureFile } from '../decode/decode-capture-file.js';
import { parseCommandArgs } from '../args/command-args.js';
import { eachInputLine } from '../args/line-input.js';

const OPTIONS = {
  hex: { type: 'string' },
  json: { type: 'boolean' },
  linktype: { type: 'string' },
  read: { type: 'string', short: 'r' },
} as const;

export interface DecodeOptions {
  json: boolean;
  linktype: number;
}

/** One packet's output: a JSON line, or the summary line and show(). Problems are part of both. */
export function renderDecoded(packet: Packet, json: boolean): string {
  if (json) return `${JSON.stringify(toJSON(packet))}\n`;
  const problems = packet.problems.map(
    (p) => `!! ${p.kind} in ${p.layer}${p.field ? `.${p.field}` : ''}: ${p.message}`,
  );
  return [summary(packet), show(packet), ...problems, ''].join('\n');
}

function linktypeOf(text: string | undefined): number {
  if (text === undefined) return 1;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) {
    throw new UsageError(
      `--linktype ${JSON.stringify(text)} is not an integer >= 0 (1 Ethernet, 101 raw IP, 113 SLL)`,
    );
  }
  return value;
}

function frameFromHex(text: string, what: string): Uint8Array {
  const bytes = fromHex(text.trim());
  if (!bytes || bytes.length === 0) {
    throw new UsageError(`${what} is not a frame in hex (pairs of hex digits, spaces and ':' allowed)`);
  }
  return bytes;
}

/** One hex frame per stdin line. */
async function decodeStdin(io: CommandIO, options: DecodeOptions): Promise<number> {
  if (io.stdin.isTTY) throw new UsageError('give --hex <frame>, or pipe hex frames on stdin (one per line)');
  return eachInputLine(
    io,
    'decode',
    (line) => renderDecoded(dissect(frameFromHex(line, 'it'), { linktype: options.linktype }), options.json),
    !options.json,
  );
}

export const decodeCommand: Command = {
  name: 'decode',
  summary: 'dissect frames (hex or a pcap/pcapng file): summary and show(), or one JSON object per packet',
  usage:
    'wirecraft decode [-r FILE | --hex <hex>] [--json] [--linktype N]  (neither: one hex frame per line on stdin)',
  examples: [
    'wirecraft decode -r fixtures/zeek_dhcp.pcap',
    'wirecraft decode -r capture.pcapng --json   # + "time" (file precision), "length", "captured", "linktype"',
    'wirecraft decode --hex ffffffffffff020000000001080045000021000100004011...',
    'wirecraft decode --json --hex 4500001c00010000401100000a0000010a000002 --linktype 101',
    'wirecraft build --hex < expressions.txt | wirecraft decode --json',
  ],
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs('decode', argv, OPTIONS, true);
    if (positionals.length > 0) {
      throw new UsageError(
        `unexpected argument ${JSON.stringify(positionals[0])}: give frames with --hex or on stdin`,
      );
    }
    if (values.read !== undefined) {
      if (values.hex !== undefined) throw new UsageError('-r FILE and --hex cannot be combined');
      if (values.linktype !== undefined) {
        throw new UsageError('--linktype does not apply to -r: the file gives each record its linktype');
      }
      await decodeCaptureFile(values.read, io.stdout, values.json === true);
      return 0;
    }
    const options: DecodeOptions = { json: values.json === true, linktype: linktypeOf(values.linktype) };
    if (values.hex !== undefined) {
      const frame = frameFromHex(values.hex, '--hex');
      io.stdout.write(renderDecoded(dissect(frame, { linktype: options.linktype }), options.json));
      return 0;
    }
    return decodeStdin(io, options);
  },
};
