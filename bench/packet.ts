/**
 * Packet benchmark group: build a DHCP DISCOVER from a fresh packet object per frame (checksums computed)
 * and fully dissect a DHCP ACK (every option value read), on one core; scapy 2.5 does the same in the
 * same run (timeit, fewer iterations). Also times parsing the DISCOVER as a scapy expression, and the same
 * DISCOVER written by hand (constants, no packet model) and the ACK dissected by hand (bench/hand-dissect.ts)
 * as the machine's ceilings under the current load.
 * Progress goes to stderr; the returned figures are what `pnpm bench --json packet` prints.
 */
import { spawnSync } from 'node:child_process';
import {
  BOOTP,
  DHCP,
  Ether,
  IP,
  type Layer,
  UDP,
  buildInto,
  dissect,
  internetChecksum,
  fromScapy,
  packet,
  toHex,
} from '../packages/packet/src/index.js';
import { handDissect, handDissectAgrees, touchHandDissected } from './hand-dissect.js';

const SCAPY_PYTHON = '/usr/bin/python3';
const WARMUP_MS = 700;
const MEASURE_MS = 3_000;
const MAC = '02:00:00:00:00:01';
const PRL = [1, 3, 6, 12, 15, 26, 28, 42, 119, 121];

const DISCOVER_EXPR = `Ether(src="${MAC}", dst="ff:ff:ff:ff:ff:ff")/IP(src="0.0.0.0", dst="255.255.255.255")/UDP(sport=68, dport=67)/BOOTP(chaddr=mac2str("${MAC}"), xid=0x12345678, flags=0x8000)/DHCP(options=[("message-type", "discover"), ("client_id", b"\\x01" + mac2str("${MAC}")), ("requested_addr", "198.18.0.10"), ("hostname", "bench-client"), ("max_dhcp_size", 1500), ("param_req_list", [${PRL.join(', ')}]), "end"])`;
const ACK_EXPR = `Ether(src="02:00:00:00:00:fe", dst="${MAC}")/IP(src="198.18.0.1", dst="198.18.0.10")/UDP(sport=67, dport=68)/BOOTP(op=2, chaddr=mac2str("${MAC}"), xid=0x12345678, yiaddr="198.18.0.10", siaddr="198.18.0.1")/DHCP(options=[("message-type", "ack"), ("server_id", "198.18.0.1"), ("lease_time", 3600), ("renewal_time", 1800), ("rebinding_time", 3150), ("subnet_mask", "255.255.254.0"), ("broadcast_address", "198.19.255.255"), ("router", "198.18.0.1"), ("name_server", "198.18.0.53", "198.18.0.54"), ("domain", b"lab.example"), "end"])`;
const ACK_OPTIONS = [53, 54, 51, 58, 59, 1, 28, 3, 6, 15] as const;

function progress(message: string): void {
  process.stderr.write(`bench: packet: ${message}\n`);
}

/** Runs `step` in batches until `ms` have passed; returns iterations per second. */
function rate(step: () => void, ms: number): number {
  const batch = 1_000;
  let iterations = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < batch; i++) step();
    iterations += batch;
    now = performance.now();
  }
  return (iterations * 1000) / (now - start);
}

function measure(step: () => void): number {
  rate(step, WARMUP_MS);
  return rate(step, MEASURE_MS);
}

const out = new Uint8Array(1500);

/** A fresh DISCOVER packet object, then built into a reused buffer (IP and UDP checksums computed). */
function buildDiscover(): number {
  const p = packet(
    Ether({ src: MAC, dst: 'ff:ff:ff:ff:ff:ff' }),
    IP({ src: '0.0.0.0', dst: '255.255.255.255' }),
    UDP({ sport: 68, dport: 67 }),
    BOOTP({ chaddr: MAC, xid: 0x12345678, flags: 0x8000 }),
    DHCP({
      options: [
        ['message-type', 'discover'],
        ['client_id', MAC],
        ['requested_addr', '198.18.0.10'],
        ['hostname', 'bench-client'],
        ['max_dhcp_size', 1500],
        ['param_req_list', PRL],
        'end',
      ],
    }),
  );
  buildInto(p, out);
  return out[0];
}

let sink = 0;

/** Weight of a decoded value, so that reading it cannot be optimised away. */
function touch(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (typeof value === 'number') return value & 1;
  if (value instanceof Uint8Array) return value.length;
  if (Array.isArray(value)) return value.length;
  return value === undefined ? 0 : 1;
}

