import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { REPO_ROOT, waitFor } from './run-wirecraft.js';

/** A tmux server of our own (-L): other tmux users on the machine can neither see nor kill our sessions. */
const SOCKET = `wirecraft-app-${process.pid}`;

function tmux(args: string[]): string {
  return execFileSync('tmux', ['-L', SOCKET, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function tmuxAvailable(): boolean {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A detached 80x24 tmux session running one shell command; the pane stays after the command exits. */
export class TmuxSession {
  readonly name = `wc-app-${process.pid}-${Math.floor(Math.random() * 1e6)}`;

  constructor(command: string, env: Record<string, string> = {}) {
    const exports = Object.entries(env)
      .map(([k, v]) => `export ${k}='${v}'; `)
      .join('');
    // An interactive shell, as a user has: it survives Ctrl-C and prints the exit code after the command.
    // CI runners export CI=true, and Ink then draws only the final frame: the pane must look like a user's
    // terminal, so the CI markers Ink reads (is-in-ci) are removed from the shell's environment.
    const userTerminal = 'unset CI CONTINUOUS_INTEGRATION; ';
    tmux([
      'new-session',
      '-d',
      '-s',
      this.name,
      '-x',
      '80',
      '-y',
      '24',
      '-c',
      REPO_ROOT,
      'bash --norc --noprofile -i',
    ]);
    tmux(['send-keys', '-t', this.name, `${userTerminal}${exports}clear; ${command}; echo "EXIT=$?"`, 'Enter']);
  }

  screen(): string {
    return tmux(['capture-pane', '-p', '-t', this.name]);
  }

  sendKeys(...keys: string[]): void {
    tmux(['send-keys', '-t', this.name, ...keys]);
  }

  /** Waits for a line `EXIT=<code>` and returns the code with the screen above it. */
  async exit(timeoutMs: number): Promise<{ code: number; screen: string }> {
    return waitFor(
      () => {
        const screen = this.screen();
        const match = /^EXIT=(\d+)$/m.exec(screen);
        return match ? { code: Number(match[1]), screen } : undefined;
      },
      timeoutMs,
      `the command in tmux session ${this.name} to exit`,
    );
  }

  kill(): void {
    try {
      tmux(['kill-session', '-t', this.name]);
    } catch {
      // Already gone.
    }
  }

  /** Stops our private tmux server (and any session left on it). */
  static killServer(): void {
    try {
      tmux(['kill-server']);
    } catch {
      // No server was running.
    }
    const dir = `${process.env.TMUX_TMPDIR ?? '/tmp'}/tmux-${process.getuid?.() ?? 0}`;
    rmSync(`${dir}/${SOCKET}`, { force: true });
  }
}
