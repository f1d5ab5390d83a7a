import { canonicalMac, DHCP, type Layer, type Packet, requireLayerType } from '@wirecraft/packet';
import { isAsymmetricMatcher, isPlainObject, valuesEqual } from './value-compare.js';

/** One field that differs; path like 'IP.dst' or 'DHCP.options.lease_time'. */
export interface FieldDifference {
  path: string;
  expected: unknown;
  actual: unknown;
}

/** Partial expectations by layer name, e.g. { BOOTP: { op: 2 }, DHCP: { options: { 'message-type': 'offer' } } }. */
export type PacketPattern = { [layer: string]: Record<string, unknown> | undefined };

/** What a difference says about a layer the packet lacks. */
export const LAYER_PRESENT = 'present';

/**
 * The fields where `actual` differs from a partial pattern; empty when it matches. Layers are found by
 * name (the first of each); a layer given as `undefined` or `{}` only has to be present. Field values are
 * normalized the way the layer would store them (enum names, MAC and address text), DHCP options are
 * read with getOption (names or codes; `undefined` means the option must be absent), nested objects match
 * partially, lists exactly. jest asymmetric matchers and predicates work in place of values. An unknown
 * layer, field or option name, or a value the field could never hold, throws the packet library's error.
 */
export function matchPacket(actual: Packet, pattern: PacketPattern): FieldDifference[] {
  const differences: FieldDifference[] = [];
  for (const [layerName, fields] of Object.entries(pattern)) {
    const type = requireLayerType(layerName);
    const layer = actual.get(type);
    if (!layer) {
      differences.push({
        path: type.layerName,
        expected: LAYER_PRESENT,
        actual: actual.layerNames().join(' / '),
      });
      continue;
    }
    if (fields === undefined) continue;
    for (const [fieldName, expected] of Object.entries(fields)) {
      if (type === DHCP && fieldName === 'options' && isPlainObject(expected)) {
        matchOptions(layer, expected, differences);
      } else {
        matchField(layer, fieldName, expected, differences);
      }
    }
  }
  return differences;
}

function matchField(layer: Layer, fieldName: string, expected: unknown, out: FieldDifference[]): void {
  const actual = naturalForm(fieldName, layer.getField(fieldName));
  const path = `${layer.def.name}.${fieldName}`;
  if (isFreeForm(expected)) {
    if (!valuesEqual(expected, actual)) out.push({ path, expected, actual });
    return;
  }
  const index = layer.def.fieldIndex.get(fieldName) ?? -1;
  const normalized = naturalForm(
    fieldName,
    layer.def.fields[index].normalize(expected as never, layer.def.name),
  );
  if (!valuesEqual(normalized, actual)) out.push({ path, expected: normalized, actual });
}

/** getOption/setOption without the per-name typing: pattern keys are only known at run time. */
interface OptionAccess {
  getOption(option: string | number): unknown;
  setOption(option: string | number, value: unknown): unknown;
}

function matchOptions(layer: Layer, expected: Record<string, unknown>, out: FieldDifference[]): void {
  const dhcp = layer as unknown as OptionAccess;
  for (const [option, value] of Object.entries(expected)) {
    const key = /^\d+$/.test(option) ? Number(option) : option;
    const actual: unknown = dhcp.getOption(key);
    const path = `DHCP.options.${option}`;
    if (value === undefined) {
      if (actual !== undefined) out.push({ path, expected: undefined, actual });
      continue;
    }
    if (isPlainObject(value) && isPlainObject(actual)) {
      matchPartial(path, value, actual, out);
      continue;
    }
    const normalized = isFreeForm(value) || isPlainObject(value) ? value : normalizeOption(key, value);
    if (!valuesEqual(normalized, actual)) out.push({ path, expected: normalized, actual });
  }
}

/** Nested objects (client_id, client_FQDN…) match on the keys the pattern gives. */
function matchPartial(
  path: string,
  expected: Record<string, unknown>,
  actual: Record<string, unknown>,
  out: FieldDifference[],
): void {
  for (const [key, value] of Object.entries(expected)) {
    const inner = actual[key];
    if (isPlainObject(value) && isPlainObject(inner)) matchPartial(`${path}.${key}`, value, inner, out);
    else if (!valuesEqual(value, inner)) out.push({ path: `${path}.${key}`, expected: value, actual: inner });
  }
}

/** The option's value as getOption would return it (e.g. message type 2 -> 'offer'); throws on bad input. */
export function normalizeOption(option: string | number, value: unknown): unknown {
  const scratch = DHCP({ options: [] }) as unknown as OptionAccess;
  scratch.setOption(option, value);
  return scratch.getOption(option);
}

function isFreeForm(expected: unknown): boolean {
  return isAsymmetricMatcher(expected) || typeof expected === 'function';
}

/** chaddr holding a MAC reads as MAC text, the form a pattern gives it in. */
function naturalForm(fieldName: string, value: unknown): unknown {
  if (fieldName !== 'chaddr' || !(value instanceof Uint8Array) || value.length !== 16) return value;
  for (let i = 6; i < 16; i++) if (value[i] !== 0) return value;
  return canonicalMac(value.subarray(0, 6)) ?? value;
}
