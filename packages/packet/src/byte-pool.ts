/**
 * Copies of small byte ranges carved out of shared slabs, as Node's Buffer pool does. A fresh ArrayBuffer
 * per copy is the slowest part of dissecting when the copy is over 64 bytes (V8 then allocates the store
 * off the heap): BOOTP's 128-byte file field cost more than every other BOOTP and DHCP field together.
 * A copy keeps its slab alive; slabs are small, and a stream of packets fills each one.
 */
const SLAB_SIZE = 16 * 1024;
const LARGEST_POOLED = 1024;

let slab = new Uint8Array(SLAB_SIZE);
let used = 0;

/** The buffer of the slab that the last copyIntoSlab() wrote to. */
export let slabBuffer: ArrayBuffer = slab.buffer;

/**
 * Copies bytes [start, end) (at most 1024) into a slab and returns the offset of the copy in slabBuffer.
 * For a caller that cuts several fields out of one copy: `new Uint8Array(slabBuffer, at + k, n)` makes
 * each view without the intermediate view a copyBytes() result would be.
 */
export function copyIntoSlab(bytes: Uint8Array, start: number, end: number): number {
  const n = end - start;
  if (used + n > SLAB_SIZE) {
    slab = new Uint8Array(SLAB_SIZE);
    slabBuffer = slab.buffer;
    used = 0;
  }
  const at = used;
  // Keep views 8-byte aligned so that later readers can wrap them in wider typed arrays if they wish.
  used = (used + n + 7) & ~7;
  // The native copy costs a view of the source; it pays off past a few dozen bytes.
  if (n > 32) slab.set(bytes.subarray(start, end), at);
  else for (let i = 0; i < n; i++) slab[at + i] = bytes[start + i];
  return at;
}

/** An independent copy of bytes [start, end) (not a view of `bytes`). */
export function copyBytes(bytes: Uint8Array, start: number, end: number): Uint8Array {
  const n = end - start;
  if (n > LARGEST_POOLED) return bytes.slice(start, end);
  const at = copyIntoSlab(bytes, start, end);
  return new Uint8Array(slabBuffer, at, n);
}
