import { type ChildProcess, spawn } from 'node:child_process';
import { LabTimeoutError, PeerStartError } from './errors.js';
import { tail } from './text-tail.js';

export type OutputStream = 'stdout' | 'stderr' | 'both';

/** A long-running process inside a lab namespace, tracked by the lab and killed by its close(). */
export interface LabProcess {
  readonly pid: number;
  readonly argv: readonly string[];
  /** Everything written so far (the last 8 MiB when a process is very chatty). */
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves with the exit status, or null when a signal ended the process. Never rejects. */
  readonly exited: Promise<number | null>;
  readonly running: boolean;
  /** Resolve as soon as the output (so far or to come) matches; reject on timeout or exit first. */
  waitForOutput(pattern: RegExp, timeoutMs: number, stream?: OutputStream): Promise<RegExpMatchArray>;
  signal(signal: NodeJS.Signals): void;
  /** Send `signal` (SIGTERM by default), SIGKILL after `graceMs`, resolve once the process is gone. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  /** Written to stdin, which is then closed; without it stdin is /dev/null. */
  input?: string;
}

const maxRetainedChars = 8 * 1024 * 1024;
const defaultGraceMs = 3_000;

/** Start `argv` inside a named network namespace through `ip netns exec`, which execs in place. */
export function spawnInNamespace(
  namespace: string,
  argv: readonly string[],
  options: SpawnOptions = {},
): NamespaceProcess {
  const child = spawn('ip', ['netns', 'exec', namespace, ...argv], {
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    env: options.env ?? process.env,
  });
  if (options.input !== undefined && child.stdin) {
    child.stdin.on('error', () => {});
    child.stdin.end(options.input);
  }
  return new NamespaceProcess(child, argv);
}

export class NamespaceProcess implements LabProcess {
  readonly pid: number;
  readonly exited: Promise<number | null>;
  private out = '';
  private err = '';
  private isRunning = true;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly child: ChildProcess,
    readonly argv: readonly string[],
  ) {
    this.pid = child.pid ?? -1;
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      this.out = retain(this.out + chunk);
      this.notify();
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.err = retain(this.err + chunk);
      this.notify();
    });
    this.exited = new Promise((resolve) => {
      child.on('error', (error) => {
        this.err += `${error.message}\n`;
        this.isRunning = false;
        this.notify();
        resolve(null);
      });
      // 'close' rather than 'exit': all output has been read by then.
      child.on('close', (code) => {
        this.isRunning = false;
        this.notify();
        resolve(code);
      });
    });
  }

  get stdout(): string {
    return this.out;
  }

  get stderr(): string {
    return this.err;
  }

  get running(): boolean {
    return this.isRunning;
  }

  waitForOutput(
    pattern: RegExp,
    timeoutMs: number,
    stream: OutputStream = 'both',
  ): Promise<RegExpMatchArray> {
    // A global regex would return all matches without groups and carry lastIndex between calls.
    const once = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
    const what = `${this.argv[0]}: waiting for ${pattern}`;
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const match = this.match(once, stream);
        if (match) {
          finish();
          resolve(match);
          return true;
        }
        if (!this.isRunning) {
          finish();
          reject(new PeerStartError(this.argv[0], `exited before printing ${pattern}`, tail(this.err)));
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        finish();
        reject(new LabTimeoutError(what, timeoutMs, tail(this.err || this.out)));
      }, timeoutMs);
      const listener = (): void => {
        check();
      };
      const finish = (): void => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      if (!check()) this.listeners.add(listener);
    });
  }

  signal(signal: NodeJS.Signals): void {
    if (!this.isRunning) return;
    try {
      this.child.kill(signal);
    } catch {
      // Exited between the check and the kill.
    }
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = defaultGraceMs): Promise<void> {
    if (!this.isRunning) return;
    this.signal(signal);
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), graceMs);
    });
    const outcome = await Promise.race([this.exited, gaveUp]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.signal('SIGKILL');
      await this.exited;
    }
  }

  private match(pattern: RegExp, stream: OutputStream): RegExpMatchArray | null {
    if (stream !== 'stderr') {
      const match = this.out.match(pattern);
      if (match) return match;
    }
    if (stream !== 'stdout') return this.err.match(pattern);
    return null;
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

function retain(text: string): string {
  return text.length > maxRetainedChars ? text.slice(text.length - maxRetainedChars) : text;
}
