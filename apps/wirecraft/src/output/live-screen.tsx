import { type Instance, render } from 'ink';
import type { ReactElement } from 'react';
import type { CommandIO } from '../cli/command.js';

export interface LiveScreen {
  update(element: ReactElement): void;
  /** Renders the last frame, leaves it on the terminal and releases stdin/stdout. */
  finish(element: ReactElement): Promise<void>;
  readonly rows: number;
}

/**
 * An Ink render on the command's own streams. Ink redraws only what changed (no flicker), re-lays out on
 * resize, and restores the terminal on unmount; Ctrl-C reaches the command as SIGINT because no screen here
 * puts stdin in raw mode unless it reads keys itself.
 */
export function startLiveScreen(io: CommandIO, element: ReactElement): LiveScreen {
  const stdout = io.stdout as NodeJS.WriteStream;
  const instance: Instance = render(element, {
    stdout,
    stderr: io.stderr as NodeJS.WriteStream,
    stdin: io.stdin as NodeJS.ReadStream,
    patchConsole: false,
    exitOnCtrlC: false,
  });
  let finished = false;
  return {
    update(next) {
      if (!finished) instance.rerender(next);
    },
    async finish(last) {
      if (finished) return;
      finished = true;
      instance.rerender(last);
      instance.unmount();
      await instance.waitUntilExit();
    },
    get rows() {
      return stdout.rows ?? 24;
    },
  };
}

/** Aborts on Ctrl-C (SIGINT) and SIGTERM until disposed, so a command can close its link before exiting. */
export function interruptSignal(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const abort = () => controller.abort();
  process.on('SIGINT', abort);
  process.on('SIGTERM', abort);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', abort);
      process.off('SIGTERM', abort);
    },
  };
}
