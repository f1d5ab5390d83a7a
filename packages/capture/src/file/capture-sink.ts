import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';

export type CaptureTarget = string | Writable;

/** Writes byte batches to a file path or Node Writable, honouring backpressure. */
export class CaptureSink {
  private readonly stream: Writable;
  private failure: Error | undefined;

  constructor(target: CaptureTarget) {
    this.stream = typeof target === 'string' ? createWriteStream(target) : target;
    this.stream.on('error', (error: Error) => {
      this.failure ??= error;
    });
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    if (this.stream.write(bytes)) return;
    await new Promise<void>((resolve, reject) => {
      const onDrain = (): void => {
        this.stream.off('error', onError);
        resolve();
      };
      const onError = (error: Error): void => {
        this.stream.off('drain', onDrain);
        reject(error);
      };
      this.stream.once('drain', onDrain);
      this.stream.once('error', onError);
    });
  }

  /** Ends the stream and resolves once every byte has been handed to the OS (or the Writable's sink). */
  async end(): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => {
        this.stream.off('error', reject);
        resolve();
      });
    });
    if (this.failure !== undefined) throw this.failure;
  }
}
