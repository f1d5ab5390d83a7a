import { FieldValueError, UnknownFieldError } from './errors.js';
import { isCanonicalIpv4 } from './field/ipv4.js';
import { isCanonicalMac } from './field/mac.js';
import {
  type BitMember,
  compileReader,
  compileWriter,
  type FixedReader,
  type FixedSlot,
  type FixedWriter,
} from './layer-codec.js';
import { registerLayerType } from './layer-registry.js';
import type { Packet } from './packet.js';
import type { Problem } from './problem.js';
import type { AnyField, FieldInput, FieldValue, JsonValue } from './field/spec.js';

/**
 * A protocol layer declared as data. The table of fields gives typing, defaults, validation, display
 * and JSON; the optional hooks carry what a table cannot say (auto lengths, checksums, variable parts).
 */
export interface LayerSpec<Name extends string, F extends readonly AnyField[]> {
  name: Name;
  /** The document that defines the wire format, e.g. 'RFC 791'. */
  rfc: string;
  /** The heading show() prints (scapy's `name`, e.g. 'Ethernet' for Ether); default: the layer name. */
  title?: string;
  fields: F;
  /**
   * Bytes of this layer on the wire, when it is not the sum of its fixed fields plus tail fields. `next` is
   * the layer that follows when building (an unset field may take its length from a binding: BOOTP's vendor
   * area holds the DHCP magic cookie only when DHCP follows).
   */
  headerLength?(layer: Layer, next: Layer | undefined): number;
  /** Computes auto fields into `values` (already holding explicit ones and binding values). */
  fill?(values: unknown[], layer: Layer, ctx: BuildContext): void;
  /** Writes what the field table cannot (variable parts). Called after fixed fields are written. */
  writeExtra?(values: unknown[], layer: Layer, out: Uint8Array, offset: number, ctx: BuildContext): void;
  /** Post-build pass, innermost layer first: checksums over the payload. */
  finish?(layer: Layer, out: Uint8Array, offset: number, ctx: BuildContext): void;
  /** Replaces the generic decoder; returns undefined when the bytes are too short (the rest becomes Raw). */
  decode?(bytes: Uint8Array, offset: number, ctx: DissectContext): Layer | undefined;
  /** One-line description for Packet.summary(); default: the layer name. */
  summary?(layer: Layer, packet: Packet, index: number): string;
  /** Extra lines for show() (e.g. decoded options), after the fields. */
  showExtra?(layer: Layer, indent: string): string[];
  /** JSON of the whole layer when the generic field map is not enough. */
  toJSON?(layer: Layer): Record<string, JsonValue>;
  /** The inverse of toJSON, for layers that have one: rebuilds the layer from its JSON fields. */
  fromJSON?(fields: Record<string, JsonValue>): Layer;
  /**
   * Reply matching, innermost layer first (scapy's answers): 'yes'/'no' decide, 'continue' asks the layer
   * below. Only called when request and reply have this layer at the same depth.
   */
  answers?(request: Layer, reply: Layer): 'yes' | 'no' | 'continue';
  /**
   * When answers() says 'yes', outer layers are not asked: the layer's own match is the whole rule (a DHCP
   * reply matches by xid and chaddr whatever the IP addresses and ports around it).
   */
  answersDecisively?: boolean;
  /** A key that a request and each of its replies share (scapy's hashret), from the innermost layer that has one. */
  hashKey?(layer: Layer): string;
  /** Called on layer copy for values that are not immutable primitives. */
  copyValue?(name: string, value: unknown): unknown;
}

export interface BuildContext {
  readonly packet: Packet;
  readonly index: number;
  /** Bytes after this layer's header, not counting trailing Padding layers. */
  readonly payloadLength: number;
  /** Offset of every layer's first byte in the output. */
  readonly offsets: Int32Array;
  readonly next: Layer | undefined;
  readonly prev: Layer | undefined;
}

export interface DissectContext {
  readonly bytes: Uint8Array;
  readonly problems: Problem[];
  /** Set by a decoder: the layer to decode next; undefined means the rest is Raw. */
  next: LayerDefinition | undefined;
  /** Where this layer's payload ends. A decoder shrinks it (IP total length); bytes past it become Padding. */
  end: number;
  /** Set by a decoder: how many bytes its layer took (header, options), so the next layer starts after them. */
  headerLength: number;
  /** The layers decoded so far (outermost first). */
  readonly layers: Layer[];
}

