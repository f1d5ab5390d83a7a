import { BOOTP, type JsonValue, type Packet } from '@wirecraft/packet';
import type { FieldDifference } from './match.js';

/**
 * Fields that change from one run to the next even against the same server: the address handed out and
 * what is derived from the bytes (lengths, checksums, IP id, padding). They are listed apart, never hidden.
 */
export const VARIABLE_FIELDS: ReadonlySet<string> = new Set([
  'BOOTP.yiaddr',
  'IP.id',
  'IP.len',
  'IP.chksum',
  'UDP.len',
  'UDP.chksum',
  'DHCP.trailing',
  'Padding.load',
]);

export interface ReplyDiff {
  /** Recorded (expected) vs live (actual) values that should have been equal. */
  differences: FieldDifference[];
  /** Differences in fields expected to vary (VARIABLE_FIELDS, and IP.dst when it is the offered address). */
  variable: FieldDifference[];
}

/** Options that carry no value of their own. */
const SKIPPED_OPTIONS = new Set(['pad', 'end']);

function sameJson(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

type FieldMap = Map<string, JsonValue>;

/** Every field of every layer as 'Layer.field' (DHCP options as 'DHCP.options.name'), in wire order. */
function flatten(packet: Packet): FieldMap {
  const fields: FieldMap = new Map();
  const seenLayers = new Map<string, number>();
  for (const layer of packet.layers) {
    const json = layer.toJSON();
    const count = seenLayers.get(json.name) ?? 0;
    seenLayers.set(json.name, count + 1);
    // A second layer of the same name (IP in IP, stacked VLANs) gets its index: 'IP[1].src'.
    const prefix = count === 0 ? json.name : `${json.name}[${count}]`;
    for (const [name, value] of Object.entries(json.fields)) {
      if (json.name === 'DHCP' && name === 'options' && Array.isArray(value)) {
        for (const option of value) {
          const entry = option as { name?: string; code?: number; value?: JsonValue };
          const optionName = entry.name ?? String(entry.code);
          if (SKIPPED_OPTIONS.has(optionName)) continue;
          let path = `${prefix}.options.${optionName}`;
          for (let n = 1; fields.has(path); n++) path = `${prefix}.options.${optionName}[${n}]`;
          fields.set(path, entry.value ?? null);
        }
        continue;
      }
      fields.set(`${prefix}.${name}`, value);
    }
  }
  return fields;
}

/** Field-by-field comparison of a recorded answer with the live answer to the same client message. */
export function diffReplies(recorded: Packet, live: Packet): ReplyDiff {
  const expected = flatten(recorded);
  const actual = flatten(live);
  const variable = new Set(VARIABLE_FIELDS);
  // A reply unicast to the offered address varies with that address.
  const recordedYiaddr = recorded.get(BOOTP)?.yiaddr;
  const liveYiaddr = live.get(BOOTP)?.yiaddr;
  if (expected.get('IP.dst') === recordedYiaddr && actual.get('IP.dst') === liveYiaddr)
    variable.add('IP.dst');
  const result: ReplyDiff = { differences: [], variable: [] };
  const paths = [...expected.keys(), ...[...actual.keys()].filter((p) => !expected.has(p))];
  for (const path of paths) {
    const e = expected.get(path);
    const a = actual.get(path);
    if (sameJson(e, a)) continue;
    const difference: FieldDifference = { path, expected: e, actual: a };
    if (variable.has(path)) result.variable.push(difference);
    else result.differences.push(difference);
  }
  return result;
}
