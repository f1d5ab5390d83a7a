import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { createLab, describeLab, type Lab } from '@wirecraft/lab';

const probe = fileURLToPath(new URL('./fixtures/open-live-link-stderr.ts', import.meta.url));
const AFTER = 'fd 2 after open\nprocess.stderr after open\n';

function probeArgv(iface: string, how: 'wrapped' | 'bare'): string[] {
  return [process.execPath, '--conditions=@wirecraft/source', '--import', 'tsx', probe, iface, how];
}

/** Runs the probe with stderr on `stderr`: 'pipe' is what node's child_process gives, a socketpair. */
function openIn(iface: string, how: 'wrapped' | 'bare', stderr: 'pipe' | number) {
  const [command = '', ...args] = probeArgv(iface, how);
  return spawnSync(command, args, {
    encoding: 'utf8',
    timeout: 30_000,
    stdio: ['ignore', 'pipe', stderr],
  });
}

/** Runs the probe with stderr on a real pipe(2) read by cat, as a shell pipeline does; returns what cat saw. */
function openWithStderrOnPipe(iface: string): string {
  const result = spawnSync(
    'sh',
    ['-c', 'exec "$@" 2>&1 >/dev/null | cat', 'sh', ...probeArgv(iface, 'wrapped')],
    {
      encoding: 'utf8',
      timeout: 30_000,
    },
  );
  if (result.status !== 0) throw new Error(`probe failed: ${result.stderr}`);
  return result.stdout;
}

describeLab("opening a LiveLink on an interface with no IPv4 address keeps cap's warning off stderr", () => {
  let lab: Lab;
  let dir: string;
  beforeAll(async () => {
    lab = await createLab({ name: 'quiet-stderr' });
    dir = mkdtempSync(join(tmpdir(), 'wirecraft-stderr-'));
  });
  afterAll(async () => {
    await lab?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('cap alone prints the warning (the host end of a lab has no IPv4 address)', () => {
    const bare = openIn(lab.hostIface, 'bare', 'pipe');
    expect(bare.stdout).toBe('opened\n');
    expect(bare.stderr).toBe(
      `Warning: ${lab.hostIface}: no IPv4 address assigned - This may not actually work\n${AFTER}`,
    );
  });

  it('through LiveLink, stderr on a pipe gets nothing from the open and works again afterwards', () => {
    expect(openWithStderrOnPipe(lab.hostIface)).toBe(AFTER);
  });

  it('stderr on a socket cannot be reopened without dup2: the warning gets through, stderr is never lost', () => {
    const wrapped = openIn(lab.hostIface, 'wrapped', 'pipe');
    expect(wrapped.stdout).toBe('opened\n');
    expect(wrapped.stderr).toBe(
      `Warning: ${lab.hostIface}: no IPv4 address assigned - This may not actually work\n${AFTER}`,
    );
  });

  it('through LiveLink, stderr redirected to a file: appended to, never overwritten', () => {
    const path = join(dir, 'stderr.txt');
    const fd = openSync(path, 'w');
    try {
      const wrapped = openIn(lab.hostIface, 'wrapped', fd);
      expect(wrapped.stdout).toBe('opened\n');
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(path, 'utf8')).toBe(AFTER);
  });
});