export interface Binding {
  upper: LayerDefinition;
  /** Values the lower layer takes when the upper one follows it and they are unset. */
  build(upper: Layer): Readonly<Record<string, unknown>>;
  /**
   * The same values as build(), stored into the unset slots of the lower layer's values array by field
   * index: the builder's form, with no name lookups per frame.
   */
  fill(values: unknown[], upper: Layer): void;
  /** Whether decoded lower-layer values say the upper layer follows. */
  match(lower: Layer): boolean;
  /**
   * When the binding sets one field to one value (Ether type, IP proto): that field's index and value, so
   * dissection compares the slot itself instead of calling match() per binding tried; -1 when match() decides.
   */
  readonly slot: number;
  readonly slotValue: unknown;
}

/** The runtime form of a layer definition, shared by every instance. */
export interface LayerDefinition {
  readonly name: string;
  readonly rfc: string;
  readonly fields: readonly AnyField[];
  readonly fieldIndex: ReadonlyMap<string, number>;
  /** Bytes of the fixed-size fields. */
  readonly fixedSize: number;
  readonly slots: readonly FixedSlot[];
  /** Writes the fixed fields (compiled from the field table). */
  readonly writeFixed: FixedWriter;
  /** Reads the fixed fields into a new values array (compiled from the field table). */
  readonly readFixed: FixedReader;
  readonly tailFields: readonly number[];
  readonly defaults: readonly unknown[];
  readonly bindings: Binding[];
  readonly spec: LayerSpec<string, readonly AnyField[]>;
  /**
   * The spec's decoder, if it has one, read once here: every spec object has its own shape, so reading the
   * hook off the spec in dissect's loop is a megamorphic load per layer. Decoders do not use `this`.
   */
  readonly decode: LayerSpec<string, readonly AnyField[]>['decode'];
  /** Scratch array reused by the builder; builds are synchronous, so one per definition suffices. */
  readonly scratch: unknown[];
  create(values: unknown[]): Layer;
}

export type FieldNames<F extends readonly AnyField[]> = F[number]['name'];
type FieldByName<F extends readonly AnyField[], K> = Extract<F[number], { name: K }>;
export type LayerValues<F extends readonly AnyField[]> = {
  [K in FieldNames<F>]: FieldValue<FieldByName<F, K>>;
};
export type LayerInit<F extends readonly AnyField[]> = {
  [K in FieldNames<F>]?: FieldInput<FieldByName<F, K>>;
};

/** A layer instance. Field values live in `values` by field index; typed accessors are on the prototype. */
export class Layer {
  // Declared, not initialised here: the stores happen in each layer type's own generated constructor (see
  // defineLayer), so every type keeps its own monomorphic store sites instead of sharing this one.
  declare readonly def: LayerDefinition;
  declare readonly values: unknown[];

  constructor(def: LayerDefinition, values: unknown[]) {
    if (new.target === Layer) {
      (this as { def: LayerDefinition }).def = def;
      (this as { values: unknown[] }).values = values;
    }
  }

  get layerName(): string {
    return this.def.name;
  }

  /** Reads a field by name (untyped; the typed accessors are `layer.src` etc.). */
  getField(name: string): unknown {
    return this.values[fieldIndexOf(this.def, name)];
  }

  /** Sets a field by name with validation; `undefined` returns an auto field to "compute on build". */
  setField(name: string, value: unknown): this {
    const i = fieldIndexOf(this.def, name);
    const spec = this.def.fields[i];
    if (value === undefined || value === null) {
      if (!spec.auto)
        throw new FieldValueError(
          this.def.name,
          name,
          value,
          'this field is not computed automatically; give a value',
        );
      this.values[i] = undefined;
    } else {
      this.values[i] = spec.normalize(value as never, this.def.name);
    }
    return this;
  }

  /** Whether a field holds an explicit value (an auto field left unset is computed on build). */
  isSet(name: string): boolean {
    return this.getField(name) !== undefined;
  }

  copy(): this {
    const copyValue = this.def.spec.copyValue;
    const values = this.values.map((v, i) => {
      if (v instanceof Uint8Array) return v.slice();
      return copyValue ? copyValue(this.def.fields[i].name, v) : v;
    });
    return this.def.create(values) as this;
  }

  toJSON(): { name: string; fields: Record<string, JsonValue> } {
    if (this.def.spec.toJSON) return { name: this.def.name, fields: this.def.spec.toJSON(this) };
    const fields: Record<string, JsonValue> = {};
    this.def.fields.forEach((f, i) => {
      const v = this.values[i];
      fields[f.name] = v === undefined ? null : f.json(v as never);
    });
    return { name: this.def.name, fields };
  }
}

/** The index of a field of a layer type; an unknown name is an error that lists the type's fields. */
export function fieldIndexOf(def: LayerDefinition, name: string): number {
  const index = def.fieldIndex.get(name);
  if (index === undefined)
    throw new UnknownFieldError(
      def.name,
      name,
      def.fields.map((f) => f.name),
    );
  return index;
}

