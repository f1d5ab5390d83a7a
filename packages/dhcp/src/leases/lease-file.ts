import { open, readFile, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { parseIpv4 } from '@wirecraft/packet';
import type { Lease, LeaseState } from './lease.js';
import { LeaseFileError } from './lease-errors.js';

const header = JSON.stringify({ format: 'wirecraft-dhcp-leases', version: 1 });
const states: readonly LeaseState[] = ['bound', 'declined', 'released', 'expired'];

/**
 * Reads a lease file written by LeaseFileWriter. A missing file is an empty table; anything unreadable is a
 * LeaseFileError naming the line, because starting empty over a damaged file could hand out bound addresses.
 */
export async function readLeaseFile(path: string): Promise<Lease[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const lines = text.split('\n');
  if (lines[0] !== header) throw new LeaseFileError(path, 1, `expected the header ${header}`);
  const leases: Lease[] = [];
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index];
    if (line === '') continue;
    leases.push(parseLeaseLine(path, index + 1, line));
  }
  return leases;
}

function parseLeaseLine(path: string, lineNumber: number, line: string): Lease {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    throw new LeaseFileError(path, lineNumber, 'not a JSON object');
  }
  const fail = (field: string): never => {
    throw new LeaseFileError(path, lineNumber, `field ${field} is ${JSON.stringify(record[field])}`);
  };
  const address = typeof record.address === 'string' ? record.address : fail('address');
  const addressNumber = parseIpv4(address);
  if (addressNumber < 0) fail('address');
  const clientKey = typeof record.client === 'string' ? record.client : fail('client');
  const mac = typeof record.mac === 'string' ? record.mac : fail('mac');
  const state = states.find((s) => s === record.state) ?? fail('state');
  const startedAt = typeof record.start === 'string' ? Date.parse(record.start) : Number.NaN;
  if (Number.isNaN(startedAt)) fail('start');
  const expiresAt = typeof record.end === 'string' ? Date.parse(record.end) : Number.NaN;
  if (Number.isNaN(expiresAt)) fail('end');
  const lease: Lease = { address, addressNumber, clientKey, mac, state, startedAt, expiresAt };
  if (typeof record.hostname === 'string') lease.hostname = record.hostname;
  return lease;
}

/**
 * Writes the whole table atomically (temp file in the same directory, fsync, rename, fsync of the directory)
 * with group commit: commit() resolves once a snapshot taken after the call is durable. Callers that arrive
 * while a write is in flight share the next write, so a burst of ACKs costs two writes, not one per ACK.
 */
export class LeaseFileWriter {
  readonly path: string;
  readonly #tempPath: string;
  readonly #snapshot: () => Iterable<string>;
  #inFlight: Promise<void> | undefined;
  #next: Promise<void> | undefined;
  #writes = 0;

  constructor(path: string, snapshot: () => Iterable<string>) {
    this.path = path;
    this.#tempPath = join(dirname(path), `.${basename(path)}.tmp`);
    this.#snapshot = snapshot;
  }

  /** Writes completed so far (a figure for group-commit efficiency). */
  get writes(): number {
    return this.#writes;
  }

  commit(): Promise<void> {
    if (this.#inFlight === undefined) {
      this.#inFlight = this.#write().finally(() => {
        this.#inFlight = undefined;
      });
      return this.#inFlight;
    }
    // The write in flight took its snapshot before this call: wait for it, then write again for everyone queued.
    if (this.#next === undefined) {
      const previous = this.#inFlight;
      this.#next = previous
        .catch(() => undefined)
        .then(() => {
          this.#next = undefined;
          return this.commit();
        });
    }
    return this.#next;
  }

  async #write(): Promise<void> {
    // The snapshot is taken synchronously here, before any await, so it includes every change made before commit().
    let text = `${header}\n`;
    for (const line of this.#snapshot()) text += `${line}\n`;
    const file = await open(this.#tempPath, 'w', 0o644);
    try {
      await file.writeFile(text, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(this.#tempPath, this.path);
    const directory = await open(dirname(this.path), 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
    this.#writes++;
  }
}
