/**
 * DHCP (RFC 2131) options after the BOOTP header and magic cookie, with the full IANA option registry
 * (RFC 2132 and later; see dhcp/registry.ts), RFC 3396 long options and option overload (52).
 *
 * @example Construction: scapy-shaped pairs, or an object (names autocomplete; a wrong value type for a
 * named option is a compile error). 'end' is appended when absent.
 * ```ts
 * DHCP({ options: [['message-type', 'discover'], ['param_req_list', [1, 3, 6]], 'end'] });
 * DHCP({ options: { 'message-type': 'ack', lease_time: 3600, router: ['192.0.2.1'], domain: 'example.' } });
 * DHCP({ options: [['client_id', { type: 1, id: '02:00:00:00:00:01' }], [224, Uint8Array.of(1, 2)]] });
 * ```
 * @example Reading and writing by name or code:
 * ```ts
 * const dhcp = dissect(frame).layer(DHCP);
 * dhcp.getOption('lease_time');          // number | undefined
 * dhcp.getOption('router');              // string[] | undefined
 * dhcp.setOption('router', ['192.0.2.1']).deleteOption('hostname');
 * dhcp.hasOption(51);
 * ```
 */
import { bindLayers } from '../bind.js';
import { bytesEqual, toHex } from '../hex.js';
import type { JsonValue } from '../field/spec.js';
import { defineLayer, type Layer } from '../layer.js';
import type { DhcpMessageTypeName } from '../dhcp/codecs/message-type.js';
import { DhcpOptionValueError } from '../dhcp/option-codec.js';
import {
  type DhcpOptionList,
  type DhcpOptionView,
  entryRepr,
  normalizeValue,
  markSplitHeads,
  optionListFromJson,
  resolveCode,
} from '../dhcp/option-list.js';
import type {
  DhcpOptionCode,
  DhcpOptionInput,
  DhcpOptionName,
  DhcpOptionNameOf,
  DhcpOptionValue,
} from '../dhcp/option-types.js';
import {
  decodeAggregate,
  decodeOptions,
  encodedLength,
  encodeOptions,
  newSplitState,
  type OptionArea,
  type SplitState,
} from '../dhcp/option-wire.js';
import { FILE_SIZE, layoutOverload, overloadRequested, SNAME_SIZE } from '../dhcp/overload-layout.js';
import { dhcpOptions } from '../dhcp/options-field.js';
import { BOOTP, DHCP_MAGIC_COOKIE } from './bootp.js';

/** Typed access to a DHCP layer's options, by registry name or code. */
export interface DhcpOptionAccess {
  /** The option's value (typed by name), looked up in options, then overloaded file and sname. */
  getOption<N extends DhcpOptionName>(name: N): DhcpOptionValue<N> | undefined;
  getOption<C extends DhcpOptionCode>(code: C): DhcpOptionValue<DhcpOptionNameOf<C>> | undefined;
  /** Unregistered codes read as bytes. */
  getOption(code: number): unknown;
  /** Validates and sets a value, replacing the option where it is, else inserting it before 'end'. */
  setOption<N extends DhcpOptionName>(name: N, value: DhcpOptionInput<N>): this;
  setOption<C extends DhcpOptionCode>(code: C, value: DhcpOptionInput<DhcpOptionNameOf<C>>): this;
  setOption(code: number, value: Uint8Array): this;
  /** Removes every instance of the option; true when there was one. */
  deleteOption(option: DhcpOptionName | number): boolean;
  hasOption(option: DhcpOptionName | number): boolean;
  /** Option 53 as a name ('discover'), a number for unknown types, undefined when absent. */
  readonly messageType: DhcpMessageTypeName | number | undefined;
  /** The options in wire order, with pads and end, for iteration. */
  optionEntries(): DhcpOptionView[];
}

const OPTIONS = 0;
const MESSAGE_TYPE = 53;
const OVERLOAD = 52;
const FILE_OFFSET = 108;
const SNAME_OFFSET = 44;

function listOf(layer: Layer): DhcpOptionList {
  return layer.values[OPTIONS] as DhcpOptionList;
}

