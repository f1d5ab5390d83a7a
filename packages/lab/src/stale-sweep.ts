import { readdirSync } from 'node:fs';
import { readMarkers, releaseSlot } from './lab-marker.js';
import { labIdOfNamespace, ownerPidOfId } from './lab-naming.js';
import { isProcessAlive } from './process-identity.js';
import { openLabIds } from './lab-registry.js';
import { teardownLabSync } from './teardown-sync.js';

export interface SweepReport {
  /** Ids of the labs removed because the process that created them is gone. */
  removedLabs: string[];
}

/**
 * Remove labs whose creating process died without tearing them down (SIGKILL, OOM, power cut of a
 * container...). A lab is only touched when its owner pid no longer runs (or runs a different process
 * since the pid was reused), so labs of concurrent jest workers and other processes are safe.
 */
export function sweepStaleLabs(): SweepReport {
  const removed = new Set<string>();
  const ownIds = new Set(openLabIds());
  for (const { slot, marker } of readMarkers()) {
    if (marker === undefined) {
      // Markers are linked into place complete, so an unparsable one was damaged outside our control.
      releaseSlot(slot);
      continue;
    }
    if (ownIds.has(marker.id) || isProcessAlive(marker.ownerPid, marker.ownerStartTime)) continue;
    teardownLabSync(marker);
    removed.add(marker.id);
  }
  // Namespaces whose marker is gone (for instance removed by hand) still name their owner pid.
  for (const namespace of listNamespaces()) {
    const id = labIdOfNamespace(namespace);
    if (id === undefined || ownIds.has(id)) continue;
    const ownerPid = ownerPidOfId(id);
    if (ownerPid === undefined || isProcessAlive(ownerPid)) continue;
    teardownLabSync({
      id,
      slot: -1,
      ownerPid,
      ownerStartTime: undefined,
      namespaces: [namespace],
      rootIface: undefined,
      tmpDir: '',
    });
    removed.add(id);
  }
  return { removedLabs: [...removed] };
}

function listNamespaces(): string[] {
  try {
    return readdirSync('/run/netns');
  } catch {
    return [];
  }
}
