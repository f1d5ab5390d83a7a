import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { CaptureFileOpenError } from './capture-file-errors.js';

/** Where a streaming reader pulls bytes from: copies up to `length` bytes into `into`; 0 means end. */
export interface ChunkSource {
  read(into: Uint8Array, offset: number, length: number): Promise<number>;
  close(): Promise<void>;
}

export type CaptureSource = string | Readable | AsyncIterable<Uint8Array>;

export function chunkSource(source: CaptureSource): ChunkSource {
  return typeof source === 'string' ? new FileChunkSource(source) : new IterableChunkSource(source);
}

/** Reads a file straight into the reader's buffer: no intermediate chunk objects. */
class FileChunkSource implements ChunkSource {
  private handle: Promise<FileHandle> | undefined;

  constructor(private readonly path: string) {}

  async read(into: Uint8Array, offset: number, length: number): Promise<number> {
    this.handle ??= open(this.path, 'r').catch((error: NodeJS.ErrnoException) => {
      throw new CaptureFileOpenError(this.path, error.code);
    });
    const handle = await this.handle;
    try {
      const { bytesRead } = await handle.read(into, offset, length, null);
      return bytesRead;
    } catch (error) {
      // Reading a directory opens fine on Linux and fails here.
      throw new CaptureFileOpenError(this.path, (error as NodeJS.ErrnoException).code);
    }
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    if (handle === undefined) return;
    // A file that never opened has nothing to close; its error was already raised by read().
    const opened = await handle.catch(() => undefined);
    await opened?.close();
  }
}

/** Adapts a Node Readable (or any async iterable of byte chunks) to pull-style reads. */
class IterableChunkSource implements ChunkSource {
  private readonly iterator: AsyncIterator<unknown>;
  private chunk: Uint8Array = new Uint8Array(0);
  private position = 0;
  private done = false;

  constructor(source: AsyncIterable<unknown>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  async read(into: Uint8Array, offset: number, length: number): Promise<number> {
    while (this.position >= this.chunk.length) {
      if (this.done) return 0;
      const next = await this.iterator.next();
      if (next.done === true) {
        this.done = true;
        return 0;
      }
      const value: unknown = next.value;
      if (!(value instanceof Uint8Array)) {
        throw new TypeError(
          `capture stream produced a ${typeof value} chunk; expected bytes (do not set an encoding or objectMode on the stream)`,
        );
      }
      this.chunk = value;
      this.position = 0;
    }
    const count = Math.min(length, this.chunk.length - this.position);
    into.set(this.chunk.subarray(this.position, this.position + count), offset);
    this.position += count;
    return count;
  }

  async close(): Promise<void> {
    if (!this.done) {
      this.done = true;
      // Ending a Readable's iterator early destroys the stream and releases its file descriptor.
      await this.iterator.return?.();
    }
  }
}
