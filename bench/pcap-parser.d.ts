// pcap-parser 0.2.1 ships no types; only what the benchmark uses is declared.
declare module 'pcap-parser' {
  import type { EventEmitter } from 'node:events';
  import type { Readable } from 'node:stream';

  export function parse(source: string | Readable): EventEmitter;
}