/**
 * Dissects the ACK and reads every decoded value: each layer's values and each entry of the DHCP option list,
 * as the capture bench and the hand-written reference read theirs. `layer.values` is a plain array that
 * dissect() filled, so a decoder that left anything for later could not hide it here.
 */
function dissectAck(frame: Uint8Array): void {
  const p = dissect(frame);
  const layers: Layer[] = p.layers;
  let n = p.problems.length;
  // No `instanceof` per value: against a class of ours it costs ~17 ns a value in V8, more than the
  // dissection of the value; the option list is reached through the DHCP layer instead.
  for (let l = 0; l < layers.length; l++) {
    const values = layers[l].values;
    for (let f = 0; f < values.length; f++) if (values[f] !== undefined) n++;
  }
  const options = p.layer(DHCP).options;
  n += options.codes.length;
  const optionValues = options.values;
  for (let i = 0; i < optionValues.length; i++) if (optionValues[i] !== null) n++;
  if (p.problems.length > 0) throw new Error(`the ACK dissected with problems: ${p.problems[0].message}`);
  sink += n;
}

/**
 * Dissects the ACK and reads every field of every layer by name (getField) and every option through
 * getOption: what a script pays that reads everything back through the named accessors.
 */
function dissectAckByName(frame: Uint8Array): void {
  const p = dissect(frame);
  const layers: Layer[] = p.layers;
  for (let l = 0; l < layers.length; l++) {
    const layer = layers[l];
    const fields = layer.def.fields;
    for (let f = 0; f < fields.length; f++) sink += touch(layer.getField(fields[f].name));
  }
  const dhcp = p.layer(DHCP);
  for (let i = 0; i < ACK_OPTIONS.length; i++) {
    const value = dhcp.getOption(ACK_OPTIONS[i]);
    if (value === undefined) throw new Error(`option ${ACK_OPTIONS[i]} missing in the dissected ACK`);
    sink += touch(value);
  }
  if (p.problems.length > 0) throw new Error(`the ACK dissected with problems: ${p.problems[0].message}`);
}

/**
 * The same DISCOVER written byte by byte with the values as constants (only the text is parsed and the
 * checksums computed): the ceiling for this machine and load, measured in the same run as a reference.
 */
function handWrittenDiscover(): number {
  const o = out;
  o.fill(0, 0, 400);
  o.fill(0xff, 0, 6);
  writeMacText(MAC, o, 6);
  o[12] = 0x08;
  o[14] = 0x45;
  o[19] = 1;
  o[22] = 64;
  o[23] = 17;
  writeIpText('0.0.0.0', o, 26);
  writeIpText('255.255.255.255', o, 30);
  o[35] = 68;
  o[37] = 67;
  const b = 42;
  o[b] = 1;
  o[b + 1] = 1;
  o[b + 2] = 6;
  o[b + 4] = 0x12;
  o[b + 5] = 0x34;
  o[b + 6] = 0x56;
  o[b + 7] = 0x78;
  o[b + 10] = 0x80;
  writeMacText(MAC, o, b + 28);
  let w = b + 236;
  for (const byte of [0x63, 0x82, 0x53, 0x63, 53, 1, 1, 61, 7, 1]) o[w++] = byte;
  writeMacText(MAC, o, w);
  w += 6;
  o[w++] = 50;
  o[w++] = 4;
  writeIpText('198.18.0.10', o, w);
  w += 4;
  const host = 'bench-client';
  o[w++] = 12;
  o[w++] = host.length;
  for (let i = 0; i < host.length; i++) o[w++] = host.charCodeAt(i);
  o[w++] = 57;
  o[w++] = 2;
  o[w++] = 1500 >> 8;
  o[w++] = 1500 & 255;
  o[w++] = 55;
  o[w++] = PRL.length;
  for (let i = 0; i < PRL.length; i++) o[w++] = PRL[i];
  o[w++] = 255;
  const udpLength = w - 34;
  o[16] = (w - 14) >> 8;
  o[17] = w - 14;
  o[38] = udpLength >> 8;
  o[39] = udpLength;
  const ipSum = internetChecksum(o, 14, 34);
  o[24] = ipSum >> 8;
  o[25] = ipSum;
  const udpSum = internetChecksum(o, 34, w, 0xffff + 0xffff + 17 + udpLength) || 0xffff;
  o[40] = udpSum >> 8;
  o[41] = udpSum;
  return w;
}

function writeMacText(text: string, o: Uint8Array, at: number): void {
  for (let i = 0; i < 6; i++) o[at + i] = Number.parseInt(text.substr(i * 3, 2), 16);
}

