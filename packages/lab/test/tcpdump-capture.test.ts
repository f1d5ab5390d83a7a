import { expect, it } from '@jest/globals';
import { join } from 'node:path';
import { createLab, describeLab, startTcpdump } from '@wirecraft/lab';

describeLab('tcpdump in a lab', () => {
  it('writes every frame sent across the lab into a complete pcap file', async () => {
    const lab = await createLab({ name: 'tcpdump', clientNs: true });
    try {
      await lab.addHostAddress();
      const file = join(lab.tmpDir, 'icmp.pcap');
      const capture = await startTcpdump(lab, { file, filter: 'icmp' });
      const ping = await lab.exec(['busybox', 'ping', '-c', '3', '-i', '0.2', '-W', '2', lab.peerAddress], {
        ns: 'client',
      });
      expect(ping.code).toBe(0);
      const stats = await capture.stop();
      expect(stats).toEqual({ captured: 6, receivedByFilter: 6, droppedByKernel: 0 });
      const decoded = await lab.exec(['tcpdump', '-nn', '-e', '-r', file]);
      const lines = decoded.stdout.trim().split('\n');
      expect(lines).toHaveLength(6);
      expect(
        lines.filter((line) => line.includes(`${lab.hostAddress} > ${lab.peerAddress}: ICMP echo request`)),
      ).toHaveLength(3);
      expect(
        lines.filter((line) => line.includes(`${lab.peerAddress} > ${lab.hostAddress}: ICMP echo reply`)),
      ).toHaveLength(3);
      expect(lines[0]).toContain(`${lab.hostMac} > ${lab.peerMac}`);
    } finally {
      await lab.close();
    }
  });
});
