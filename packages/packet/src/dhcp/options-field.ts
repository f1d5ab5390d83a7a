import { randomInt } from '../field/random.js';
import type { FieldSpec } from '../field/spec.js';
import type { DhcpOptionsInput } from './option-types.js';
import { DhcpOptionList, optionListFrom } from './option-list.js';
import { decodeOptions, encodeOptions } from './option-wire.js';
import { DHCP_OPTION_TABLE } from './registry.js';

export type DhcpOptionsField<N extends string> = FieldSpec<N, DhcpOptionList, DhcpOptionsInput, false>;

const END = 255;

/** The DHCP options area as one field: typed input, a DhcpOptionList stored (default: just 'end'). */
export function dhcpOptions<N extends string>(name: N): DhcpOptionsField<N> {
  return {
    name,
    size: 0,
    bits: 0,
    auto: false,
    default: new DhcpOptionList([END], [null], [0]).freeze(),
    normalize: (input) => optionListFrom(input),
    write(out, offset, value) {
      encodeOptions(value, out, offset);
    },
    read: (bytes, offset) => decodeOptions(bytes, offset, bytes.length, []),
    repr: (value) => value.repr(),
    json: (value) => value.toJSON(),
    random() {
      const list = new DhcpOptionList();
      const n = 1 + randomInt(6);
      for (let i = 0; i < n; i++) {
        const def = DHCP_OPTION_TABLE[1 + randomInt(DHCP_OPTION_TABLE.length - 2)];
        if (list.indexOf(def.code) < 0) list.push(def.code, def.codec.random());
      }
      list.push(END, null);
      return list;
    },
  };
}