function writeIpText(text: string, o: Uint8Array, at: number): void {
  const parts = text.split('.');
  for (let i = 0; i < 4; i++) o[at + i] = Number(parts[i]);
}

const SCAPY_SCRIPT = `
import json, sys, timeit
from scapy.all import *
conf.verb = 0
conf.neighbor.resolvers.clear()
discover_expr, ack_hex = sys.argv[1], sys.argv[2]
ack = bytes.fromhex(ack_hex)
# Compiled once: each call constructs fresh layer objects without re-parsing the Python source.
discover_code = compile(discover_expr, "<discover>", "eval")
def build():
    return raw(eval(discover_code))
def dissect():
    p = Ether(ack)
    n = 0
    for o in p[DHCP].options:
        n += len(o)
    return (p[BOOTP].yiaddr, p[IP].chksum, p[UDP].len, n)
built = build().hex()
def per_second(fn, minimum):
    n, elapsed = 50, 0.0
    while elapsed < minimum:
        n *= 2
        elapsed = timeit.timeit(fn, number=n)
    return n / elapsed
print(json.dumps({"discover": built, "build": per_second(build, 1.0), "dissect": per_second(dissect, 1.0)}))
`;

function scapyFigures(ackHex: string): { discover: string; build: number; dissect: number } | undefined {
  const result = spawnSync(SCAPY_PYTHON, ['-c', SCAPY_SCRIPT, DISCOVER_EXPR, ackHex], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) {
    progress(`scapy run failed: ${result.stderr.trim().split('\n').at(-1) ?? result.signal}`);
    return undefined;
  }
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as {
    discover: string;
    build: number;
    dissect: number;
  };
}

const round = (n: number) => Math.round(n);
const ratio = (a: number, b: number) => Math.round((a / b) * 10) / 10;

export async function benchPacket(): Promise<Record<string, number | string>> {
  const ack = fromScapy(ACK_EXPR).build();
  const discoverBytes = fromScapy(DISCOVER_EXPR).build();
  buildDiscover();
  const built = toHex(out.subarray(0, discoverBytes.length));
  if (built !== toHex(discoverBytes))
    throw new Error('the benchmark DISCOVER differs from its scapy expression');

  const handLength = handWrittenDiscover();
  if (toHex(out.subarray(0, handLength)) !== toHex(discoverBytes))
    throw new Error('the hand-written DISCOVER differs from its scapy expression');

  progress('building DISCOVER frames ...');
  const buildFps = measure(buildDiscover);
  progress('hand-written DISCOVER (reference) ...');
  const handFps = measure(handWrittenDiscover);
  if (!handDissectAgrees(ack))
    throw new Error('the hand-written dissection of the ACK differs from dissect()');
  progress('dissecting ACK frames ...');
  const dissectFps = measure(() => dissectAck(ack));
  progress('dissecting ACK frames, reading every field by name ...');
  const dissectByNameFps = measure(() => dissectAckByName(ack));
  progress('hand-written ACK dissection (reference) ...');
  const handDissectFps = measure(() => {
    const d = handDissect(ack);
    if (d === undefined) throw new Error('the hand-written dissector rejected the ACK');
    sink += touchHandDissected(d);
  });
  progress('parsing the DISCOVER scapy expression ...');
  const parseFps = measure(() => {
    sink += fromScapy(DISCOVER_EXPR).layers.length;
  });
  progress('scapy 2.5: same build and dissect (timeit) ...');
  const scapy = scapyFigures(toHex(ack));
  const figures: Record<string, number | string> = {
    build_discover_fps: round(buildFps),
    hand_written_build_discover_fps: round(handFps),
    build_vs_hand_written: Math.round((buildFps / handFps) * 100) / 100,
    dissect_ack_fps: round(dissectFps),
    dissect_ack_read_by_name_fps: round(dissectByNameFps),
    hand_written_dissect_ack_fps: round(handDissectFps),
    dissect_vs_hand_written: Math.round((dissectFps / handDissectFps) * 100) / 100,
    parse_discover_expression_per_s: round(parseFps),
  };
  if (scapy) {
    figures.scapy_build_discover_fps = round(scapy.build);
    figures.scapy_dissect_ack_fps = round(scapy.dissect);
    figures.build_vs_scapy = ratio(buildFps, scapy.build);
    figures.dissect_vs_scapy = ratio(dissectFps, scapy.dissect);
    figures.discover_bytes_identical_to_scapy = scapy.discover === built ? 'yes' : 'no';
  } else figures.scapy = 'unavailable';
  if (sink === -1) progress('unreachable');
  return figures;
}
