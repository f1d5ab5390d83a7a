import type { DhcpPoolOptions } from '@wirecraft/dhcp';

/** What serve-in-namespace.ts reads from its one JSON argument. */
export interface NamespaceServerConfig {
  /** The interface to serve on, inside the namespace the process runs in. */
  iface: string;
  serverId: string;
  serverMac?: string;
  pool: DhcpPoolOptions;
  leaseFile?: string;
}

/** Printed on stdout once the server answers; the parent waits for it. */
export const NAMESPACE_SERVER_READY = 'wirecraft-dhcp: serving';

export class NamespaceServerConfigError extends Error {
  override name = 'NamespaceServerConfigError';
  constructor(
    readonly field: string,
    readonly value: unknown,
  ) {
    super(
      `serve-in-namespace: ${field} is ${JSON.stringify(value)}; pass one JSON object ` +
        `{ iface, serverId, pool: { range, subnet, … } }`,
    );
  }
}

export function parseNamespaceServerConfig(text: string | undefined): NamespaceServerConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text ?? '');
  } catch {
    throw new NamespaceServerConfigError('the argument', text);
  }
  if (typeof parsed !== 'object' || parsed === null)
    throw new NamespaceServerConfigError('the argument', text);
  const config = parsed as Partial<NamespaceServerConfig>;
  if (typeof config.iface !== 'string') throw new NamespaceServerConfigError('iface', config.iface);
  if (typeof config.serverId !== 'string') throw new NamespaceServerConfigError('serverId', config.serverId);
  if (typeof config.pool !== 'object' || config.pool === null)
    throw new NamespaceServerConfigError('pool', config.pool);
  return config as NamespaceServerConfig;
}