export type TypedLayer<F extends readonly AnyField[]> = Layer & LayerValues<F>;

/** What `defineLayer` returns: call it to make a layer (`Ether({ dst: 'ff:..' })`); pass it to `p.get()`. */
export interface LayerType<Name extends string, F extends readonly AnyField[], M = unknown> {
  (init?: LayerInit<F>): TypedLayer<F> & M;
  readonly def: LayerDefinition;
  readonly layerName: Name;
  /** The field table, for `ls()`-style listings and the composer. */
  readonly fields: F;
}

/**
 * Any layer type, for code that takes layer types of several kinds (registries, Packet.get). Called with
 * no arguments it makes a default layer; set fields by name with setField.
 */
export interface AnyLayerType {
  (init?: never): Layer;
  readonly def: LayerDefinition;
  readonly layerName: string;
  readonly fields: readonly AnyField[];
}
export type LayerOf<T> = T extends LayerType<string, infer F, infer M> ? TypedLayer<F> & M : never;

function computeSlots(name: string, fields: readonly AnyField[]) {
  const slots: FixedSlot[] = [];
  const tail: number[] = [];
  let offset = 0;
  let group: { offset: number; bits: number; members: { index: number; width: number }[] } | undefined;
  const closeGroup = () => {
    if (!group) return;
    if (group.bits % 8 !== 0) throw new Error(`${name}: bit fields must fill whole bytes`);
    const size = group.bits / 8;
    let used = 0;
    const members = group.members.map((m): BitMember => {
      used += m.width;
      return {
        index: m.index,
        shift: group!.bits - used,
        mask: m.width === 32 ? 0xffffffff : (1 << m.width) - 1,
      };
    });
    slots.push({ index: members[0].index, offset: group.offset, size, members });
    offset += size;
    group = undefined;
  };
  fields.forEach((f, index) => {
    if (f.bits > 0) {
      if (!group) group = { offset, bits: 0, members: [] };
      group.bits += f.bits;
      group.members.push({ index, width: f.bits });
      if (group.bits % 8 === 0) closeGroup();
      return;
    }
    closeGroup();
    if (f.size === 0) {
      tail.push(index);
      return;
    }
    if (tail.length > 0) throw new Error(`${name}: fixed field '${f.name}' after a variable-length field`);
    slots.push({ index, offset, size: f.size, members: [] });
    offset += f.size;
  });
  closeGroup();
  return { slots, tail, fixedSize: offset };
}

/**
 * The test that a user's value is already what normalize() would store (an in-range integer, canonical
 * address text), so construction can skip the field's normalize() call; undefined for other field kinds.
 */
function storedFormTest(field: AnyField, value: string): string | undefined {
  if (field.wire === 'uint' || field.wire === 'uint-le') {
    const max = field.bits > 0 ? 2 ** field.bits - 1 : 2 ** (8 * field.size) - 1;
    return `typeof ${value} === 'number' && ${value} >= 0 && ${value} <= ${max} && Math.floor(${value}) === ${value}`;
  }
  if (field.wire === 'ipv4') return `typeof ${value} === 'string' && isCanonicalIpv4(${value})`;
  if (field.wire === 'mac') return `typeof ${value} === 'string' && isCanonicalMac(${value})`;
  return undefined;
}

/**
 * Generates a layer type's factory from its field table: one `case` per field name with the field's
 * stored-form test inline, so each type has its own monomorphic code instead of a shared loop that looks
 * names up in a Map and dispatches on the field kind. Values are kept in locals and the array is made by one
 * literal at the end (cheaper than copying `defaults` and storing into the copy); the defaults are the same
 * shared references `defaults` holds.
 */
function compileFactory(
  layer: string,
  fields: readonly AnyField[],
  defaults: readonly unknown[],
  def: LayerDefinition,
  SpecificLayer: new (def: LayerDefinition, values: unknown[]) => Layer,
): (init?: Record<string, unknown>) => Layer {
  const cases = fields.map((field, i) => {
    const test = storedFormTest(field, 'v');
    const store = test
      ? `v${i} = ${test} ? v : f${i}.normalize(v, name);`
      : `v${i} = f${i}.normalize(v, name);`;
    return `case ${JSON.stringify(field.name)}: if (v !== undefined) ${store} break;`;
  });
  const constants = fields.map((_, i) => `f${i} = fields[${i}], d${i} = defaults[${i}]`).join(', ');
  const locals = fields.map((_, i) => `v${i} = d${i}`).join(', ');
  const array = fields.map((_, i) => `v${i}`).join(', ');
  const unknownField = (key: string): never => {
    throw new UnknownFieldError(
      layer,
      key,
      fields.map((f) => f.name),
    );
  };
  const make = new Function(
    'h',
    `const { fields, name, defaults, def, SpecificLayer, isCanonicalIpv4, isCanonicalMac, unknownField } = h;
    ${fields.length > 0 ? `const ${constants};` : ''}
    return function create(init) {
      ${fields.length > 0 ? `let ${locals};` : ''}
      if (init) {
        for (const key in init) {
          const v = init[key];
          switch (key) {
            ${cases.join('\n            ')}
            default: unknownField(key);
          }
        }
      }
      return new SpecificLayer(def, [${array}]);
    };`,
  );
  return make({
    fields,
    name: layer,
    defaults,
    def,
    SpecificLayer,
    isCanonicalIpv4,
    isCanonicalMac,
    unknownField,
  }) as (init?: Record<string, unknown>) => Layer;
}

