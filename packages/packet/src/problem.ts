/**
 * Something wrong found while dissecting. Dissection never throws: it records these on the packet and
 * keeps every byte (undecodable parts become Raw, bytes past a length become Padding).
 */
export type ProblemKind = 'truncated' | 'length-mismatch' | 'bad-checksum' | 'malformed-option' | 'bad-value';

export interface Problem {
  kind: ProblemKind;
  layer: string;
  field?: string;
  /** Byte offset in the frame where the problem starts. */
  offset: number;
  message: string;
  /** For checksums: the correct value; for lengths: what the header says or what was needed. */
  expected?: number;
  actual?: number;
}
