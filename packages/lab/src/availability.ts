import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

let cachedReason: string | null = null;

/** Why no lab can be created on this machine, or undefined when labs work. Cheap: computed once. */
export function labUnavailableReason(): string | undefined {
  if (cachedReason === null) cachedReason = computeReason() ?? '';
  return cachedReason === '' ? undefined : cachedReason;
}

function computeReason(): string | undefined {
  if (process.platform !== 'linux') return `needs Linux network namespaces (platform is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'needs root';
  if (findExecutable('ip') === undefined) return 'ip (iproute2) not found';
  return undefined;
}

/** The path of an executable on PATH (plus the sbin directories non-login root shells often lack). */
export function findExecutable(name: string): string | undefined {
  const directories = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin'];
  for (const directory of directories) {
    if (directory === '') continue;
    const candidate = join(directory, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory.
    }
  }
  return undefined;
}
