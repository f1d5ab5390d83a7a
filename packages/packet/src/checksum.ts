// Lengths from which summing 32-bit words through a view beats reading bytes. Shorter ranges (an IP header)
// stay on the byte loop; arrays of 64 bytes or fewer can live on V8's heap, where reading .buffer would
// move them out.
const WORD_SUM_MIN_LENGTH = 128;
// Words per chunk: two int32 accumulators of 16-bit halves cannot overflow within this many words.
const WORDS_PER_CHUNK = 16_384;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

// One cached word view: checksummed data mostly lives in the same array call after call (a reused output
// buffer, a frame checked by IP then UDP), so the view is made again only when the array changes. Keyed
// by the array, not its buffer: reading .buffer and .byteOffset costs more than summing a header. The one
// array last summed stays referenced until another is.
let viewedBytes: Uint8Array | undefined;
let viewedOffset = 0;
let words: Int32Array = new Int32Array(0);

function viewOf(bytes: Uint8Array): Int32Array {
  if (bytes !== viewedBytes) {
    const buffer = bytes.buffer;
    words = new Int32Array(buffer, 0, buffer.byteLength >>> 2);
    viewedOffset = bytes.byteOffset;
    viewedBytes = bytes;
  }
  return words;
}

function fold(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return sum;
}

/** Sum of bytes [start, end) read one by one as big-endian 16-bit words, unfolded. */
function byteSum(bytes: Uint8Array, start: number, end: number, initial: number): number {
  let sum = initial;
  let i = start;
  // Eight bytes per round: the loop overhead is most of the cost over a few dozen bytes.
  const last8 = end - 8;
  for (; i <= last8; i += 8) {
    sum +=
      ((bytes[i] << 8) | bytes[i + 1]) +
      ((bytes[i + 2] << 8) | bytes[i + 3]) +
      ((bytes[i + 4] << 8) | bytes[i + 5]) +
      ((bytes[i + 6] << 8) | bytes[i + 7]);
    // Fold now and then so the sum stays a small integer whatever the length.
    if (sum > 0x3fffffff) sum = (sum & 0xffff) + (sum >>> 16);
  }
  const last = end - 1;
  for (; i < last; i += 2) sum += (bytes[i] << 8) | bytes[i + 1];
  if (i === last) sum += bytes[i] << 8;
  return sum;
}

/**
 * Folded sum of `count` 32-bit words from word index `first`, as 16-bit words in network order. The sum is
 * byte-order independent (RFC 1071 section 2(B)): on a little-endian host the halves are byte-swapped
 * words, so the folded total is swapped back once at the end.
 */
function wordSum(view: Int32Array, first: number, count: number): number {
  let total = 0;
  let w = first;
  const end = first + count;
  while (w < end) {
    const chunkEnd = Math.min(end, w + WORDS_PER_CHUNK);
    let low = 0;
    let high = 0;
    const last4 = chunkEnd - 4;
    for (; w <= last4; w += 4) {
      const a = view[w];
      const b = view[w + 1];
      const c = view[w + 2];
      const d = view[w + 3];
      low += (a & 0xffff) + (b & 0xffff) + (c & 0xffff) + (d & 0xffff);
      high += (a >>> 16) + (b >>> 16) + (c >>> 16) + (d >>> 16);
    }
    for (; w < chunkEnd; w++) {
      const a = view[w];
      low += a & 0xffff;
      high += a >>> 16;
    }
    total = fold(total + low + high);
  }
  return LITTLE_ENDIAN ? ((total & 0xff) << 8) | (total >>> 8) : total;
}

/** RFC 1071 one's-complement sum of bytes [start, end), folded to 16 bits, not inverted. */
export function onesComplementSum(bytes: Uint8Array, start: number, end: number, initial = 0): number {
  if (end - start < WORD_SUM_MIN_LENGTH) return fold(byteSum(bytes, start, end, initial));
  const view = viewOf(bytes);
  const at = viewedOffset + start;
  // 16-bit words of the range must line up with halves of the view's words.
  if ((at & 1) !== 0) return fold(byteSum(bytes, start, end, initial));
  let sum = initial;
  let i = start;
  if ((at & 2) !== 0) {
    sum += (bytes[i] << 8) | bytes[i + 1];
    i += 2;
  }
  const count = (end - i) >>> 2;
  sum += wordSum(view, (viewedOffset + i) >>> 2, count);
  i += count * 4;
  return fold(byteSum(bytes, i, end, sum));
}

/** The Internet checksum of bytes [start, end) (RFC 1071). */
export function internetChecksum(bytes: Uint8Array, start: number, end: number, initial = 0): number {
  return ~onesComplementSum(bytes, start, end, initial) & 0xffff;
}
