/**
 * Compile-time view of the option registry: names autocomplete, and each name (or code) maps to the type
 * its value has when read and the types accepted when set.
 */
import type { OptionCodec } from './option-codec.js';
import type { DhcpOptionList } from './option-list.js';
import type { DhcpOptionEntry } from './registry.js';

type Valued = Exclude<DhcpOptionEntry, { name: 'pad' | 'end' }>;

/** Every registry name except the pad and end markers: 'message-type', 'lease_time', 'router' ... */
export type DhcpOptionName = Valued['name'];
/** Every registered code except 0 (pad) and 255 (end). */
export type DhcpOptionCode = Valued['code'];

type ByName<N> = Extract<Valued, { name: N }>;
type ByCode<C> = Extract<Valued, { code: C }>;

/** The name of a registered code: DhcpOptionNameOf<51> is 'lease_time'. */
export type DhcpOptionNameOf<C extends DhcpOptionCode> = ByCode<C>['name'];

/** The stored and returned value of an option: DhcpOptionValue<'router'> is string[]. */
export type DhcpOptionValue<N extends DhcpOptionName> =
  ByName<N>['codec'] extends OptionCodec<infer V, infer _I> ? V : never;

/** What setOption and construction accept for an option: the value type plus convenient input forms. */
export type DhcpOptionInput<N extends DhcpOptionName> =
  ByName<N>['codec'] extends OptionCodec<infer V, infer I> ? V | I : never;

/** A scapy-shaped `[name, value]` pair, typed per name. */
export type DhcpOptionTuple = { [N in DhcpOptionName]: readonly [N, DhcpOptionInput<N>] }[DhcpOptionName];

/**
 * One item of an option list: a typed pair, the 'pad'/'end' markers, `[code, bytes]` for any code
 * (unregistered ones included), or raw bytes written verbatim (to build malformed options on purpose).
 */
export type DhcpOptionItem = DhcpOptionTuple | 'pad' | 'end' | readonly [number, Uint8Array] | Uint8Array;

/** Options as an object, in insertion order: `{ 'message-type': 'discover', lease_time: 3600 }`. */
export type DhcpOptionsObject = { [N in DhcpOptionName]?: DhcpOptionInput<N> };

export type DhcpOptionsInput = readonly DhcpOptionItem[] | DhcpOptionsObject | DhcpOptionList;
