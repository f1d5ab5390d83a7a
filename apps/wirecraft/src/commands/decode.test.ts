import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { fromScapy, toHex } from '@wirecraft/packet';
import { runCli } from '../cli/run-cli.js';
import { decodeCaptureFile } from '../decode/decode-capture-file.js';
import { capturedIO } from '../../test/captured-io.js';

interface DecodedJson {
  summary: string;
  layers: { name: string; fields: Record<string, unknown> }[];
  problems: { kind: string; layer: string; field?: string }[];
}

const ACK = toHex(
  fromScapy(
    'Ether(src="02:00:00:00:00:fe", dst="02:00:00:00:00:01")/IP(src="198.18.0.1", dst="198.18.0.10")/UDP(sport=67, dport=68)/BOOTP(op=2, xid=0x1234, yiaddr="198.18.0.10", chaddr=mac2str("02:00:00:00:00:01"))/DHCP(options=[("message-type", "ack"), ("server_id", "198.18.0.1"), ("lease_time", 3600), ("router", "198.18.0.1"), "end"])',
  ).build(),
);
const UDP_HELLO =
  'ffffffffffff000000000000080045000021000100004011eea3c6120001c612000204d2162e000d14da68656c6c6f';

describe('wirecraft decode', () => {
  it('--hex --json prints one JSON object with summary, layers and problems', async () => {
    const s = capturedIO();
    expect(await runCli(['decode', '--json', '--hex', ACK], s.io)).toBe(0);
    expect(s.stderr()).toBe('');
    const lines = s.stdout().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]) as DecodedJson;
    expect(json.summary).toMatch(/DHCP Ack$/);
    expect(json.layers.map((l) => l.name)).toEqual(['Ether', 'IP', 'UDP', 'BOOTP', 'DHCP']);
    expect(json.layers[3].fields).toMatchObject({ op: 2, xid: 0x1234, yiaddr: '198.18.0.10' });
    expect(JSON.stringify(json.layers[4].fields)).toContain('"lease_time"');
    expect(json.problems).toEqual([]);
  });

  it('without --json prints the summary line, then show()', async () => {
    const s = capturedIO();
    expect(await runCli(['decode', '--hex', UDP_HELLO], s.io)).toBe(0);
    const [first, ...rest] = s.stdout().split('\n');
    expect(first).toBe('Ether / IP / UDP 198.18.0.1:1234 > 198.18.0.2:5678 / Raw (5 bytes)');
    expect(rest.join('\n')).toMatch(/###\[ IP \]###[\s\S]*chksum\s*= 0xeea3[\s\S]*load\s*= b'hello'/);
  });

  it('reads one hex frame per line from stdin, one JSON line each; reports problems', async () => {
    const broken = `${UDP_HELLO.slice(0, 48)}ffff${UDP_HELLO.slice(52)}`; // IP checksum overwritten
    const s = capturedIO({ stdin: `${UDP_HELLO}\n\n${ACK}\n${broken}\n` });
    expect(await runCli(['decode', '--json'], s.io)).toBe(0);
    const packets = s
      .stdout()
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as DecodedJson);
    expect(packets.map((p) => p.layers.at(-1)!.name)).toEqual(['Raw', 'DHCP', 'Raw']);
    expect(packets[2].problems).toEqual([
      expect.objectContaining({ kind: 'bad-checksum', layer: 'IP', field: 'chksum' }),
    ]);
  });

  it('shows problems in text mode', async () => {
    const s = capturedIO();
    expect(await runCli(['decode', '--hex', UDP_HELLO.slice(0, 80)], s.io)).toBe(0);
    expect(s.stdout()).toMatch(
      /^!! truncated in IP\.len: IP total length 33 exceeds the 26 bytes captured$/m,
    );
  });

  it('--linktype 101 decodes raw IP', async () => {
    const s = capturedIO();
    expect(await runCli(['decode', '--json', '--linktype', '101', '--hex', UDP_HELLO.slice(28)], s.io)).toBe(
      0,
    );
    const json = JSON.parse(s.stdout()) as DecodedJson;
    expect(json.layers.map((l) => l.name)).toEqual(['IP', 'UDP', 'Raw']);
  });

  it('bad hex on the command line exits 2; on stdin it names the line, continues and exits 1', async () => {
    const arg = capturedIO();
    expect(await runCli(['decode', '--hex', 'xyz'], arg.io)).toBe(2);
    expect(arg.stderr()).toBe(
      "wirecraft decode: --hex is not a frame in hex (pairs of hex digits, spaces and ':' allowed)\n",
    );
    const piped = capturedIO({ stdin: `abc\n${UDP_HELLO}\n` });
    expect(await runCli(['decode', '--json'], piped.io)).toBe(1);
    expect(piped.stderr()).toMatch(/^wirecraft decode: line 1: it is not a frame in hex/);
    expect(piped.stdout().trimEnd().split('\n')).toHaveLength(1);
  });

  it('usage errors: bad --linktype, unknown option, a terminal with no --hex', async () => {
    const linktype = capturedIO();
    expect(await runCli(['decode', '--linktype', 'ether', '--hex', UDP_HELLO], linktype.io)).toBe(2);
    expect(linktype.stderr()).toContain('--linktype "ether" is not an integer >= 0');
    const unknown = capturedIO();
    expect(await runCli(['decode', '--frobnicate'], unknown.io)).toBe(2);
    const tty = capturedIO();
    expect(await runCli(['decode'], tty.io)).toBe(2);
    expect(tty.stderr()).toContain('pipe hex frames on stdin');
  });
});

