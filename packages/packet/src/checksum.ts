/** RFC 1071 one's-complement sum of bytes [start, end), folded to 16 bits, not inverted. */
export function onesComplementSum(bytes: Uint8Array, start: number, end: number, initial = 0): number {
  let sum = initial;
  let i = start;
  // Eight bytes per round: the loop overhead is most of the cost over a few hundred bytes (a DHCP datagram).
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
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return sum;
}

/** The Internet checksum of bytes [start, end) (RFC 1071). */
export function internetChecksum(bytes: Uint8Array, start: number, end: number, initial = 0): number {
  return ~onesComplementSum(bytes, start, end, initial) & 0xffff;
}