/**
 * Generates a layer type's getField: the field index of each name is a constant in a `case`, instead of
 * a Map lookup per read. Unknown names go to Layer's getField, which throws the error that lists them.
 */
function compileGetField(fields: readonly AnyField[]): (this: Layer, name: string) => unknown {
  const cases = fields.map((field, i) => `case ${JSON.stringify(field.name)}: return this.values[${i}];`);
  return new Function(
    'generic',
    `return function getField(name) {
      switch (name) {
        ${cases.join('\n        ')}
      }
      return generic.call(this, name);
    };`,
  )(Layer.prototype.getField) as (this: Layer, name: string) => unknown;
}

/**
 * Declares a layer from its field table (see layers/*.ts for examples). `methods` become methods of every
 * instance (DHCP's getOption/setOption), typed on the layers that factories, get() and layer() return.
 */
export function defineLayer<const Name extends string, const F extends readonly AnyField[], M = unknown>(
  spec: LayerSpec<Name, F>,
  methods?: M & ThisType<TypedLayer<F> & M>,
): LayerType<Name, F, M> {
  const { slots, tail, fixedSize } = computeSlots(spec.name, spec.fields);
  const fieldIndex = new Map(spec.fields.map((f, i) => [f.name, i] as const));
  const defaults = spec.fields.map((f) => (f.auto ? undefined : f.default));

  // One class per layer type from its own source text: V8 shares inline caches between closures made from
  // the same function literal, so only a separate literal gives each type its own constructor feedback.
  const SpecificLayer = new Function(
    'Layer',
    `return class ${JSON.stringify(spec.name)
      .slice(1, -1)
      .replace(/[^A-Za-z0-9_$]/g, '_')}Layer extends Layer {
      constructor(def, values) { super(def, values); this.def = def; this.values = values; }
    };`,
  )(Layer) as new (
    def: LayerDefinition,
    values: unknown[],
  ) => Layer;
  Object.defineProperty(SpecificLayer.prototype, 'getField', {
    value: compileGetField(spec.fields),
    writable: true,
    configurable: true,
  });
  if (methods) Object.defineProperties(SpecificLayer.prototype, Object.getOwnPropertyDescriptors(methods));
  spec.fields.forEach((f, i) => {
    Object.defineProperty(SpecificLayer.prototype, f.name, {
      get(this: Layer) {
        return this.values[i];
      },
      set(this: Layer, value: unknown) {
        this.setField(f.name, value);
      },
      enumerable: true,
    });
  });

  const def: LayerDefinition = {
    name: spec.name,
    rfc: spec.rfc,
    fields: spec.fields,
    fieldIndex,
    fixedSize,
    slots,
    writeFixed: compileWriter(spec.name, spec.fields, slots),
    readFixed: compileReader(spec.name, spec.fields, slots),
    tailFields: tail,
    defaults,
    bindings: [],
    spec: spec as unknown as LayerSpec<string, readonly AnyField[]>,
    decode: spec.decode,
    scratch: new Array(spec.fields.length),
    create: (values) => new SpecificLayer(def, values),
  };

  const factory = compileFactory(spec.name, spec.fields, defaults, def, SpecificLayer) as (
    init?: LayerInit<F>,
  ) => TypedLayer<F>;
  const type = Object.assign(factory, { def, layerName: spec.name, fields: spec.fields }) as LayerType<
    Name,
    F,
    M
  >;
  registerLayerType(type);
  return type;
}

/** Writes the fixed fields of `values` at `offset` (bit fields packed MSB first). */
export function writeFixedFields(
  def: LayerDefinition,
  values: unknown[],
  out: Uint8Array,
  offset: number,
): void {
  def.writeFixed(values, out, offset);
}

/** Reads the fixed fields into a new values array; the caller checked that fixedSize bytes are there. */
export function readFixedFields(def: LayerDefinition, bytes: Uint8Array, offset: number): unknown[] {
  return def.readFixed(bytes, offset);
}