const FIXTURES = fileURLToPath(new URL('../../../../fixtures/', import.meta.url));

describe('wirecraft decode -r FILE', () => {
  it('--json prints every record: the decode contract plus time, length, captured and linktype', async () => {
    const s = capturedIO();
    expect(await runCli(['decode', '-r', `${FIXTURES}zeek_dhcp.pcap`, '--json'], s.io)).toBe(0);
    expect(s.stderr()).toBe('');
    const records = s
      .stdout()
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as DecodedJson & Record<string, unknown>);
    expect(records).toHaveLength(9);
    expect(records[0]).toMatchObject({ time: '1370200442.323173', length: 307, captured: 307, linktype: 1 });
    expect(records[0].summary).toMatch(/DHCP Discover$/);
    expect(records.map((r) => r.layers.at(-1)!.name)).toEqual(Array(9).fill('DHCP'));
  });

  it('keeps linktypes other than Ethernet per record (SLL)', async () => {
    const s = capturedIO();
    expect(await runCli(['decode', '-r', `${FIXTURES}pcapplusplus_sll.pcap`, '--json'], s.io)).toBe(0);
    const first = JSON.parse(s.stdout().split('\n')[0]) as DecodedJson & { linktype: number };
    expect(first.linktype).toBe(113);
    expect(first.layers[0].name).not.toBe('Ether');
  });

  it('text mode numbers each record with its time and length, then summary and show()', async () => {
    const s = capturedIO();
    expect(await runCli(['decode', '-r', `${FIXTURES}zeek_dhcp.pcap`], s.io)).toBe(0);
    const lines = s.stdout().split('\n');
    expect(lines[0]).toBe('#1 1370200442.323173 307 bytes linktype 1');
    expect(lines[1]).toMatch(/^Ether \/ IP \/ UDP 0\.0\.0\.0:68 > 255\.255\.255\.255:67 .*DHCP Discover$/);
    expect(s.stdout().match(/^#\d+ /gm)).toHaveLength(9);
  });

  it('a truncated file: every complete record, then one line naming the byte offset, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wirecraft-decode-'));
    try {
      const whole = readFileSync(`${FIXTURES}zeek_dhcp.pcap`);
      const path = join(dir, 'cut.pcap');
      writeFileSync(path, whole.subarray(0, whole.length - 100));
      const s = capturedIO();
      expect(await runCli(['decode', '-r', path, '--json'], s.io)).toBe(1);
      expect(s.stdout().trimEnd().split('\n')).toHaveLength(8);
      expect(s.stderr()).toBe(
        'wirecraft decode: truncated record at byte 2811: header says 329 bytes, 229 remain\n',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('waits for stdout to drain: output buffered at any moment stays far below the whole output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wirecraft-decode-'));
    try {
      const whole = readFileSync(`${FIXTURES}zeek_dhcp.pcap`);
      const records = whole.subarray(24);
      const path = join(dir, 'big.pcap');
      // 4,500 records (about 1.4 MB of pcap), several read chunks of the reader.
      writeFileSync(path, Buffer.concat([whole.subarray(0, 24), ...Array(500).fill(records)]));
      let written = 0;
      let mostBuffered = 0;
      const slow: Writable = new Writable({
        highWaterMark: 16 * 1024,
        write(chunk: Buffer, _encoding, done) {
          written += chunk.length;
          mostBuffered = Math.max(mostBuffered, slow.writableLength);
          // A consumer slower than decoding: without waiting for drain, every batch would pile up here.
          setTimeout(done, 50);
        },
      });
      expect(await decodeCaptureFile(path, slow, true)).toBe(4500);
      expect(written).toBeGreaterThan(4 * 1024 * 1024);
      expect(mostBuffered).toBeLessThan(written / 4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('usage errors: a missing file, -r with --hex, -r with --linktype', async () => {
    const missing = capturedIO();
    expect(await runCli(['decode', '-r', '/nonexistent/x.pcap'], missing.io)).toBe(2);
    expect(missing.stderr()).toBe('wirecraft decode: -r "/nonexistent/x.pcap": no such file\n');
    const both = capturedIO();
    expect(await runCli(['decode', '-r', `${FIXTURES}zeek_dhcp.pcap`, '--hex', UDP_HELLO], both.io)).toBe(2);
    expect(both.stderr()).toContain('-r FILE and --hex cannot be combined');
    const linktype = capturedIO();
    expect(
      await runCli(['decode', '-r', `${FIXTURES}zeek_dhcp.pcap`, '--linktype', '101'], linktype.io),
    ).toBe(2);
    expect(linktype.stderr()).toContain('--linktype does not apply to -r');
  });
});
