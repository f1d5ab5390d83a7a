/**
 * Runs scapy (Debian's python3-scapy) once for a batch of build/dissect requests; see scapy-oracle.py.
 * One process per test file: starting python with scapy costs a second or two.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SCAPY_PYTHON = '/usr/bin/python3';
const script = fileURLToPath(new URL('./scapy-oracle.py', import.meta.url));

export type ScapyJson = null | number | string | { bytes: string } | ScapyJson[];
export interface ScapyLayerJson {
  name: string;
  fields: Record<string, ScapyJson>;
}
export type OracleRequest = { build: string } | { dissect: string; first?: string };
export type OracleAnswer = { hex: string } | { layers: ScapyLayerJson[] } | { error: string };

/** Why scapy cannot be used here, or undefined when it can. */
export function scapyUnavailable(): string | undefined {
  if (!existsSync(SCAPY_PYTHON)) return `${SCAPY_PYTHON} not found`;
  const probe = spawnSync(SCAPY_PYTHON, ['-c', 'import scapy; print(scapy.VERSION)'], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return probe.status === 0
    ? undefined
    : `scapy is not importable by ${SCAPY_PYTHON}: ${probe.stderr.trim()}`;
}

/** Answers every request in order; throws when the oracle process fails as a whole. */
export function askScapy(requests: readonly OracleRequest[]): OracleAnswer[] {
  const input = requests.map((r) => JSON.stringify(r)).join('\n');
  // Each request has its own 2 s limit inside the oracle; this bounds the whole batch.
  const result = spawnSync(SCAPY_PYTHON, [script], {
    input,
    encoding: 'utf8',
    timeout: 30_000 + requests.length * 2_500,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(
      `scapy oracle failed (status ${result.status}, ${result.signal ?? 'no signal'}): ${result.stderr}`,
    );
  }
  const answers = result.stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as OracleAnswer);
  if (answers.length !== requests.length) {
    throw new Error(
      `scapy oracle answered ${answers.length} of ${requests.length} requests: ${result.stderr}`,
    );
  }
  return answers;
}
