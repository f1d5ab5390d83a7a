import { createInterface } from 'node:readline';
import type { CommandIO } from '../cli/command.js';

/** Lines of a stream, for commands that take one item per line on stdin. */
export async function* inputLines(stream: NodeJS.ReadableStream): AsyncGenerator<string> {
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) yield line;
}

/** Blank lines and `#` comments in piped input are skipped. */
export function isContentLine(line: string): boolean {
  const text = line.trim();
  return text !== '' && !text.startsWith('#');
}

/**
 * Runs `render` on every content line of stdin and writes its text; a line that throws is reported on
 * stderr with its line number and the rest still run, so one bad line in a batch does not hide the others.
 * Multi-line outputs (`separate`) get a blank line between them. Exit code 1 when any line failed.
 */
export async function eachInputLine(
  io: CommandIO,
  command: string,
  render: (line: string, label: string) => string,
  separate: boolean,
): Promise<number> {
  let failed = 0;
  let lineNumber = 0;
  let first = true;
  for await (const line of inputLines(io.stdin)) {
    lineNumber++;
    if (!isContentLine(line)) continue;
    try {
      const text = render(line, `line ${lineNumber}`);
      io.stdout.write(separate && !first ? `\n${text}` : text);
      first = false;
    } catch (error) {
      failed++;
      const message = error instanceof Error ? error.message : String(error);
      io.stderr.write(`wirecraft ${command}: line ${lineNumber}: ${message}\n`);
    }
  }
  return failed > 0 ? 1 : 0;
}
