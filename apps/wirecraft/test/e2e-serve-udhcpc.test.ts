import { expect, it } from '@jest/globals';
import { createLab, describeLab, runUdhcpc } from '@wirecraft/lab';
import { jsonLines, startWirecraft, waitFor } from './run-wirecraft.js';

describeLab('wirecraft serve --iface answers udhcpc in a namespace', () => {
  it('leases an address from the pool with router and DNS, then stops cleanly on SIGINT', async () => {
    const lab = await createLab({ name: 'appserve' });
    const base = lab.peerAddress.replace(/\.1$/, '');
    const serve = startWirecraft([
      'serve',
      '--iface',
      lab.hostIface,
      '--pool',
      `${base}.100-${base}.110`,
      '--server-ip',
      `${base}.2`,
      '--router',
      `${base}.2`,
      '--dns',
      `${base}.53`,
      '--lease',
      '600',
      '--json',
    ]);
    try {
      await waitFor(
        () =>
          jsonLines(serve.stdout()).some((l) => l.type === 'state' && l.state === 'started')
            ? true
            : undefined,
        60_000,
        `wirecraft serve to start (stderr: ${serve.stderr()})`,
      );
      const run = await runUdhcpc(lab, { hostname: 'peer1' });
      expect(run.lease).toMatchObject({ ip: `${base}.100`, router: [`${base}.2`], dns: [`${base}.53`] });
      serve.child.kill('SIGINT');
      expect(await serve.exited).toBe(0);
      const lines = jsonLines(serve.stdout());
      const received = lines.filter((l) => l.type === 'received').map((l) => l.messageType);
      expect(received).toEqual(expect.arrayContaining(['DISCOVER', 'REQUEST']));
      expect(lines.filter((l) => l.type === 'sent').map((l) => l.messageType)).toEqual(['OFFER', 'ACK']);
      expect(lines).toContainEqual(
        expect.objectContaining({
          type: 'lease',
          action: 'bound',
          lease: expect.objectContaining({ address: `${base}.100`, hostname: 'peer1' }),
        }),
      );
      expect(lines.at(-1)).toMatchObject({ type: 'state', state: 'stopped' });
    } finally {
      if (serve.child.exitCode === null) serve.child.kill('SIGKILL');
      await lab.close();
    }
  }, 120_000);
});
