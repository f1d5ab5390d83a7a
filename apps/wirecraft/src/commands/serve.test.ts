import { describe, expect, it } from '@jest/globals';
import { capturedIO } from '../../test/captured-io.js';
import { runCli } from '../cli/run-cli.js';
import { parseServeArgs } from './serve.js';

describe('wirecraft serve argument errors', () => {
  it('needs --iface (exit 2): nothing is sent on a link that was not named', async () => {
    const out = capturedIO();
    expect(await runCli(['serve', '--pool', '198.18.5.100-198.18.5.110'], out.io)).toBe(2);
    expect(out.stderr()).toBe(
      'wirecraft serve: --iface is required: serve answers only on an interface you name (see wirecraft ifaces)\n',
    );
  });

  it('an unknown interface is exit 1 with one line listing the existing ones', async () => {
    const out = capturedIO();
    expect(
      await runCli(['serve', '--iface', 'wcnosuch9', '--pool', '198.18.5.100-198.18.5.110'], out.io),
    ).toBe(1);
    expect(out.stderr()).toMatch(/^wirecraft serve: wcnosuch9: no such interface; existing: .*\blo\b.*\n$/);
  });

  it('rejects a malformed or reversed pool, naming the value', () => {
    expect(() => parseServeArgs(['--iface', 'lo', '--pool', '198.18.5.100'])).toThrow(
      '--pool "198.18.5.100" is not a range: write FIRST-LAST',
    );
    expect(() => parseServeArgs(['--iface', 'lo', '--pool', '198.18.5.110-198.18.5.100'])).toThrow(
      'the first address is above the last',
    );
  });

  it('takes the server address and subnet from the interface (lo: 127.0.0.1/8) unless given', () => {
    const { request } = parseServeArgs([
      '--iface',
      'lo',
      '--pool',
      '127.0.0.100-127.0.0.110',
      '--dns',
      '127.0.0.53',
    ]);
    expect(request).toMatchObject({
      serverIp: '127.0.0.1',
      subnet: '127.0.0.0/8',
      dns: ['127.0.0.53'],
      leaseTime: 3600,
    });
    const explicit = parseServeArgs([
      '--iface',
      'lo',
      '--pool',
      '198.18.5.100-198.18.5.110',
      '--server-ip',
      '198.18.5.2',
      '--subnet',
      '198.18.5.0/24',
    ]);
    expect(explicit.request).toMatchObject({ serverIp: '198.18.5.2', subnet: '198.18.5.0/24' });
  });
});
