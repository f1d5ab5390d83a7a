import { describe, expect, it } from '@jest/globals';
import { capturedIO } from '../../test/captured-io.js';
import { dissect, fromHex, toHex } from '@wirecraft/packet';
import { runCli } from '../cli/run-cli.js';

const UDP_HELLO = 'Ether()/IP(src="198.18.0.1", dst="198.18.0.2")/UDP(sport=1234, dport=5678)/b"hello"';
// Built by scapy 2.5 from the same expression (see packages/packet/test/scapy-matches-l2-l4.test.ts).
const UDP_HELLO_HEX =
  'ffffffffffff000000000000080045000021000100004011eea3c6120001c612000204d2162e000d14da68656c6c6f';
const DISCOVER =
  'Ether(src="02:00:00:00:00:01")/IP(src="0.0.0.0", dst="255.255.255.255")/UDP(sport=68, dport=67)/BOOTP(chaddr=mac2str("02:00:00:00:00:01"), xid=0x1234)/DHCP(options=[("message-type", "discover"), ("param_req_list", [1, 3, 6]), "end"])';

describe('wirecraft build', () => {
  it('--hex prints one line of lowercase hex, the bytes scapy builds', async () => {
    const s = capturedIO();
    expect(await runCli(['build', '--hex', UDP_HELLO], s.io)).toBe(0);
    expect(s.stdout()).toBe(`${UDP_HELLO_HEX}\n`);
    expect(s.stderr()).toBe('');
  });

  it('prints show() with computed lengths and checksums, then the hexdump', async () => {
    const s = capturedIO();
    expect(await runCli(['build', UDP_HELLO], s.io)).toBe(0);
    const text = s.stdout();
    expect(text).toMatch(/###\[ Ethernet \]###|###\[ Ether \]###/);
    expect(text).toMatch(/chksum\s*= 0xeea3/);
    expect(text).toMatch(/len\s*= 33/);
    expect(text).toContain('hello');
    expect(text).toMatch(/^0000 {2}FF FF FF FF FF FF 00 00 00 00 00 00 08 00 45 00/m);
  });

  it('--json prints the packet JSON with computed values', async () => {
    const s = capturedIO();
    expect(await runCli(['build', '--json', DISCOVER], s.io)).toBe(0);
    const json = JSON.parse(s.stdout()) as {
      summary: string;
      layers: { name: string; fields: Record<string, unknown> }[];
    };
    expect(json.layers.map((l) => l.name)).toEqual(['Ether', 'IP', 'UDP', 'BOOTP', 'DHCP']);
    expect(json.summary).toContain('DHCP Discover');
    expect(json.layers[2].fields).toMatchObject({ sport: 68, dport: 67, len: 8 + 240 + 9 });
  });

  it('reads one expression per line from stdin and prints one result per line', async () => {
    const s = capturedIO({ stdin: `${UDP_HELLO}\n\n# a comment\n${DISCOVER}\n` });
    expect(await runCli(['build', '--hex'], s.io)).toBe(0);
    const lines = s.stdout().trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(UDP_HELLO_HEX);
    const dhcp = dissect(fromHex(lines[1])!);
    expect(dhcp.layerNames()).toEqual(['Ether', 'IP', 'UDP', 'BOOTP', 'DHCP']);
    expect(toHex(dhcp.build())).toBe(lines[1]);
  });

  it('keeps going past a bad stdin line, names its line number and exits 1', async () => {
    const s = capturedIO({ stdin: `${UDP_HELLO}\nEther()/IP(ttl=300)\n${UDP_HELLO}\n` });
    expect(await runCli(['build', '--hex'], s.io)).toBe(1);
    expect(s.stdout()).toBe(`${UDP_HELLO_HEX}\n${UDP_HELLO_HEX}\n`);
    expect(s.stderr()).toMatch(
      /^wirecraft build: line 2: IP\.ttl: expected an integer 0\.\.255 \(got 300\) at column 12/,
    );
  });

  it('a syntax error exits 2 and shows the column with a caret', async () => {
    const s = capturedIO();
    expect(await runCli(['build', 'Ether()/IP(src="1.2.3.4"/UDP()'], s.io)).toBe(2);
    expect(s.stdout()).toBe('');
    expect(s.stderr()).toBe(
      "wirecraft build: '(' was never closed at column 11\n" +
        '  Ether()/IP(src="1.2.3.4"/UDP()\n' +
        '            ^\n',
    );
  });

  it('unknown layers and fields exit 2 and list what exists', async () => {
    const layer = capturedIO();
    expect(await runCli(['build', 'Ether()/IPv4()'], layer.io)).toBe(2);
    expect(layer.stderr()).toMatch(/unknown name 'IPv4'; layers: .*\bIP\b.*; functions: .*mac2str/);
    const field = capturedIO();
    expect(await runCli(['build', 'Ether()/IP(source="1.2.3.4")'], field.io)).toBe(2);
    expect(field.stderr()).toMatch(
      /IP has no field 'source'; fields: version, ihl, .*src, dst, options at column 12/,
    );
  });

  it('usage errors: --hex with --json, several arguments, a terminal with no expression', async () => {
    const both = capturedIO();
    expect(await runCli(['build', '--hex', '--json', UDP_HELLO], both.io)).toBe(2);
    expect(both.stderr()).toContain('--hex and --json cannot be combined');
    const many = capturedIO();
    expect(await runCli(['build', 'Ether()', 'IP()'], many.io)).toBe(2);
    expect(many.stderr()).toContain('quote the expression');
    const tty = capturedIO();
    expect(await runCli(['build'], tty.io)).toBe(2);
    expect(tty.stderr()).toContain('pipe expressions on stdin');
    const unknown = capturedIO();
    expect(await runCli(['build', '--bogus', UDP_HELLO], unknown.io)).toBe(2);
  });
});
