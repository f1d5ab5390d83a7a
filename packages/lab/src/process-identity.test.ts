import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { isPidRunning, isProcessAlive, processStartTime } from './process-identity.js';

describe('process identity', () => {
  it('reads a start time for this process and calls it alive', () => {
    const start = processStartTime(process.pid);
    expect(start).toMatch(/^\d+$/);
    expect(isProcessAlive(process.pid, start)).toBe(true);
  });

  it('tells a reused pid apart by its start time', () => {
    expect(isProcessAlive(process.pid, '1')).toBe(false);
  });

  it('calls a finished process dead', () => {
    const child = spawnSync('true');
    expect(child.pid).toBeGreaterThan(0);
    expect(isProcessAlive(child.pid)).toBe(false);
  });
});

describe('isPidRunning', () => {
  it('is true for this process and false for a reaped one', () => {
    expect(isPidRunning(process.pid)).toBe(true);
    expect(isPidRunning(spawnSync('true').pid)).toBe(false);
  });
});
