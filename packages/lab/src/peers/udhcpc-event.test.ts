import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { parseUdhcpcEvents, udhcpcScript } from './udhcpc-event.js';

function runScript(event: string, env: Record<string, string>): string {
  const result = spawnSync('sh', ['-s', event], {
    input: udhcpcScript(),
    env: { PATH: process.env.PATH, ...env },
  });
  return result.stdout.toString();
}

describe('the udhcpc report script', () => {
  it('round-trips the lease variables through its JSON line', () => {
    const output = runScript('bound', {
      interface: 'wc1h',
      ip: '198.18.4.10',
      subnet: '255.255.255.0',
      mask: '24',
      router: '198.18.4.1 198.18.4.254',
      dns: '198.18.4.1',
      domain: 'lab.test',
      lease: '3600',
      serverid: '198.18.4.1',
      ntpsrv: '198.18.0.123 198.18.0.124',
    });
    expect(parseUdhcpcEvents(`udhcpc: noise\n${output}`)).toEqual([
      {
        event: 'bound',
        interface: 'wc1h',
        ip: '198.18.4.10',
        subnet: '255.255.255.0',
        mask: 24,
        broadcast: undefined,
        router: ['198.18.4.1', '198.18.4.254'],
        dns: ['198.18.4.1'],
        domain: 'lab.test',
        hostname: undefined,
        lease: 3600,
        serverid: '198.18.4.1',
        siaddr: undefined,
        message: undefined,
        ntpsrv: ['198.18.0.123', '198.18.0.124'],
      },
    ]);
  });

  it('escapes quotes and backslashes a server put in its strings', () => {
    const [event] = parseUdhcpcEvents(runScript('nak', { message: 'no "lease" for C:\\you' }));
    expect(event.event).toBe('nak');
    expect(event.message).toBe('no "lease" for C:\\you');
    expect(event.router).toEqual([]);
  });
});
