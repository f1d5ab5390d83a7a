import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadProbeFiles, ProbeFileError, probeSetProblem } from './load-probe-files.js';

let dir: string;

const FILES: Record<string, string> = {
  'one.mjs': `export default { name: 'one', checks: [{ name: 'a', run: async () => {} }] };`,
  'two.ts': `
    interface Check { name: string; run(): Promise<void> }
    const check: Check = { name: 'typed', run: async () => {} };
    export default [
      { name: 'two-a', checks: [check] },
      { name: 'two-b', checks: [] },
    ];`,
  'none.mjs': `export const probes = { name: 'x', checks: [] };`,
  'no-run.mjs': `export default { name: 'broken', checks: [{ name: 'c1', run: async () => {} }, { name: 'c2' }] };`,
  'bad-item.mjs': `export default [{ name: 'fine', checks: [] }, 42];`,
  'throws.mjs': `throw new Error('boom at load');`,
  'notes.txt': 'not code',
  // As in a project directory: its .ts files are ES modules.
  'package.json': '{ "type": "module" }',
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wirecraft-probe-files-'));
  for (const [name, text] of Object.entries(FILES)) await writeFile(join(dir, name), text);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function loadError(file: string): Promise<ProbeFileError> {
  const error = await loadProbeFiles([file], dir).catch((e: unknown) => e);
  if (!(error instanceof ProbeFileError)) throw new Error(`expected a ProbeFileError, got ${String(error)}`);
  return error;
}

describe('loadProbeFiles', () => {
  it('returns the sets of JS and TypeScript files in file order, arrays flattened', async () => {
    const sets = await loadProbeFiles(['two.ts', 'one.mjs'], dir);
    expect(sets.map((s) => s.name)).toEqual(['two-a', 'two-b', 'one']);
    expect(sets[0].checks.map((c) => c.name)).toEqual(['typed']);
  });

  it('names the file and shows defineProbes when there is no default export', async () => {
    const error = await loadError('none.mjs');
    expect(error.file).toBe('none.mjs');
    expect(error.message).toMatch(
      /^probe file none\.mjs: has no default export; write export default defineProbes/,
    );
  });

  it('names the check that lacks run()', async () => {
    expect((await loadError('no-run.mjs')).message).toContain(
      "default export: probe set 'broken': check 'c2' has no run(ctx) function",
    );
  });

  it('names the array item that is not a probe set', async () => {
    expect((await loadError('bad-item.mjs')).message).toContain(
      'default export [1]: expected a probe set, got a number',
    );
  });

  it('wraps a load-time exception with the file name and keeps the cause', async () => {
    const error = await loadError('throws.mjs');
    expect(error.message).toBe('probe file throws.mjs: cannot be loaded: boom at load');
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('rejects a missing file and an unsupported extension before importing', async () => {
    expect((await loadError('missing.ts')).message).toMatch(
      /^probe file missing\.ts: no such file \(looked at \/.*missing\.ts\)$/,
    );
    expect((await loadError('notes.txt')).message).toBe(
      "probe file notes.txt: unsupported extension '.txt'; a probe file ends in .ts, .mts, .js, .mjs",
    );
  });
});

describe('probeSetProblem', () => {
  it('accepts a set with valid checks and explains each kind of invalid one', () => {
    const run = async () => {};
    expect(probeSetProblem({ name: 's', checks: [{ name: 'c', run, timeoutMs: 500 }] })).toBeUndefined();
    expect(probeSetProblem(null)).toBe('expected a probe set, got null');
    expect(probeSetProblem({ checks: [] })).toBe('the probe set has no name (a string)');
    expect(probeSetProblem({ name: 's' })).toBe("probe set 's' has no checks array");
    expect(probeSetProblem({ name: 's', checks: [{ run }] })).toBe("probe set 's': checks[0] has no name");
    expect(probeSetProblem({ name: 's', checks: [{ name: 'c', run, timeoutMs: -1 }] })).toBe(
      "probe set 's': check 'c' has timeoutMs -1; give milliseconds > 0",
    );
  });
});
