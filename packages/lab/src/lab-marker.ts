import { linkSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A marker file under /run/wirecraft-lab records everything a lab created, named by its subnet slot.
 * Creating it exclusively is what makes a subnet unique across processes; it is written before anything
 * else exists, so a crash at any later point leaves enough behind for sweepStaleLabs() to undo.
 */
export const markerDirectory = '/run/wirecraft-lab';

export interface LabMarker {
  id: string;
  slot: number;
  ownerPid: number;
  ownerStartTime: string | undefined;
  namespaces: string[];
  /** Set when the host end lives in the root namespace: it has to be deleted there. */
  rootIface: string | undefined;
  tmpDir: string;
}

export function markerPath(slot: number): string {
  return join(markerDirectory, `slot-${slot}.json`);
}

/**
 * Claim a slot; false when another lab holds it. The marker is written in full to a private file and then
 * hard-linked into place, so no reader ever sees a half-written marker and link() refuses an existing one.
 */
export function tryClaimSlot(marker: LabMarker): boolean {
  mkdirSync(markerDirectory, { recursive: true, mode: 0o755 });
  const draft = join(markerDirectory, `.draft-${process.pid}-${marker.id}`);
  writeFileSync(draft, JSON.stringify(marker));
  try {
    linkSync(draft, markerPath(marker.slot));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(draft, { force: true });
  }
}

export function releaseSlot(slot: number): void {
  rmSync(markerPath(slot), { force: true });
}

/** Every marker on the machine; an unparsable one comes back without its content. */
export function readMarkers(): Array<{ slot: number; marker: LabMarker | undefined }> {
  let names: string[];
  try {
    names = readdirSync(markerDirectory);
  } catch {
    return [];
  }
  const found: Array<{ slot: number; marker: LabMarker | undefined }> = [];
  for (const name of names) {
    const match = /^slot-(\d+)\.json$/.exec(name);
    if (!match) continue;
    const slot = Number(match[1]);
    try {
      found.push({
        slot,
        marker: JSON.parse(readFileSync(join(markerDirectory, name), 'utf8')) as LabMarker,
      });
    } catch {
      found.push({ slot, marker: undefined });
    }
  }
  return found;
}
