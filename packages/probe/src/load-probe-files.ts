import { stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ProbeSet } from './probe.js';

const PROBE_FILE_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'];
const DEFINE_HINT = 'export default defineProbes({ name, checks: [{ name, run: async (ctx) => {...} }] })';

/** A probe file that cannot be used: missing, unloadable, or without a ProbeSet default export. */
export class ProbeFileError extends Error {
  override name = 'ProbeFileError';
  constructor(
    readonly file: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    super(`probe file ${file}: ${reason}`, options);
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Why `value` is not a ProbeSet, or undefined when it is one. */
export function probeSetProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `expected a probe set, got ${describe(value)}`;
  }
  const record = value as Record<string, unknown>;
  if (typeof record.name !== 'string' || record.name === '') return 'the probe set has no name (a string)';
  if (!Array.isArray(record.checks)) return `probe set '${record.name}' has no checks array`;
  for (const [index, check] of (record.checks as unknown[]).entries()) {
    if (typeof check !== 'object' || check === null) {
      return `probe set '${record.name}': checks[${index}] is ${describe(check)}, not a check`;
    }
    const fields = check as Record<string, unknown>;
    if (typeof fields.name !== 'string' || fields.name === '') {
      return `probe set '${record.name}': checks[${index}] has no name`;
    }
    if (typeof fields.run !== 'function') {
      return `probe set '${record.name}': check '${fields.name}' has no run(ctx) function`;
    }
    if (fields.timeoutMs !== undefined && !(typeof fields.timeoutMs === 'number' && fields.timeoutMs > 0)) {
      return `probe set '${record.name}': check '${fields.name}' has timeoutMs ${String(fields.timeoutMs)}; give milliseconds > 0`;
    }
  }
  return undefined;
}

/** The probe sets one module's default export holds: a ProbeSet or an array of them. */
export function probeSetsOf(file: string, exported: unknown): ProbeSet[] {
  if (exported === undefined) throw new ProbeFileError(file, `has no default export; write ${DEFINE_HINT}`);
  const sets = Array.isArray(exported) ? exported : [exported];
  if (sets.length === 0) throw new ProbeFileError(file, 'default-exports an empty array of probe sets');
  for (const [index, set] of sets.entries()) {
    const problem = probeSetProblem(set);
    if (problem !== undefined) {
      const where = Array.isArray(exported) ? `default export [${index}]` : 'default export';
      throw new ProbeFileError(file, `${where}: ${problem}; write ${DEFINE_HINT}`);
    }
  }
  return sets as ProbeSet[];
}

/**
 * Imports probe files (TypeScript needs the tsx loader the CLI runs under) and returns their sets in
 * file order. Paths are relative to `cwd`.
 */
export async function loadProbeFiles(files: readonly string[], cwd = process.cwd()): Promise<ProbeSet[]> {
  const sets: ProbeSet[] = [];
  for (const file of files) {
    const extension = extname(file);
    if (!PROBE_FILE_EXTENSIONS.includes(extension)) {
      throw new ProbeFileError(
        file,
        `unsupported extension '${extension}'; a probe file ends in ${PROBE_FILE_EXTENSIONS.join(', ')}`,
      );
    }
    const path = resolve(cwd, file);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) throw new ProbeFileError(file, `no such file (looked at ${path})`);
    let module: { default?: unknown };
    try {
      module = (await import(pathToFileURL(path).href)) as { default?: unknown };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ProbeFileError(file, `cannot be loaded: ${reason}`, { cause: error });
    }
    sets.push(...probeSetsOf(file, module.default));
  }
  return sets;
}
