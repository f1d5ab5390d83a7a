import type { CommandIO } from '../cli/command.js';

export interface OutputMode {
  /** JSON lines on stdout instead of a live screen: asked for with --json, or stdout is not a terminal. */
  json: boolean;
  /** Colours only on a terminal and never when NO_COLOR is set (https://no-color.org). */
  color: boolean;
}

export function outputMode(io: CommandIO, jsonFlag: boolean | undefined, env = process.env): OutputMode {
  const tty = io.stdout.isTTY === true;
  const json = jsonFlag === true || !tty;
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return { json, color: !json && !noColor };
}

/** One JSON object per line; Uint8Array values become hex so every line stays valid JSON. */
export function writeJsonLine(stream: NodeJS.WritableStream, value: unknown): void {
  stream.write(
    `${JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v))}\n`,
  );
}
