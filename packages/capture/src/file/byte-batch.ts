/**
 * An append-only byte buffer that encoders write into in place (header fields through `view`, packet
 * bytes with `bytes.set`), so encoding a record allocates nothing. Grows by doubling when needed.
 */
export class ByteBatch {
  bytes: Uint8Array;
  view: DataView;
  length = 0;

  constructor(initialBytes = 64 * 1024) {
    this.bytes = new Uint8Array(initialBytes);
    this.view = new DataView(this.bytes.buffer);
  }

  /** Makes room for `count` bytes and returns the offset where they go. */
  reserve(count: number): number {
    const at = this.length;
    const needed = at + count;
    if (needed > this.bytes.length) {
      const grown = new Uint8Array(Math.max(needed, this.bytes.length * 2));
      grown.set(this.bytes.subarray(0, at));
      this.bytes = grown;
      this.view = new DataView(grown.buffer);
    }
    this.length = needed;
    return at;
  }

  /** A copy of what was written so far; the batch is then empty and ready for reuse. */
  take(): Uint8Array {
    const out = this.bytes.slice(0, this.length);
    this.length = 0;
    return out;
  }
}
