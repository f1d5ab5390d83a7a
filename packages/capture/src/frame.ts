/**
 * A frame as every source delivers it: a live link, a virtual link or a capture file.
 *
 * Timestamps are kept as two integers, not a float, so nanosecond captures keep their precision
 * (scapy lost it with floats: secdev/scapy#2116). `precision` is the number of fractional digits
 * the source actually has (6 for microsecond pcap, 9 for nanosecond pcap or pcapng if_tsresol=9),
 * so the decimal form can be printed exactly as tshark does.
 */
export interface Timestamp {
  /** Whole seconds since the Unix epoch. */
  seconds: number;
  /** 0 .. 999_999_999. */
  nanoseconds: number;
  /** Fractional digits the source carries: 0..9. */
  precision: number;
}

export interface Frame {
  /**
   * The captured bytes, owned by the receiver (never a view of a buffer that will be reused; capture
   * readers carve copies out of shared never-reused slabs, so mind byteOffset when using .buffer), except
   * from a capture reader given `frameData: 'view'`, which opts into short-lived views (see CaptureReadOptions).
   */
  data: Uint8Array;
  timestamp: Timestamp;
  /** Length on the wire; larger than data.length when the capture was truncated by a snap length. */
  originalLength: number;
  /** LINKTYPE_* value of the source (1 Ethernet, 113 SLL, 276 SLL2, 101 raw IP, 0 NULL, ...). */
  linktype: number;
  /** pcapng interface id, or the index of the port a hub delivered it on. */
  interfaceId?: number;
}

export const LINKTYPE = {
  NULL: 0,
  ETHERNET: 1,
  RAW: 101,
  LINUX_SLL: 113,
  LINUX_SLL2: 276,
} as const;

/** The decimal form of a timestamp with exactly its precision: "1102274184.317453" (like tshark's frame.time_epoch). */
export function formatTimestamp(t: Timestamp): string {
  if (t.precision <= 0) return String(t.seconds);
  const frac = String(t.nanoseconds).padStart(9, '0').slice(0, t.precision);
  return `${t.seconds}.${frac}`;
}

/** Wall-clock now as a Timestamp with nanosecond precision (monotonic-corrected, see clock.ts). */
export type Clock = () => Timestamp;
