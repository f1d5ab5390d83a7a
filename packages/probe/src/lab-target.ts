import type { Link } from '@wirecraft/capture';
import type { Lab } from '@wirecraft/lab';
import type { ProbeTarget } from './probe.js';

/** Defaults are chosen so every suite probe can run. */
export interface LabServerConfig {
  leaseTime?: number;
  renewTime?: number;
  rebindTime?: number;
  router?: boolean;
  dns?: boolean;
  domain?: string;
  poolSize?: number;
}

export interface LabTarget {
  readonly lab: Lab;
  readonly link: Link;
  readonly target: ProbeTarget;
  close(): Promise<void>;
}

export type LabServerKind = 'dnsmasq' | 'kea' | 'wirecraft';

export async function startLabTarget(kind: LabServerKind, config?: LabServerConfig): Promise<LabTarget> {
  void kind;
  void config;
  throw new Error('startLabTarget: not implemented yet');
}
