import { existsSync } from 'node:fs';
import { readMarkers } from '../src/lab-marker.js';
import { isPidRunning } from '../src/process-identity.js';

export interface LabFootprint {
  id: string;
  namespaces: string[];
  rootIface?: string;
  tmpDir: string;
  pids?: number[];
}

/** Everything of a lab that still exists on the machine; an empty list means it was fully removed. */
export function labLeftovers(footprint: LabFootprint): string[] {
  const left: string[] = [];
  for (const namespace of footprint.namespaces) {
    if (existsSync(`/run/netns/${namespace}`)) left.push(`namespace ${namespace}`);
  }
  if (footprint.rootIface !== undefined && existsSync(`/sys/class/net/${footprint.rootIface}`)) {
    left.push(`interface ${footprint.rootIface}`);
  }
  if (existsSync(footprint.tmpDir)) left.push(`directory ${footprint.tmpDir}`);
  for (const pid of footprint.pids ?? []) {
    if (isPidRunning(pid)) left.push(`process ${pid}`);
  }
  if (readMarkers().some(({ marker }) => marker?.id === footprint.id)) left.push(`marker of ${footprint.id}`);
  return left;
}
