import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describeLab, sweepStaleLabs } from '@wirecraft/lab';
import { type LabFootprint, labLeftovers } from './lab-leftovers.js';

const holder = fileURLToPath(new URL('./fixtures/hold-lab.ts', import.meta.url));

interface Held {
  labs: LabFootprint[];
  pids: number[];
}

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** Taken synchronously the moment the holder is reaped, before any other process could sweep. */
  leftoversAtExit: string[];
}

/** Start the holder, wait for its description, then let `act` end it; resolves once it has exited. */
function runHolder(mode: string, act: (pid: number) => void): Promise<{ held: Held; outcome: Outcome }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@wirecraft/source', '--import', 'tsx', holder, mode],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    let held: Held | undefined;
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (held === undefined && stdout.includes('\n')) {
        held = JSON.parse(stdout.slice(0, stdout.indexOf('\n'))) as Held;
        act(child.pid ?? -1);
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (held === undefined) reject(new Error(`holder exited before describing its labs: ${stderr}`));
      else resolve({ held, outcome: { code, signal, stderr, leftoversAtExit: leftovers(held) } });
    });
  });
}

function leftovers(held: Held): string[] {
  return [
    ...held.labs.flatMap((lab) => labLeftovers(lab)),
    ...labLeftovers({ ...held.labs[0], pids: held.pids }),
  ];
}

describeLab('a process that dies with labs open', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`tears them down when killed with ${signal}, then dies of that signal`, async () => {
      const { held, outcome } = await runHolder('wait', (pid) => process.kill(pid, signal));
      expect(outcome.signal).toBe(signal);
      expect(leftovers(held)).toEqual([]);
    });
  }

  it('tears them down when it crashes on an uncaught exception, still crashing', async () => {
    const { held, outcome } = await runHolder('crash', () => {});
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('deliberate crash with labs open');
    expect(leftovers(held)).toEqual([]);
  });

  it('tears them down when it calls process.exit() without closing them', async () => {
    const { held, outcome } = await runHolder('exit', () => {});
    expect(outcome.code).toBe(7);
    expect(leftovers(held)).toEqual([]);
  });

  it('leaves them to sweepStaleLabs() after SIGKILL, which removes them', async () => {
    const { held, outcome } = await runHolder('wait', (pid) => process.kill(pid, 'SIGKILL'));
    expect(outcome.signal).toBe('SIGKILL');
    expect(outcome.leftoversAtExit.length).toBeGreaterThan(0);
    // Concurrent jest workers sweep in createLab() too, so the labs may be gone before this sweep runs.
    const stillThere = held.labs.filter((lab) => labLeftovers(lab).length > 0).map((lab) => lab.id);
    expect(sweepStaleLabs().removedLabs).toEqual(expect.arrayContaining(stillThere));
    expect(leftovers(held)).toEqual([]);
  });
});

describe('sweepStaleLabs', () => {
  it('leaves the labs of live processes alone', async () => {
    if (process.getuid?.() !== 0) {
      console.warn('skipping: needs root');
      return;
    }
    const { createLab } = await import('@wirecraft/lab');
    const lab = await createLab();
    try {
      expect(sweepStaleLabs().removedLabs).not.toContain(lab.id);
      const ping = await lab.exec(['true']);
      expect(ping.code).toBe(0);
    } finally {
      await lab.close();
    }
  });
});
