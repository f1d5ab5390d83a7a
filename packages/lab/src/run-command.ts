import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { LabCommandError, LabTimeoutError } from './errors.js';
import { tail } from './text-tail.js';

export interface CommandResult {
  /** Exit status; 128 + signal number when the command was killed by a signal (shell convention). */
  code: number;
  stdout: string;
  stderr: string;
}

export interface CommandOptions {
  /** Kill the command (SIGKILL) and reject with LabTimeoutError after this long. Default 30 s. */
  timeoutMs?: number;
  /** Written to the command's stdin, which is then closed. */
  input?: string;
  env?: NodeJS.ProcessEnv;
}

const defaultTimeoutMs = 30_000;

/** Run a command to completion, collecting its output; never goes through a shell. */
export function runCommand(argv: readonly string[], options: CommandOptions = {}): Promise<CommandResult> {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  return new Promise((resolve, reject) => {
    const [file, ...args] = argv;
    const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env });
    let stdout = '';
    let stderr = '';
    let settled = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      child.kill('SIGKILL');
      reject(new LabTimeoutError(argv.join(' '), timeoutMs, tail(stderr)));
    }, timeoutMs);
    child.on('error', (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ code: code ?? 128 + (signal ? constants.signals[signal] : 0), stdout, stderr });
    });
    // A command that exits without reading its stdin makes the write fail with EPIPE: that is not our error.
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}

/** Run a command that must succeed (set-up steps): a non-zero exit becomes a LabCommandError. */
export async function runCommandOrThrow(
  argv: readonly string[],
  options: CommandOptions = {},
): Promise<CommandResult> {
  const result = await runCommand(argv, options);
  if (result.code !== 0) throw new LabCommandError(argv, result.code, result.stderr);
  return result;
}
