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
import { decodeOptions, encodedLength, encodeOptions } from '../dhcp/option-wire.js';
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
): void {
  const n = encodedLength(area);
  // Zeros after 'end' are the field's padding: they give way when the options grow.
  const droppable = area.trailing.every((b) => b === 0) ? area.trailing.length : 0;
  if (n - droppable > size)
    throw new DhcpOptionValueError(
      'dhcp-option-overload',
      n - droppable,
      `the options overloaded into BOOTP ${field} take ${n - droppable} bytes; the field has ${size}`,
    );
  const end = encodeOptions(area, out, offset, n <= size);
  out.fill(0, end, offset + size);
}

export const DHCP = defineLayer(
  {
    name: 'DHCP',
    rfc: 'RFC 2131 / RFC 2132 / RFC 3396',
    fields: [dhcpOptions('options')],
    headerLength: (layer) => encodedLength(listOf(layer)),
    writeExtra(values, _layer, out, offset, ctx) {
      const list = values[OPTIONS] as DhcpOptionList;
      encodeOptions(list, out, offset);
      if ((list.file || list.sname) && ctx.prev?.def === BOOTP.def) {
        const bootp = ctx.offsets[ctx.index - 1];
        if (list.file) writeOverloadArea(list.file, out, bootp + FILE_OFFSET, 128, 'file');
        if (list.sname) writeOverloadArea(list.sname, out, bootp + SNAME_OFFSET, 64, 'sname');
      }
    },
    decode(bytes, offset, ctx): Layer | undefined {
      const list = decodeOptions(bytes, offset, ctx.end, ctx.problems);
      const prev = ctx.layers[ctx.layers.length - 1];
      const overload = list.get(OVERLOAD);
      if (typeof overload === 'number' && prev?.def === BOOTP.def) {
        // BOOTP took exactly 240 bytes (header and cookie), so its fields sit at fixed distances before us.
        const bootp = offset - 240;
        if (overload === 1 || overload === 3)
          list.file = decodeOptions(bytes, bootp + FILE_OFFSET, bootp + FILE_OFFSET + 128, ctx.problems);
        if (overload === 2 || overload === 3)
          list.sname = decodeOptions(bytes, bootp + SNAME_OFFSET, bootp + SNAME_OFFSET + 64, ctx.problems);
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
