import { access, constants } from 'node:fs/promises';
import { CaptureFileReader, type Frame, formatTimestamp } from '@wirecraft/capture';
import { dissect, type Packet, show, summary, toJSON } from '@wirecraft/packet';
import { UsageError } from '../cli/command.js';

/**
 * The record's capture time as tshark's frame.time_epoch would print it, with the file's own number of
 * digits; null for a pcapng simple packet block, which carries no timestamp (tshark prints nothing).
 */
export function recordTime(frame: Frame): string | null {
  const t = frame.timestamp;
  return t.precision === 0 && t.seconds === 0 && t.nanoseconds === 0 ? null : formatTimestamp(t);
}

/** The decode JSON contract of one record, plus when it was captured, its length on the wire and its linktype. */
export function recordJson(frame: Frame, packet: Packet): Record<string, unknown> {
  return {
    time: recordTime(frame),
    length: frame.originalLength,
    captured: frame.data.length,
    linktype: frame.linktype,
    ...toJSON(packet),
  };
}

function recordText(index: number, frame: Frame, packet: Packet): string {
  const time = recordTime(frame) ?? 'no timestamp';
  const truncated = frame.data.length < frame.originalLength ? ` (${frame.data.length} captured)` : '';
  const problems = packet.problems.map(
    (p) => `!! ${p.kind} in ${p.layer}${p.field ? `.${p.field}` : ''}: ${p.message}`,
  );
  return [
    `#${index} ${time} ${frame.originalLength} bytes${truncated} linktype ${frame.linktype}`,
    summary(packet),
    show(packet),
    ...problems,
    '',
  ].join('\n');
}

/** Writes and waits for the stream to drain when it asks to, so a large file never piles up in memory. */
async function writeChunk(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (stream.write(text)) return;
  await new Promise<void>((resolve) => stream.once('drain', resolve));
}

async function requireReadable(path: string): Promise<void> {
  try {
    await access(path, constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code;
    throw new UsageError(`-r ${JSON.stringify(path)}: ${reason}`);
  }
}

/**
 * Dissects every record of a pcap or pcapng file, one output block per record, in constant memory: frames
 * are views of the reader's buffer (dissect copies what it keeps) and output waits on stdout's backpressure.
 * A corrupt or truncated file still prints every complete record; the reader's error (with its byte
 * offset) is thrown after them.
 */
export async function decodeCaptureFile(
  path: string,
  stdout: NodeJS.WritableStream,
  json: boolean,
): Promise<number> {
  await requireReadable(path);
  const reader = new CaptureFileReader(path, { frameData: 'view' });
  let index = 0;
  try {
    for (;;) {
      const batch = await reader.nextBatch();
      if (batch === undefined) return index;
      let text = '';
      for (const frame of batch) {
        index++;
        const packet = dissect(frame.data, { linktype: frame.linktype });
        text += json
          ? `${JSON.stringify(recordJson(frame, packet))}\n`
          : `${index > 1 ? '\n' : ''}${recordText(index, frame, packet)}`;
      }
      await writeChunk(stdout, text);
    }
  } finally {
    await reader.close();
  }
}