/** The layer's own list, copied first when it is the shared default. */
function ownList(layer: Layer): DhcpOptionList {
  let list = listOf(layer);
  if (list.isFrozen) {
    list = list.copy();
    layer.values[OPTIONS] = list;
  }
  return list;
}

const access = {
  getOption(this: Layer, option: string | number): unknown {
    return listOf(this).get(resolveCode(option));
  },
  setOption(this: Layer, option: string | number, value: unknown) {
    const code = resolveCode(option);
    ownList(this).set(code, normalizeValue(code, value));
    return this;
  },
  deleteOption(this: Layer, option: string | number): boolean {
    return ownList(this).delete(resolveCode(option));
  },
  hasOption(this: Layer, option: string | number): boolean {
    return listOf(this).has(resolveCode(option));
  },
  get messageType() {
    return listOf(this as unknown as Layer).get(MESSAGE_TYPE) as DhcpMessageTypeName | number | undefined;
  },
  optionEntries(this: Layer): DhcpOptionView[] {
    return listOf(this).entries();
  },
} as unknown as DhcpOptionAccess;

function writeOverloadArea(
  area: DhcpOptionList,
  out: Uint8Array,
  offset: number,
  size: number,
  field: string,
  later: readonly DhcpOptionList[],
  state: SplitState,
): void {
  const n = encodedLength(area, later, state);
  // Zeros after 'end' are the field's padding: they give way when the options grow.
  const droppable = area.trailing.every((b) => b === 0) ? area.trailing.length : 0;
  if (n - droppable > size)
    throw new DhcpOptionValueError(
      'dhcp-option-overload',
      n - droppable,
      `the options overloaded into BOOTP ${field} take ${n - droppable} bytes; the field has ${size}`,
    );
  const end = encodeOptions(area, out, offset, n <= size, later, state);
  out.fill(0, end, offset + size);
}

/** The areas after the options field that hold options of this list (file before sname). */
function laterAreas(list: DhcpOptionList): DhcpOptionList[] {
  const later: DhcpOptionList[] = [];
  if (list.file) later.push(list.file);
  if (list.sname) later.push(list.sname);
  return later;
}

function optionsLength(list: DhcpOptionList): number {
  if (list.file || list.sname) return encodedLength(list, laterAreas(list), newSplitState());
  const overload = overloadRequested(list);
  if (overload === 0) return encodedLength(list);
  return layoutOverload(list, overload)?.options.length ?? encodedLength(list);
}

function writeFlowedArea(bytes: Uint8Array | undefined, out: Uint8Array, offset: number, size: number): void {
  if (!bytes) return;
  out.set(bytes, offset);
  out.fill(0, offset + bytes.length, offset + size);
}

