import { describe, expect, it } from '@jest/globals';
import { capturedIO } from '../../test/captured-io.js';
import { runCli } from '../cli/run-cli.js';
import { parseDoraArgs } from './dora.js';

describe('wirecraft dora (in-process, JSON mode)', () => {
  it('completes a DORA against the embedded server with exit 0 and a final lease line', async () => {
    const out = capturedIO();
    const code = await runCli(['dora', '--json'], out.io);
    expect(out.stderr()).toBe('');
    expect(code).toBe(0);
    const lines = out.jsonLines();
    const messages = lines
      .filter((l) => l.type === 'sent' || l.type === 'received')
      .map((l) => l.messageType);
    expect(messages).toEqual(['DISCOVER', 'OFFER', 'REQUEST', 'ACK']);
    const result = lines.at(-1);
    expect(result).toMatchObject({
      type: 'result',
      ok: true,
      lease: {
        address: '198.18.0.100',
        serverId: '198.18.0.1',
        routers: ['198.18.0.1'],
        dnsServers: ['198.18.0.1'],
        leaseTime: 3600,
        renewalTime: 1800,
        rebindingTime: 3150,
      },
    });
    // Every line carries the time since start, and times never go backwards.
    const times = lines.filter((l) => l.type !== 'result').map((l) => l.time as number);
    expect(times.every((t, i) => i === 0 || t >= times[i - 1])).toBe(true);
  });

  it('switches to JSON by itself when stdout is not a terminal', async () => {
    const out = capturedIO({ tty: false });
    expect(await runCli(['dora'], out.io)).toBe(0);
    expect(out.jsonLines().at(-1)).toMatchObject({ type: 'result', ok: true });
  });

  it('--offers 2 starts two built-in servers and reports both offers before choosing', async () => {
    const out = capturedIO();
    expect(await runCli(['dora', '--offers', '2', '--offer-window', '0.3'], out.io)).toBe(0);
    const lines = out.jsonLines();
    const offers = lines.filter((l) => l.type === 'offer');
    expect(offers.map((o) => o.serverId).sort()).toEqual(['198.18.0.1', '198.18.0.2']);
    expect(lines.find((l) => l.type === 'offer-chosen')).toMatchObject({ among: 2 });
    expect(lines.at(-1)).toMatchObject({ ok: true, offers: 2 });
  });

  it('--renew --release continue after the ACK: unicast REQUEST with ciaddr, then RELEASE', async () => {
    const out = capturedIO();
    expect(await runCli(['dora', '--renew', '--release', '--mac', '02:aa:00:00:00:07'], out.io)).toBe(0);
    const lines = out.jsonLines();
    const sent = lines.filter((l) => l.type === 'sent');
    expect(sent.map((l) => l.messageType)).toEqual(['DISCOVER', 'REQUEST', 'REQUEST', 'RELEASE']);
    expect(sent[2]).toMatchObject({
      ciaddr: '198.18.0.100',
      dstIp: '198.18.0.1',
      chaddr: '02:aa:00:00:00:07',
    });
    expect(lines.filter((l) => l.type === 'lease').map((l) => l.kind)).toEqual([
      'obtained',
      'renewed',
      'released',
    ]);
  });

  it('sends the hostname and the requested address', async () => {
    const out = capturedIO();
    expect(await runCli(['dora', '--hostname', 'probe1', '--request-ip', '198.18.0.120'], out.io)).toBe(0);
    const discover = out.jsonLines().find((l) => l.type === 'sent');
    expect(discover).toMatchObject({ messageType: 'DISCOVER', requestedAddress: '198.18.0.120' });
    expect(out.jsonLines().at(-1)).toMatchObject({ lease: { address: '198.18.0.120' } });
  });

  it('an unknown interface fails with exit 1 and one line naming the existing interfaces', async () => {
    const out = capturedIO();
    const code = await runCli(['dora', '--iface', 'wcnosuch9', '--json'], out.io);
    expect(code).toBe(1);
    const lines = out.stderr().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^wirecraft dora: wcnosuch9: no such interface; existing: .*\blo\b/);
    expect(out.stdout()).toBe('');
  });

  it('a bad option is a usage error: exit 2', async () => {
    const unknown = capturedIO();
    expect(await runCli(['dora', '--bogus'], unknown.io)).toBe(2);
    expect(unknown.stderr()).toMatch(/--bogus.*wirecraft dora --help/);
    const badMac = capturedIO();
    expect(await runCli(['dora', '--mac', 'zz:00'], badMac.io)).toBe(2);
    expect(badMac.stderr()).toContain('--mac "zz:00" is not a MAC address');
    const badTimeout = capturedIO();
    expect(await runCli(['dora', '--timeout', '-1'], badTimeout.io)).toBe(2);
  });

  it('--help prints usage and examples', async () => {
    const out = capturedIO();
    expect(await runCli(['dora', '--help'], out.io)).toBe(0);
    expect(out.stdout()).toContain('usage: wirecraft dora [--iface IF]');
    expect(out.stdout()).toContain('wirecraft dora --offers 2');
  });
});

describe('parseDoraArgs', () => {
  it('reads every option into the request', () => {
    const { request, json } = parseDoraArgs([
      '--iface=veth0',
      '--mac',
      '02-00-00-00-00-09',
      '--request-ip',
      '198.18.0.5',
      '--offers',
      '3',
      '--offer-window',
      '2.5',
      '--timeout',
      '10',
      '--renew',
      '--json',
    ]);
    expect(json).toBe(true);
    expect(request).toEqual({
      iface: 'veth0',
      mac: '02:00:00:00:00:09',
      requestIp: '198.18.0.5',
      offers: 3,
      offerWindowMs: 2500,
      timeoutMs: 10_000,
      renew: true,
      release: false,
    });
  });

  it('rejects a non-integer offer count, naming the value', () => {
    expect(() => parseDoraArgs(['--offers', '1.5'])).toThrow('--offers "1.5" is not an integer >= 1');
  });
});
