// links, live capture, sniff, srp (links helper)
export type { Clock, Frame, Timestamp } from './frame.js';
export { formatTimestamp, LINKTYPE } from './frame.js';
export { type ManualClock, manualClock, monotonicWallClock, timestampDiffMs } from './clock.js';
export {
  CaptureError,
  InterfaceDownError,
  InvalidFilterError,
  InvalidOptionError,
  LinkClosedError,
  LinkOpenError,
  NoSuchInterfaceError,
  PermissionError,
  SendFailedError,
} from './errors.js';
export type { FramesOptions, Link, LinkStats } from './link/link.js';
export {
  VirtualHub,
  type VirtualHubOptions,
  VirtualPort,
  type VirtualPortOptions,
  virtualHub,
  virtualPair,
} from './link/virtual-link.js';
export { LiveLink, type LiveLinkOptions, openLiveLink } from './link/live-link.js';
export {
  FileSourceLink,
  type FileSourceOptions,
  type FrameSink,
  fileSource,
  type RecordOptions,
  recordTo,
} from './link/file-source.js';
export {
  getInterface,
  type InterfaceAddress,
  type InterfaceInfo,
  listInterfaces,
} from './iface/list-interfaces.js';
export {
  type SrpAnswer,
  type SrpCodec,
  type SrpOptions,
  type SrpResult,
  srp1With,
  srpWith,
} from './srp-engine.js';
export { packetCodec, srp, srp1 } from './srp.js';
export { type SniffIfaceOptions, type SniffLinkOptions, type SniffOptions, sniff } from './sniff.js';
// BPF filters over frames from files (libpcap's compiler via tcpdump -ddd, run in JavaScript)
export { BpfProgram } from './filter/bpf-program.js';
export { compileBpf, FilterCompilerMissingError } from './filter/compile-bpf.js';
// pcap / pcapng files
export { CaptureBytesReader, readCaptureBytes } from './file/capture-bytes-reader.js';
export {
  CaptureFileOpenError,
  CaptureWriteError,
  PcapFormatError,
  PcapTruncatedError,
} from './file/capture-file-errors.js';
export { CaptureFileReader, type CaptureStreamOptions, readCaptureFile } from './file/capture-file-reader.js';
export type {
  ByteOrder,
  CaptureFormat,
  CaptureInfo,
  CaptureInterface,
  CaptureSection,
  InterfaceStatistics,
  ResolvedName,
} from './file/capture-info.js';
export type { CaptureTarget } from './file/capture-sink.js';
export type {
  PcapngWriteOptions,
  PcapWriteOptions,
  TimestampPrecision,
} from './file/capture-write-options.js';
export { CaptureWriter, encodePcap, encodePcapng, PcapngWriter, PcapWriter } from './file/capture-writer.js';
export type { CaptureSource } from './file/chunk-source.js';
export type { CaptureReadOptions } from './file/format-decoder.js';
export type { TimestampResolution } from './file/timestamp-resolution.js';
