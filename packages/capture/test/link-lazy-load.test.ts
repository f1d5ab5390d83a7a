import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const fixture = fileURLToPath(new URL('./fixtures/import-capture.ts', import.meta.url));

function addonsLoaded(mode: string): string[] {
  const result = spawnSync(
    process.execPath,
    ['--conditions=@wirecraft/source', '--import', 'tsx', fixture, mode],
    {
      encoding: 'utf8',
      timeout: 20_000,
      cwd: fileURLToPath(new URL('..', import.meta.url)),
    },
  );
  if (result.status !== 0) throw new Error(`fixture failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '[]') as string[];
}

describe('the cap native addon', () => {
  it('is not loaded by importing @wirecraft/capture and using a virtual link', () => {
    expect(addonsLoaded('import')).toEqual([]);
  });

  it('is loaded once a LiveLink is opened', () => {
    if (process.getuid?.() !== 0) {
      console.warn('skipping the LiveLink half: opening lo needs root or CAP_NET_RAW');
      return;
    }
    expect(addonsLoaded('open')).toEqual([expect.stringMatching(/cap\.node$/)]);
  });
});
