/** First four bytes of a capture file, read as a little-endian uint32. */
export const MAGIC = {
  PCAP_MICRO_LE: 0xa1b2c3d4,
  PCAP_MICRO_BE: 0xd4c3b2a1,
  PCAP_NANO_LE: 0xa1b23c4d,
  PCAP_NANO_BE: 0x4d3cb2a1,
  /** The SHB block type is a byte palindrome: the same in both byte orders. */
  PCAPNG: 0x0a0d0d0a,
} as const;

export const PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;

export const PCAPNG_BLOCK = {
  SECTION_HEADER: 0x0a0d0d0a,
  INTERFACE_DESCRIPTION: 0x00000001,
  /** Obsolete Packet Block (pcapng 1.0), still written by old tools. */
  PACKET: 0x00000002,
  SIMPLE_PACKET: 0x00000003,
  NAME_RESOLUTION: 0x00000004,
  INTERFACE_STATISTICS: 0x00000005,
  ENHANCED_PACKET: 0x00000006,
  CUSTOM: 0x00000bad,
  CUSTOM_NO_COPY: 0x40000bad,
} as const;

export const CLASSIC_HEADER_BYTES = 24;
export const CLASSIC_RECORD_HEADER_BYTES = 16;

/** Upper bits of the classic pcap linktype field carry FCS information (libpcap LT_LINKTYPE). */
export const CLASSIC_LINKTYPE_MASK = 0x03ff_ffff;
export const CLASSIC_FCS_PRESENT = 0x0400_0000;

export function hex32(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, '0')}`;
}