export const DHCP = defineLayer(
  {
    name: 'DHCP',
    rfc: 'RFC 2131 / RFC 2132 / RFC 3396',
    fields: [dhcpOptions('options')],
    headerLength: (layer) => optionsLength(listOf(layer)),
    writeExtra(values, _layer, out, offset, ctx) {
      const list = values[OPTIONS] as DhcpOptionList;
      const onBootp = ctx.prev?.def === BOOTP.def;
      if (list.file || list.sname) {
        // One split state over the aggregate: a head here may continue in file or sname (RFC 3396).
        const state = newSplitState();
        const later = laterAreas(list);
        encodeOptions(list, out, offset, true, later, state);
        if (!onBootp) return;
        const bootp = ctx.offsets[ctx.index - 1];
        if (list.file)
          writeOverloadArea(list.file, out, bootp + FILE_OFFSET, FILE_SIZE, 'file', later.slice(1), state);
        if (list.sname)
          writeOverloadArea(list.sname, out, bootp + SNAME_OFFSET, SNAME_SIZE, 'sname', [], state);
        return;
      }
      const overload = overloadRequested(list);
      const layout = overload === 0 ? undefined : layoutOverload(list, overload);
      if (!layout) {
        encodeOptions(list, out, offset);
        return;
      }
      if (!onBootp)
        throw new DhcpOptionValueError(
          'dhcp-option-overload',
          overload,
          'options overloaded into file/sname need a BOOTP layer under DHCP',
        );
      out.set(layout.options, offset);
      const bootp = ctx.offsets[ctx.index - 1];
      writeFlowedArea(layout.file, out, bootp + FILE_OFFSET, FILE_SIZE);
      writeFlowedArea(layout.sname, out, bootp + SNAME_OFFSET, SNAME_SIZE);
    },
    decode(bytes, offset, ctx): Layer | undefined {
      const problemsBefore = ctx.problems.length;
      let list = decodeOptions(bytes, offset, ctx.end, ctx.problems);
      const prev = ctx.layers[ctx.layers.length - 1];
      const overload = list.get(OVERLOAD);
      if ((overload === 1 || overload === 2 || overload === 3) && prev?.def === BOOTP.def) {
        // BOOTP took exactly 240 bytes (header and cookie), so its fields sit at fixed distances before us.
        const bootp = offset - 240;
        // RFC 3396 §5: the aggregate option buffer is the options field, then file, then sname.
        const areas: OptionArea[] = [{ start: offset, end: ctx.end }];
        if (overload & 1) areas.push({ start: bootp + FILE_OFFSET, end: bootp + FILE_OFFSET + FILE_SIZE });
        if (overload & 2) areas.push({ start: bootp + SNAME_OFFSET, end: bootp + SNAME_OFFSET + SNAME_SIZE });
        ctx.problems.length = problemsBefore;
        const lists = decodeAggregate(bytes, areas, ctx.problems);
        list = lists[0];
        if (overload & 1) list.file = lists[1];
        if (overload & 2) list.sname = lists[overload === 3 ? 2 : 1];
      }
      ctx.headerLength = ctx.end - offset;
      ctx.next = undefined;
      return DHCP.def.create([list]);
    },
    summary(layer) {
      const type = listOf(layer).get(MESSAGE_TYPE);
      if (type === undefined) return 'DHCP';
      const text = String(type);
      // scapy's mysummary: the name capitalized ('DHCP Discover', 'DHCP Lease_query').
      return `DHCP ${text.charAt(0).toUpperCase()}${text.slice(1)}`;
    },
    // The options line (the field's repr) lists the options area; only the overloaded areas are added here.
    showExtra(layer, indent) {
      const list = listOf(layer);
      const lines: string[] = [];
      const area = (title: string, l: DhcpOptionList) => {
        lines.push(`${indent}${title}:`);
        for (let i = 0; i < l.codes.length; i++)
          lines.push(`${indent}  ${entryRepr(l.codes[i], l.values[i], l.kinds[i])}`);
        if (l.trailing.length > 0) lines.push(`${indent}  (${l.trailing.length} bytes after end)`);
      };
      if (list.trailing.length > 0) lines.push(`${indent}(${list.trailing.length} bytes after end)`);
      if (list.file) area('options overloaded into file', list.file);
      if (list.sname) area('options overloaded into sname', list.sname);
      return lines;
    },
    toJSON(layer) {
      const list = listOf(layer);
      const json: Record<string, JsonValue> = { options: list.toJSON() };
      if (list.trailing.length > 0) json.trailing = toHex(list.trailing);
      if (list.file) json.file_options = list.file.toJSON();
      if (list.file && list.file.trailing.length > 0) json.file_trailing = toHex(list.file.trailing);
      if (list.sname) json.sname_options = list.sname.toJSON();
      if (list.sname && list.sname.trailing.length > 0) json.sname_trailing = toHex(list.sname.trailing);
      return json;
    },
    fromJSON(fields): Layer {
      const list = optionListFromJson(fields.options ?? null, fields.trailing);
      if (fields.file_options !== undefined)
        list.file = optionListFromJson(fields.file_options, fields.file_trailing);
      if (fields.sname_options !== undefined)
        list.sname = optionListFromJson(fields.sname_options, fields.sname_trailing);
      if (list.file || list.sname) markSplitHeads([list, ...laterAreas(list)]);
      return DHCP.def.create([list]);
    },
    copyValue: (_name, value) => (value as DhcpOptionList).copy(),
  },
  access,
);

export type DhcpLayer = ReturnType<typeof DHCP>;

const COOKIE = { options: DHCP_MAGIC_COOKIE } as const;

bindLayers(BOOTP, DHCP, {
  build: () => COOKIE,
  match: (bootp) => bootp.options !== undefined && bytesEqual(bootp.options, DHCP_MAGIC_COOKIE),
});
