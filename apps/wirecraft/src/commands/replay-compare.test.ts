import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { capturedIO } from '../../test/captured-io.js';
import { runCli } from '../cli/run-cli.js';

const DORA = fileURLToPath(new URL('../../../../fixtures/arkime_wireshark-dhcp.pcap', import.meta.url));
const NOT_DHCP = fileURLToPath(new URL('../../../../fixtures/tcpdump_ieee802.11_htc.pcap', import.meta.url));

async function replayCompare(args: string[], tty = false) {
  const captured = capturedIO({ tty });
  const code = await runCli(['replay-compare', ...args], captured.io);
  return { code, ...captured };
}

describe('wirecraft replay-compare against the built-in server on a virtual link', () => {
  it('prints a JSON step per client message with the differences, then the summary; exit 1', async () => {
    const run = await replayCompare([DORA, '--json', '--rewrite-xid', '--timeout', '5']);
    expect(run.code).toBe(1);
    expect(run.stderr()).toBe('wirecraft replay-compare: 2 of 2 answers differ from the capture\n');
    const lines = run.jsonLines();
    expect(lines.map((l) => [l.type, l.message, l.outcome])).toEqual([
      ['step', 'discover', 'differs'],
      ['step', 'request', 'differs'],
      ['summary', undefined, undefined],
    ]);
    expect(lines[0].differences).toContainEqual({
      path: 'DHCP.options.server_id',
      expected: '192.168.0.1',
      actual: '198.18.0.1',
    });
    expect(lines[1].rewrites).toContain('requested_addr 192.168.0.10 → 198.18.0.100 (as answered live)');
    expect(lines[2]).toMatchObject({ messages: 2, differs: 2, same: 0, complete: true });
  });

  it('shows each message, its rewrites, differences and expected-variable fields within 80 columns', async () => {
    const run = await replayCompare([DORA, '--rewrite-chaddr'], true);
    expect(run.code).toBe(1);
    const out = stripVTControlCharacters(run.stdout());
    expect(out).toMatch(/#1 discover frame 1: recorded DHCP Offer, live DHCP Offer [\d.]+ms differs/);
    expect(out).toMatch(/sent with chaddr and client_id 00:0b:82:01:fc:42 → ([0-9a-f]{2}:){5}[0-9a-f]{2}/);
    expect(out).toMatch(/DHCP\.options\.server_id +192\.168\.0\.1 → 198\.18\.0\.1/);
    expect(out).toContain('differs (expected variable): IP.id');
    expect(out).toContain('2 client messages: 2 differing');
    expect(Math.max(...out.split('\n').map((l) => l.length))).toBeLessThanOrEqual(80);
  });

  it('exits 2 for a capture without DHCP and for a bad --lab', async () => {
    const none = await replayCompare([NOT_DHCP]);
    expect(none.code).toBe(2);
    expect(none.stderr()).toContain('has no DHCP/BOOTP client message (op 1) to replay');
    const lab = await replayCompare([DORA, '--lab', 'isc']);
    expect(lab.code).toBe(2);
    expect(lab.stderr()).toContain('--lab "isc" is not a lab server; pick dnsmasq, kea, wirecraft');
  });
});
