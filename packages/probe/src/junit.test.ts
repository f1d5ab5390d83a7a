import { describe, expect, it } from '@jest/globals';
import { escapeXml, toJunitXml } from './junit.js';
import type { CheckResult } from './probe.js';

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITY_VALUES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(\w+);/g, (whole, name: string) => {
    const value = ENTITY_VALUES[name];
    if (value === undefined) throw new Error(`unknown entity ${whole}`);
    return value;
  });
}

/**
 * Enough of an XML parser to check the report's shape: the prolog, properly nested elements, quoted
 * attributes and the five predefined entities. Throws on anything else, so malformed output fails the test.
 */
function parseXml(xml: string): XmlElement {
  const prolog = '<?xml version="1.0" encoding="UTF-8"?>\n';
  if (!xml.startsWith(prolog)) throw new Error('missing XML prolog');
  const token = /<(\/?)([A-Za-z][\w-]*)((?:\s+[\w-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/y;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  token.lastIndex = prolog.length;
  while (token.lastIndex < xml.length) {
    const at = token.lastIndex;
    const match = token.exec(xml);
    if (!match) throw new Error(`not XML at offset ${at}: ${JSON.stringify(xml.slice(at, at + 40))}`);
    const [, closing, name, attributeText, selfClosing, text] = match;
    if (text !== undefined) {
      if (/[&](?!(amp|lt|gt|quot|apos);)/.test(text)) throw new Error(`bare & in ${JSON.stringify(text)}`);
      const top = stack.at(-1);
      if (top) top.text += decodeEntities(text);
      else if (text.trim() !== '') throw new Error(`text outside the root: ${JSON.stringify(text)}`);
      continue;
    }
    if (closing) {
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name}>`);
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const [, key, value] of attributeText.matchAll(/([\w-]+)="([^"]*)"/g)) {
      if (key in attributes) throw new Error(`duplicate attribute ${key}`);
      attributes[key] = decodeEntities(value);
    }
    const element: XmlElement = { name, attributes, children: [], text: '' };
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else if (root) throw new Error('two root elements');
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (stack.length > 0) throw new Error(`<${stack.at(-1)?.name}> is never closed`);
  if (!root) throw new Error('no root element');
  return root;
}

function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}

function result(overrides: Partial<CheckResult> & Pick<CheckResult, 'name' | 'status'>): CheckResult {
  return { set: 'rfc2131', durationMs: 12, sent: [], received: [], notes: [], ...overrides };
}

const RESULTS: CheckResult[] = [
  result({
    name: 'offer carries the server identifier',
    status: 'pass',
    rfc: 'RFC 2131 4.3.1',
    durationMs: 1234.4,
    sent: ['+0.000 DHCP discover xid=0x1 from 02:00:00:00:00:01'],
    received: ['+0.004 DHCP offer 198.18.7.100 from 198.18.7.1'],
    notes: ['offer came by broadcast'],
  }),
  result({
    name: 'lease time <= "configured" & T1 < T2',
    status: 'fail',
    message: 'ACK does not match\nsecond line',
    differences: [
      { path: 'DHCP.options.lease_time', expected: 3600, actual: 600 },
      { path: 'DHCP.options.renewal_time', expected: 1800, actual: undefined },
      { path: 'BOOTP.chaddr', expected: new Uint8Array([2, 0, 0, 0, 0, 1]), actual: '<x>' },
    ],
    sent: ['+0.000 DHCP request'],
    received: ['+0.010 DHCP ack <bad>'],
  }),
  result({ name: 'relay', set: 'relay-agent', status: 'skip', message: 'no relayAddress in the target' }),
  result({ name: 'control \u0001 chars and \ud800 lone surrogate', set: 'relay-agent', status: 'pass' }),
];

describe('toJunitXml', () => {
  const xml = toJunitXml(RESULTS, { name: 'lab kea', timestamp: new Date('2024-05-01T10:20:30.456Z') });
  const root = parseXml(xml);

  it('writes one testsuites root with totals over every check', () => {
    expect(root.name).toBe('testsuites');
    expect(root.attributes).toEqual({
      name: 'lab kea',
      tests: '4',
      failures: '1',
      errors: '0',
      skipped: '1',
      time: '1.270',
    });
  });

  it('groups checks into one testsuite per set, in order of arrival, with per-suite counts', () => {
    expect(root.children.map((s) => [s.name, s.attributes.name, s.attributes.tests])).toEqual([
      ['testsuite', 'rfc2131', '2'],
      ['testsuite', 'relay-agent', '2'],
    ]);
    expect(root.children[0].attributes).toMatchObject({ failures: '1', skipped: '0', time: '1.246' });
    expect(root.children[1].attributes).toMatchObject({ failures: '0', skipped: '1' });
    expect(root.children[0].attributes.timestamp).toBe('2024-05-01T10:20:30');
  });

  it('writes a passing check with its time in seconds, its RFC as a property and its notes and frames', () => {
    const passing = root.children[0].children[0];
    expect(passing.attributes).toEqual({
      name: 'offer carries the server identifier',
      classname: 'rfc2131',
      time: '1.234',
    });
    expect(child(passing, 'failure')).toBeUndefined();
    expect(child(child(passing, 'properties')!, 'property')?.attributes).toEqual({
      name: 'rfc',
      value: 'RFC 2131 4.3.1',
    });
    expect(child(passing, 'system-out')?.text).toBe(
      [
        'offer came by broadcast',
        'sent:',
        '  +0.000 DHCP discover xid=0x1 from 02:00:00:00:00:01',
        'received:',
        '  +0.004 DHCP offer 198.18.7.100 from 198.18.7.1',
      ].join('\n'),
    );
  });

  it('writes a failure with the first message line as attribute and differences and frames as text', () => {
    const failing = root.children[0].children[1];
    expect(failing.attributes.name).toBe('lease time <= "configured" & T1 < T2');
    const failure = child(failing, 'failure');
    expect(failure?.attributes).toEqual({ message: 'ACK does not match', type: 'mismatch' });
    expect(failure?.text).toBe(
      [
        'ACK does not match',
        'second line',
        '',
        'differences:',
        '  DHCP.options.lease_time: expected 3600, got 600',
        '  DHCP.options.renewal_time: expected 1800, got absent',
        '  BOOTP.chaddr: expected 020000000001, got "<x>"',
        '',
        'sent:',
        '  +0.000 DHCP request',
        '',
        'received:',
        '  +0.010 DHCP ack <bad>',
      ].join('\n'),
    );
  });

  it('lists only the differences of fields the message does not already name', () => {
    const [failure] = parseXml(
      toJunitXml([
        result({
          name: 'x',
          status: 'fail',
          message: 'OFFER does not match:\n  IP.dst is 198.18.0.100, expected 198.18.0.9',
          differences: [
            { path: 'IP.dst', expected: '198.18.0.9', actual: '198.18.0.100' },
            { path: 'IP.ttl', expected: 64, actual: 128 },
          ],
        }),
      ]),
    ).children[0].children[0].children;
    expect(failure.text).toBe(
      'OFFER does not match:\n  IP.dst is 198.18.0.100, expected 198.18.0.9\n\ndifferences:\n  IP.ttl: expected 64, got 128',
    );
  });

  it('writes a skipped check with its reason', () => {
    const skipped = root.children[1].children[0];
    expect(skipped.children.map((c) => c.name)).toEqual(['skipped']);
    expect(skipped.children[0].attributes.message).toBe('no relayAddress in the target');
  });

  it('keeps characters XML 1.0 cannot carry visible as \\u escapes', () => {
    expect(root.children[1].children[1].attributes.name).toBe(
      'control \\u0001 chars and \\ud800 lone surrogate',
    );
    expect(escapeXml('a\u{1F600}b')).toBe('a\u{1F600}b');
    expect(escapeXml('\t\n\r')).toBe('\t\n\r');
    expect(escapeXml('\udc00x\ud83d')).toBe('\\udc00x\\ud83d');
    expect(escapeXml('\u0000\ufffe')).toBe('\\u0000\\ufffe');
  });

  it('writes an empty but valid document for no results', () => {
    const empty = parseXml(toJunitXml([]));
    expect(empty.attributes).toMatchObject({ name: 'wirecraft probe', tests: '0', time: '0.000' });
    expect(empty.children).toEqual([]);
  });
});
