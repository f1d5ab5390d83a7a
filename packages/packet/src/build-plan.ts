/**
 * Build plans: buildInto's passes unrolled for one stack of layer types (Ether/IP/UDP/BOOTP/DHCP, ...).
 *
 * The generic builder loops over layers of every type, so each of its call sites (a layer's fill, its
 * fixed-field writer, its checksum) sees every type: V8 makes them megamorphic and inlines nothing. A plan
 * is generated source with one call site per layer position, each of which only ever sees its own type's
 * hooks. It does exactly what the generic loop does, step for step and in the same order (so errors and
 * bytes are the same), with what depends only on the types resolved once: fixed header lengths, bindings
 * between neighbours, trailing Padding, which hooks exist.
 */
import { bindingOf } from './bind.js';
import type { BuildContext, Layer, LayerDefinition } from './layer.js';
import type { Packet } from './packet.js';

/** Runs the build of one packet whose layers have exactly the plan's types. */
export type BuildPlanRun = (
  layers: readonly Layer[],
  packet: Packet,
  out: Uint8Array | undefined,
  offset: number,
  ctx: BuildContext & { packet: Packet; index: number; payloadLength: number; next?: Layer; prev?: Layer },
) => Uint8Array;

export interface BuildPlan {
  readonly defs: readonly LayerDefinition[];
  readonly run: BuildPlanRun;
}

/** Per position: what the generated source refers to by name. */
interface PositionHelpers {
  def: LayerDefinition;
  defaults: readonly unknown[];
  binding: { fill(values: unknown[], upper: Layer): void } | undefined;
}

function lengthSource(def: LayerDefinition, i: number, n: number): string {
  const next = i + 1 < n ? `L${i + 1}` : 'undefined';
  if (def.spec.headerLength) return `H${i}(L${i}, ${next})`;
  if (def.tailFields.length === 0) return String(def.fixedSize);
  const parts = def.tailFields.map((f) => `(L${i}.values[${f}]?.length ?? 0)`);
  return `${def.fixedSize} + ${parts.join(' + ')}`;
}

function layerSource(def: LayerDefinition, i: number, n: number, hasBinding: boolean): string {
  const next = i + 1 < n ? `L${i + 1}` : 'undefined';
  const prev = i > 0 ? `L${i - 1}` : 'undefined';
  const lines = [
    `ctx.index = ${i}; ctx.payloadLength = p${i}; ctx.next = ${next}; ctx.prev = ${prev};`,
    `{ const values = S${i}; const own = L${i}.values; let unset = false;`,
    `for (let f = 0; f < own.length; f++) { const v = own[f]; values[f] = v; if (v === undefined) unset = true; }`,
  ];
  if (hasBinding) lines.push(`if (unset) B${i}.fill(values, ${next});`);
  if (def.spec.fill) lines.push(`F${i}(values, L${i}, ctx);`);
  lines.push(
    `if (unset) { for (let f = 0; f < values.length; f++) if (values[f] === undefined) values[f] = D${i}[f]; }`,
    `W${i}(values, target, o${i});`,
  );
  if (def.spec.writeExtra) lines.push(`X${i}(values, L${i}, target, o${i} + ${def.fixedSize}, ctx);`);
  else if (def.tailFields.length > 0) {
    lines.push(`{ let t = o${i} + ${def.fixedSize};`);
    for (const f of def.tailFields)
      lines.push(`{ const v = values[${f}]; target.set(v, t); t += v.length; }`);
    lines.push('}');
  }
  lines.push('}');
  return lines.join('\n');
}

/** Generates the plan for a stack of layer types (outermost first). */
export function compileBuildPlan(defs: readonly LayerDefinition[]): BuildPlan {
  const n = defs.length;
  let lastReal = n - 1;
  while (lastReal >= 0 && defs[lastReal].name === 'Padding') lastReal--;
  const positions: PositionHelpers[] = defs.map((def, i) => ({
    def,
    defaults: def.fields.map((f) => f.default),
    binding: i + 1 < n ? bindingOf(def, defs[i + 1]) : undefined,
  }));

  const source: string[] = [];
  const names: string[] = [];
  const values: unknown[] = [];
  const bind = (name: string, value: unknown) => {
    names.push(name);
    values.push(value);
  };
  positions.forEach((p, i) => {
    const spec = p.def.spec;
    bind(`S${i}`, p.def.scratch);
    bind(`D${i}`, p.defaults);
    bind(`W${i}`, p.def.writeFixed);
    if (p.binding) bind(`B${i}`, p.binding);
    if (spec.headerLength) bind(`H${i}`, spec.headerLength);
    if (spec.fill) bind(`F${i}`, spec.fill);
    if (spec.writeExtra) bind(`X${i}`, spec.writeExtra);
    if (spec.finish) bind(`Z${i}`, spec.finish);
  });

  for (let i = 0; i < n; i++) source.push(`const L${i} = layers[${i}];`);
  // Lengths innermost first, as the generic builder computes them (a hook may throw: same order, same error).
  for (let i = n - 1; i >= 0; i--) source.push(`const n${i} = ${lengthSource(defs[i], i, n)};`);
  for (let i = n - 1; i >= 0; i--)
    source.push(`const p${i} = ${i >= lastReal || i + 1 >= n ? '0' : `p${i + 1} + n${i + 1}`};`);
  source.push(`const total = ${defs.map((_, i) => `n${i}`).join(' + ') || '0'};`);
  source.push(
    'const target = out ?? new Uint8Array(total);',
    'if (target.length - offset < total) tooSmall(total, offset, target.length);',
  );
  for (let i = 0; i < n; i++) {
    source.push(`const o${i} = ${i === 0 ? 'offset' : `o${i - 1} + n${i - 1}`}; offsets[${i}] = o${i};`);
  }
  source.push('ctx.packet = packet;');
  defs.forEach((def, i) => {
    source.push(layerSource(def, i, n, positions[i].binding !== undefined));
  });
  for (let i = n - 1; i >= 0; i--) {
    if (!defs[i].spec.finish) continue;
    const next = i + 1 < n ? `L${i + 1}` : 'undefined';
    const prev = i > 0 ? `L${i - 1}` : 'undefined';
    source.push(
      `ctx.index = ${i}; ctx.payloadLength = p${i}; ctx.next = ${next}; ctx.prev = ${prev};`,
      `Z${i}(L${i}, target, o${i}, ctx);`,
    );
  }
  source.push('return target;');

  const make = new Function(
    ...names,
    'offsets',
    'tooSmall',
    `return function run(layers, packet, out, offset, ctx) {\n${source.join('\n')}\n};`,
  );
  return { defs, run: make(...values, planOffsets, tooSmall) as BuildPlanRun };
}

/** The offsets every plan writes (a BuildContext's `offsets`): builds are synchronous and not reentrant. */
export const planOffsets = new Int32Array(64);

function tooSmall(total: number, offset: number, length: number): never {
  throw new RangeError(
    `output buffer too small: need ${total} bytes at offset ${offset}, have ${length - offset}`,
  );
}
