import type { FieldDifference } from './match.js';
import type { CheckResult } from './probe.js';

export interface JunitOptions {
  /** The name of the <testsuites> root, e.g. the target that was probed. Default 'wirecraft probe'. */
  name?: string;
  /** Written on every <testsuite> as ISO 8601 (CI tools show it as the run time). */
  timestamp?: Date;
}

// XML 1.0 has no escape for most C0 controls, U+FFFE/U+FFFF or unpaired surrogates: a server's bytes
// can put them into a message, so they are written out as visible \uXXXX text instead.
function isXmlChar(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code < 0x20) return code === 0x09 || code === 0x0a || code === 0x0d;
  if (code === 0xfffe || code === 0xffff) return false;
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = text.charCodeAt(index + 1);
    return next >= 0xdc00 && next <= 0xdfff;
  }
  if (code >= 0xdc00 && code <= 0xdfff) {
    const previous = text.charCodeAt(index - 1);
    return previous >= 0xd800 && previous <= 0xdbff;
  }
  return true;
}

function visibleXmlChars(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (isXmlChar(text, i)) continue;
    out += `${text.slice(from, i)}\\u${text.charCodeAt(i).toString(16).padStart(4, '0')}`;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

const XML_SPECIAL = /[&<>"']/g;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text safe both as element content and inside a double-quoted attribute. */
export function escapeXml(text: string): string {
  return visibleXmlChars(text).replace(XML_SPECIAL, (c) => ENTITIES[c]);
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

function formatValue(value: unknown): string {
  if (value === undefined) return 'absent';
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  try {
    return JSON.stringify(value, (_key, v: unknown) =>
      v instanceof Uint8Array ? Buffer.from(v).toString('hex') : typeof v === 'bigint' ? v.toString() : v,
    );
  } catch {
    return String(value);
  }
}

/** One line per difference: `DHCP.options.lease_time: expected 3600, got 600`. */
export function formatDifference(difference: FieldDifference): string {
  return `${difference.path}: expected ${formatValue(difference.expected)}, got ${formatValue(difference.actual)}`;
}

/** The readable failure body: reason, field differences, then the frames the check sent and received. */
export function failureDetails(result: CheckResult): string {
  const lines: string[] = [];
  if (result.message) lines.push(result.message);
  // Assertion messages usually name the fields that differ already: never print a field twice.
  const unlisted = (result.differences ?? []).filter((d) => !result.message?.includes(d.path));
  if (unlisted.length > 0) {
    lines.push('', 'differences:', ...unlisted.map((d) => `  ${formatDifference(d)}`));
  }
  if (result.sent.length > 0) lines.push('', 'sent:', ...result.sent.map((s) => `  ${s}`));
  if (result.received.length > 0) lines.push('', 'received:', ...result.received.map((s) => `  ${s}`));
  return lines.join('\n');
}

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join('');
}

function testcase(result: CheckResult): string {
  const open = `    <testcase${attributes({
    name: result.name,
    classname: result.set,
    time: seconds(result.durationMs),
  })}`;
  const inner: string[] = [];
  if (result.rfc) {
    inner.push(`      <properties><property${attributes({ name: 'rfc', value: result.rfc })}/></properties>`);
  }
  if (result.status === 'fail') {
    const message = result.message ?? 'failed';
    inner.push(
      `      <failure${attributes({ message: message.split('\n')[0], type: result.differences?.length ? 'mismatch' : 'failure' })}>${escapeXml(failureDetails(result))}</failure>`,
    );
  } else if (result.status === 'skip') {
    inner.push(`      <skipped${attributes({ message: result.message ?? 'skipped' })}/>`);
  }
  const out: string[] = [...result.notes];
  if (result.status !== 'fail') {
    if (result.sent.length > 0) out.push('sent:', ...result.sent.map((s) => `  ${s}`));
    if (result.received.length > 0) out.push('received:', ...result.received.map((s) => `  ${s}`));
  }
  if (out.length > 0) inner.push(`      <system-out>${escapeXml(out.join('\n'))}</system-out>`);
  return inner.length === 0 ? `${open}/>` : `${open}>\n${inner.join('\n')}\n    </testcase>`;
}

interface SuiteCounts {
  tests: number;
  failures: number;
  skipped: number;
  ms: number;
}

function count(results: readonly CheckResult[]): SuiteCounts {
  let failures = 0;
  let skipped = 0;
  let ms = 0;
  for (const r of results) {
    if (r.status === 'fail') failures++;
    else if (r.status === 'skip') skipped++;
    ms += r.durationMs;
  }
  return { tests: results.length, failures, skipped, ms };
}

/**
 * JUnit XML (the dialect Jenkins, GitLab and GitHub test reporters read): one <testsuite> per probe set, in
 * the order results arrived; a failure carries its message as attribute and the details as text.
 */
export function toJunitXml(results: readonly CheckResult[], options: JunitOptions = {}): string {
  const bySet = new Map<string, CheckResult[]>();
  for (const result of results) {
    const list = bySet.get(result.set);
    if (list) list.push(result);
    else bySet.set(result.set, [result]);
  }
  const total = count(results);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({
      name: options.name ?? 'wirecraft probe',
      tests: total.tests,
      failures: total.failures,
      errors: 0,
      skipped: total.skipped,
      time: seconds(total.ms),
    })}>`,
  ];
  for (const [set, setResults] of bySet) {
    const counts = count(setResults);
    lines.push(
      `  <testsuite${attributes({
        name: set,
        tests: counts.tests,
        failures: counts.failures,
        errors: 0,
        skipped: counts.skipped,
        time: seconds(counts.ms),
        ...(options.timestamp ? { timestamp: options.timestamp.toISOString().replace(/\.\d+Z$/, '') } : {}),
      })}>`,
      ...setResults.map(testcase),
      '  </testsuite>',
    );
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}
