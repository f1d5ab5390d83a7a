import { describe, expect, it } from '@jest/globals';
import { openLiveLink } from '@wirecraft/capture';
import { dissect, Ether, IP, packet, Raw, UDP } from '@wirecraft/packet';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCaptureFile } from '@wirecraft/capture';
import { runCli } from '../src/cli/run-cli.js';
import { capturedIO } from './captured-io.js';

const root = process.getuid?.() === 0;
if (!root) console.warn('skipping sniff on loopback: capturing needs root');
const describeRoot = root ? describe : describe.skip;

describeRoot('wirecraft sniff --iface lo (root, loopback only)', () => {
  it('prints one JSON line per frame (decode JSON + time) and writes the same frames with -w', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wc-sniff-'));
    const file = join(dir, 'out.pcap');
    const port = 40_000 + (process.pid % 20_000);
    const out = capturedIO();
    const sniffing = runCli(
      [
        'sniff',
        '--iface',
        'lo',
        '--filter',
        `udp dst port ${port}`,
        '--count',
        '2',
        '--timeout',
        '30',
        '-w',
        file,
        '--json',
      ],
      out.io,
    );
    const sender = await openLiveLink({ iface: 'lo', filter: 'less 1' });
    const frame = packet(
      Ether({ src: '02:00:00:00:00:01', dst: '02:00:00:00:00:02' }),
      IP({ src: '127.0.0.1', dst: '127.0.0.1' }),
      UDP({ sport: 12345, dport: port }),
      Raw({ load: 'wirecraft' }),
    ).build();
    let finished = false;
    void sniffing.then(() => {
      finished = true;
    });
    try {
      // The sniffer opens its link asynchronously: keep sending until it has counted two frames.
      while (!finished) {
        await sender.send(frame);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await sniffing).toBe(0);
      const lines = out.jsonLines();
      expect(lines).toHaveLength(2);
      for (const line of lines) {
        expect(typeof line.time).toBe('number');
        expect(line.length).toBe(frame.length);
        expect(line.summary).toContain(`${port}`);
        expect((line.layers as { name: string }[]).map((l) => l.name)).toEqual(['Ether', 'IP', 'UDP', 'Raw']);
      }
      const written: Uint8Array[] = [];
      for await (const f of readCaptureFile(file)) written.push(f.data);
      expect(written.map((d) => Buffer.from(d).toString('hex'))).toEqual(
        [frame, frame].map((d) => Buffer.from(d).toString('hex')),
      );
      expect(dissect(written[0]).layers.length).toBe(4);
    } finally {
      await sender.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
