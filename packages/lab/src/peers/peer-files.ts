import { join } from 'node:path';

let fileCounter = 0;

/** A fresh path in the lab's private directory, so several peers of one kind never share a file. */
export function peerFile(tmpDir: string, stem: string, extension: string): string {
  fileCounter += 1;
  return join(tmpDir, `${stem}-${fileCounter}${extension}`);
}
