/** Random sources for fuzzing; Math.random is enough: fuzzing needs variety, not secrecy. */
export function randomInt(maxExclusive: number): number {
  return Math.floor(Math.random() * maxExclusive);
}

export function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = randomInt(256);
  return out;
}
