/**
 * `pnpm bench [--json] [GROUP...]`: runs benchmark groups and prints their figures side by side with the
 * reference tools measured in the same run. Progress goes to stderr; with --json, stdout carries one JSON
 * object (every group's figures merged) and nothing else.
 */
import { parseArgs } from 'node:util';

export type Figures = Record<string, number | string>;
/** A group lives in its own module, loaded only when selected (some need root and real peers). */
type Group = { name: string; description: string; module: string; entry: string };

const groups: Group[] = [
  {
    name: 'packet',
    description: 'build a DHCP DISCOVER, dissect a DHCP ACK (vs scapy)',
    module: './packet.ts',
    entry: 'benchPacket',
  },
  {
    name: 'capture',
    description: 'pcap read + dissect (vs tshark, scapy), veth injection and capture (vs tcpreplay)',
    module: './capture.ts',
    entry: 'benchCapture',
  },
  {
    name: 'capture-files',
    description:
      'raw pcap reading: our reader (records, batched views) vs npm pcap-parser on a 100k-record file',
    module: './capture-files.ts',
    entry: 'benchCaptureFiles',
  },
  {
    name: 'dhcp',
    description: 'DORA load (vs perfdhcp), server under load (vs kea, dnsmasq), round trip',
    module: './dhcp.ts',
    entry: 'benchDhcp',
  },
];

async function runGroup(group: Group): Promise<Figures> {
  const mod: Record<string, unknown> = await import(new URL(group.module, import.meta.url).href);
  const entry = mod[group.entry];
  if (typeof entry !== 'function') throw new Error(`${group.module} does not export ${group.entry}()`);
  const figures: unknown = await entry();
  if (typeof figures !== 'object' || figures === null)
    throw new Error(`${group.entry}() returned no figures`);
  return figures as Figures;
}

function formatValue(v: number | string): string {
  if (typeof v === 'string') return v;
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  return v.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(
      `usage: pnpm bench [--json] [GROUP...]\ngroups:\n${groups.map((g) => `  ${g.name.padEnd(14)} ${g.description}`).join('\n')}\n`,
    );
    return 0;
  }
  const unknown = positionals.filter((p) => !groups.some((g) => g.name === p));
  if (unknown.length > 0) {
    process.stderr.write(
      `bench: unknown group(s) ${unknown.join(', ')}; known: ${groups.map((g) => g.name).join(', ')}\n`,
    );
    return 2;
  }
  const selected = positionals.length > 0 ? groups.filter((g) => positionals.includes(g.name)) : groups;
  const merged: Figures = {};
  const rows: [string, string, string][] = [];
  let failed = false;
  for (const group of selected) {
    process.stderr.write(`bench: ${group.name}: ${group.description} ...\n`);
    try {
      const figures = await runGroup(group);
      for (const [k, v] of Object.entries(figures)) {
        merged[k] = v;
        rows.push([group.name, k, formatValue(v)]);
      }
    } catch (error) {
      failed = true;
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`bench: ${group.name} failed: ${message}\n`);
      merged[`${group.name}_error`] = message;
    }
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify(merged)}\n`);
  } else {
    const w0 = Math.max(5, ...rows.map((r) => r[0].length));
    const w1 = Math.max(6, ...rows.map((r) => r[1].length));
    const w2 = Math.max(5, ...rows.map((r) => r[2].length));
    const line = (a: string, b: string, c: string) => `${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c.padStart(w2)}\n`;
    process.stdout.write(line('group', 'figure', 'value'));
    process.stdout.write(line('-'.repeat(w0), '-'.repeat(w1), '-'.repeat(w2)));
    for (const r of rows) process.stdout.write(line(...r));
  }
  return failed ? 1 : 0;
}

process.exitCode = await main();
