import { spawnSync } from 'node:child_process';
import { CaptureError, InvalidFilterError } from '../errors.js';
import { BpfProgram } from './bpf-program.js';

/** tcpdump is needed to compile a filter for file records (cap compiles only on an open live handle). */
export class FilterCompilerMissingError extends CaptureError {
  override name = 'FilterCompilerMissingError';
  constructor(
    readonly filter: string,
    readonly detail: string,
  ) {
    super(
      `cannot compile BPF filter ${JSON.stringify(filter)}: tcpdump is not available (${detail}); install it (apt-get install tcpdump)`,
    );
  }
}

/** An empty classic pcap file of `linktype`: enough for libpcap to know what it compiles for. */
function emptyPcap(linktype: number): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(262144, 16);
  header.writeUInt32LE(linktype, 20);
  return header;
}

/**
 * Compiles a pcap-filter expression for frames of `linktype` with libpcap's own compiler (through
 * `tcpdump -ddd`, which reads an empty capture of that linktype from stdin), so the filter means exactly
 * what it means to tcpdump and to a live capture. Throws InvalidFilterError with libpcap's message, or
 * FilterCompilerMissingError.
 */
export function compileBpf(expression: string, linktype: number): BpfProgram {
  const run = spawnSync('tcpdump', ['-r', '-', '-ddd', expression], {
    input: emptyPcap(linktype),
    encoding: 'utf8',
    timeout: 10_000,
  });
  if (run.error !== undefined) throw new FilterCompilerMissingError(expression, run.error.message);
  if (run.status !== 0) {
    const message = run.stderr
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('reading from file'))
      .map((line) => line.replace(/^tcpdump: /, ''))
      .join('; ');
    throw new InvalidFilterError(expression, message || `tcpdump exited with status ${run.status}`);
  }
  return BpfProgram.fromDecimal(run.stdout, expression);
}
