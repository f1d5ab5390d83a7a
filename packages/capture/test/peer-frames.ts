import type { Lab } from '@wirecraft/lab';
import type { Frame } from '../src/frame.js';

/** Sends frames from inside the peer namespace through an AF_PACKET socket (no scapy start-up cost). */
export async function sendFromPeer(lab: Lab, frames: Uint8Array[]): Promise<void> {
  const hex = frames.map((f) => Buffer.from(f).toString('hex'));
  const script = [
    'import socket, sys',
    's = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)',
    's.bind((sys.argv[1], 0))',
    'for h in sys.argv[2:]: s.send(bytes.fromhex(h))',
  ].join('\n');
  await lab.exec(['/usr/bin/python3', '-c', script, lab.peerIface, ...hex], { timeoutMs: 10_000 });
}

/** Every frame of `iterator`, once it ends. */
export async function collect(iterator: AsyncIterable<Frame>): Promise<Frame[]> {
  const frames: Frame[] = [];
  for await (const frame of iterator) frames.push(frame);
  return frames;
}
