import { describe, expect, it } from '@jest/globals';
import { internetChecksum, onesComplementSum } from './checksum.js';

/** RFC 1071 as written: big-endian 16-bit words, one at a time, carries folded at the end. */
function referenceSum(bytes: Uint8Array, start: number, end: number, initial: number): number {
  let sum = initial;
  for (let i = start; i < end; i += 2) sum += (bytes[i] << 8) | (i + 1 < end ? bytes[i + 1] : 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return sum;
}

/** Deterministic bytes (xorshift), so a failure reproduces. */
function bytesOf(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed | 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

describe('onesComplementSum', () => {
  it('matches the word-at-a-time definition for every start alignment and length around the word path', () => {
    const data = bytesOf(1200, 7);
    for (const start of [0, 1, 2, 3, 14, 34, 35]) {
      for (const length of [0, 1, 2, 3, 20, 127, 128, 129, 130, 131, 300, 301, 1024]) {
        for (const initial of [0, 0x11, 0x1fffe]) {
          expect(onesComplementSum(data, start, start + length, initial)).toBe(
            referenceSum(data, start, start + length, initial),
          );
        }
      }
    }
  });

  it('matches the definition on views that start at odd and even offsets of their buffer', () => {
    const backing = bytesOf(2048, 99);
    for (const viewStart of [0, 1, 2, 3, 5, 6]) {
      const view = backing.subarray(viewStart, viewStart + 1500);
      for (const start of [0, 1, 2, 8]) {
        expect(onesComplementSum(view, start, 1500)).toBe(referenceSum(view, start, 1500, 0));
      }
    }
  });

  it('stays exact over ranges longer than one accumulation chunk (all bytes 0xff)', () => {
    const ones = new Uint8Array(200_000).fill(0xff);
    expect(onesComplementSum(ones, 0, ones.length)).toBe(referenceSum(ones, 0, ones.length, 0));
    const data = bytesOf(150_001, 3);
    expect(onesComplementSum(data, 2, data.length)).toBe(referenceSum(data, 2, data.length, 0));
  });

  it('gives 0 as the Internet checksum of data that carries its own checksum', () => {
    const data = bytesOf(400, 11);
    data[10] = 0;
    data[11] = 0;
    const sum = internetChecksum(data, 0, 400);
    data[10] = sum >>> 8;
    data[11] = sum & 0xff;
    expect(internetChecksum(data, 0, 400)).toBe(0);
  });
});
