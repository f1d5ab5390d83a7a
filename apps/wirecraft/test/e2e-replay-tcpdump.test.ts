import { spawnSync } from 'node:child_process';
import { expect, it } from '@jest/globals';
import { CaptureBytesReader, readCaptureFile } from '@wirecraft/capture';
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

  it('--filter sends only the frames tcpdump -r FILE BPF keeps, and the peer sees exactly those', async () => {
    const flood = join(REPO_ROOT, 'fixtures/zeek_dhcp_flood.pcap');
    const filter = 'udp src port 68 and ip[8] = 64';
    const kept = spawnSync('tcpdump', ['-r', flood, '-w', '-', filter], { maxBuffer: 16 * 1024 * 1024 });
    expect(kept.status).toBe(0);
    const expected = [...new CaptureBytesReader(kept.stdout)].map((frame) =>
      Buffer.from(frame.data).toString('hex'),
    );
    const all = await frameBytes(flood);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);
    const lab = await createLab({ name: 'appreplayf' });
    try {
      const file = join(lab.tmpDir, 'seen.pcap');
      const tcpdump = await startTcpdump(lab, { file });
      // Paced: at top speed a loaded 2-core machine makes the capturing tcpdump drop frames.
      const run = startWirecraft([
        'replay',
        flood,
        '--iface',
        lab.hostIface,
        '--pps',
        '2000',
        '--filter',
        filter,
      ]);
      expect(await run.exited).toBe(0);
      expect(jsonLines(run.stdout())[0]).toMatchObject({
        type: 'result',
        frames: expected.length,
        fileFrames: all.length,
        filter,
        complete: true,
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const stats = await tcpdump.stop();
      expect(stats.captured).toBe(expected.length);
      expect(await frameBytes(file)).toEqual(expected);
    } finally {
      await lab.close();
    }
  }, 120_000);

  it("an invalid --filter is one line with libpcap's message", async () => {
    const run = startWirecraft(['replay', FIXTURE, '--iface', 'lo', '--filter', 'udp port 6x7']);
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toBe(
      'wirecraft replay: invalid BPF filter "udp port 6x7": unknown port \'6x7\' (see man pcap-filter for the syntax)\n',
    );
  }, 60_000);
});
