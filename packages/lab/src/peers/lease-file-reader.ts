import { readFile } from 'node:fs/promises';

/** Read and parse a peer's lease file; a file the peer has not written yet means no leases. */
export async function readLeaseFile<T>(path: string, parse: (text: string) => T[]): Promise<T[]> {
  try {
    return parse(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
