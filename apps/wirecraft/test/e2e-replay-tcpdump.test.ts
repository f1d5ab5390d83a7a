import { expect, it } from '@jest/globals';
import { readCaptureFile } from '@wirecraft/capture';
import { createLab, describeLab, startTcpdump } from '@wirecraft/lab';
import { join } from 'node:path';
import { jsonLines, REPO_ROOT, startWirecraft } from './run-wirecraft.js';

const FIXTURE = join(REPO_ROOT, 'fixtures/arkime_wireshark-dhcp.pcap');

async function frameBytes(file: string): Promise<string[]> {
  const frames: string[] = [];
  for await (const frame of readCaptureFile(file)) frames.push(Buffer.from(frame.data).toString('hex'));
  return frames;
}

describeLab('wirecraft replay --iface sends what the file holds', () => {
  it('tcpdump on the other end of the veth sees the same frames, byte for byte, in order', async () => {
    const lab = await createLab({ name: 'appreplay' });
    try {
      const file = join(lab.tmpDir, 'seen.pcap');
      const tcpdump = await startTcpdump(lab, { file });
      const run = startWirecraft(['replay', FIXTURE, '--iface', lab.hostIface, '--topspeed', '--loop', '2']);
      expect(await run.exited).toBe(0);
      const expected = await frameBytes(FIXTURE);
      const [summary] = jsonLines(run.stdout());
      expect(summary).toMatchObject({ type: 'result', frames: expected.length * 2, complete: true });
      expect(summary.bytes).toBe(expected.reduce((sum, hex) => sum + hex.length / 2, 0) * 2);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const stats = await tcpdump.stop();
      expect(stats.captured).toBe(expected.length * 2);
      expect(await frameBytes(file)).toEqual([...expected, ...expected]);
    } finally {
      await lab.close();
    }
  }, 120_000);
});
