import type { TimestampResolution } from './timestamp-resolution.js';

export type CaptureFormat = 'pcap' | 'pcapng';
export type ByteOrder = 'little' | 'big';

/** One capture interface: the single implicit one of a classic pcap, or one pcapng IDB. */
export interface CaptureInterface {
  /** Index in CaptureInfo.interfaces (file-wide; pcapng ids restart in every section, this does not). */
  readonly id: number;
  /** Section the interface belongs to, and its id inside that section (what EPBs refer to). */
  readonly section: number;
  readonly idInSection: number;
  /** LINKTYPE_* with the classic-pcap FCS flag bits already masked off. */
  readonly linktype: number;
  /** 0 means no limit. */
  readonly snaplen: number;
  readonly resolution: TimestampResolution;
  /** pcapng if_tsoffset, in seconds; 0 when absent. */
  readonly offsetSeconds: number;
  /** Bytes of FCS at the end of every frame when known (classic pcap FCS bits or pcapng if_fcslen). */
  readonly fcsLength?: number;
  readonly name?: string;
  readonly description?: string;
  /** From the last Interface Statistics Block, when the file has one. */
  statistics?: InterfaceStatistics;
}

export interface InterfaceStatistics {
  received?: number;
  dropped?: number;
}

export interface CaptureSection {
  readonly byteOrder: ByteOrder;
  readonly versionMajor: number;
  readonly versionMinor: number;
  readonly hardware?: string;
  readonly os?: string;
  readonly application?: string;
}

/** A pcapng Name Resolution Block entry. */
export interface ResolvedName {
  readonly address: string;
  readonly names: readonly string[];
}

/**
 * What a reader knows about the file so far. It grows while reading: pcapng may add sections and
 * interfaces (and names) at any point in the file.
 */
export interface CaptureInfo {
  readonly format: CaptureFormat;
  readonly sections: CaptureSection[];
  readonly interfaces: CaptureInterface[];
  readonly names: ResolvedName[];
  /** pcapng custom blocks (0x00000BAD, 0x40000BAD) met and skipped; tshark 4.0 lists them as frames. */
  customBlocks: number;
  /** pcapng blocks of types this reader does not know, skipped. */
  unknownBlocks: number;
}
