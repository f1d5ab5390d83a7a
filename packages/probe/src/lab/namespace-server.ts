import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lab, LabProcess } from '@wirecraft/lab';
import { NAMESPACE_SERVER_READY, type NamespaceServerConfig } from './namespace-server-config.js';

/** Node, tsx and the TypeScript sources start slowly on a loaded 2-core machine. */
const READY_TIMEOUT_MS = 30_000;

export class NamespaceServerStartError extends Error {
  override name = 'NamespaceServerStartError';
  constructor(reason: string, output: string) {
    super(`wirecraft DHCP server in the lab namespace ${reason}${output ? `:\n${output}` : ''}`);
  }
}

/**
 * The command that runs serve-in-namespace next to this module: from the TypeScript sources through tsx
 * (resolved from this package's directory, where the workspace provides it), or the built .js as is.
 */
function serverCommand(config: NamespaceServerConfig): string[] {
  const here = fileURLToPath(import.meta.url);
  const fromSource = here.endsWith('.ts');
  const script = join(dirname(here), fromSource ? 'serve-in-namespace.ts' : 'serve-in-namespace.js');
  const json = JSON.stringify(config);
  if (!fromSource) return [process.execPath, script, json];
  const packageDir = join(dirname(here), '..', '..');
  // `env -C` makes the package directory the working directory, from which `--import tsx` resolves.
  return [
    'env',
    '-C',
    packageDir,
    process.execPath,
    '--conditions=@wirecraft/source',
    '--import',
    'tsx',
    script,
    json,
  ];
}

/** Starts our server inside the lab's peer namespace and waits for its ready line. */
export async function startNamespaceServer(lab: Lab, config: NamespaceServerConfig): Promise<LabProcess> {
  const child = lab.spawn(serverCommand(config));
  try {
    await child.waitForOutput(new RegExp(NAMESPACE_SERVER_READY), READY_TIMEOUT_MS);
  } catch {
    await child.stop('SIGKILL');
    const output = `${child.stderr}${child.stdout}`.trim().split('\n').slice(-20).join('\n');
    throw new NamespaceServerStartError(
      `did not print "${NAMESPACE_SERVER_READY}" within ${READY_TIMEOUT_MS} ms`,
      output,
    );
  }
  return child;
}
