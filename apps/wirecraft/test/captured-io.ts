import { PassThrough } from 'node:stream';
import type { CommandIO } from '../src/cli/command.js';
import { jsonLines } from './run-wirecraft.js';

/**
 * Streams for running a command in-process: stdout/stderr are collected. stdin is `options.stdin`
 * (piped, then ended) when given; otherwise a terminal that is never written.
 */
export interface CapturedIO {
  io: CommandIO;
  stdout(): string;
  stderr(): string;
  /** stdout split into parsed JSON lines. */
  jsonLines(): Record<string, unknown>[];
}

export function capturedIO(options: { tty?: boolean; stdin?: string } = {}): CapturedIO {
  const out = new PassThrough();
  const err = new PassThrough();
  const stdin = Object.assign(new PassThrough(), { isTTY: options.stdin === undefined });
  if (options.stdin !== undefined) stdin.end(options.stdin);
  const outChunks: Buffer[] = [];
  const errChunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => outChunks.push(chunk));
  err.on('data', (chunk: Buffer) => errChunks.push(chunk));
  const stdout = Object.assign(out, { isTTY: options.tty ?? false, columns: 80, rows: 24 });
  const stdoutText = () => Buffer.concat(outChunks).toString('utf8');
  return {
    io: { stdout, stderr: err, stdin },
    stdout: stdoutText,
    stderr: () => Buffer.concat(errChunks).toString('utf8'),
    jsonLines: () => jsonLines(stdoutText()),
  };
}
