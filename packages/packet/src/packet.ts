import { buildInto } from './build.js';
import { hexdump } from './hexdump.js';
import { toJSON } from './json.js';
import { type ShowOptions, show, summary } from './show.js';
import type { JsonValue } from './field/spec.js';
import type { AnyLayerType, Layer, LayerOf } from './layer.js';
import type { Problem } from './problem.js';

export class MissingLayerError extends Error {
  override name = 'MissingLayerError';
  constructor(
    readonly layer: string,
    readonly present: readonly string[],
  ) {
    super(`packet has no ${layer} layer (layers: ${present.join(' / ') || 'none'})`);
  }
}

export interface PacketJson {
  summary: string;
  layers: { name: string; fields: Record<string, JsonValue> }[];
  problems: Problem[];
}

/** A stack of layers, outermost first, plus what dissection found wrong with it. */
export class Packet {
  readonly layers: Layer[];
  /** Filled by dissect(); empty for packets composed in code. */
  readonly problems: Problem[];

  constructor(layers: Layer[], problems: Problem[] = []) {
    this.layers = layers;
    this.problems = problems;
  }

  /** True when dissection found a malformed or truncated part. */
  get malformed(): boolean {
    return this.problems.length > 0;
  }

  /** The first layer of a type (scapy's p[DHCP] / getlayer), or undefined. */
  get<T extends AnyLayerType>(type: T, nth = 0): LayerOf<T> | undefined {
    let seen = 0;
    for (const layer of this.layers) {
      if (layer.def === type.def && seen++ === nth) return layer as LayerOf<T>;
    }
    return undefined;
  }

  /** Like get(), but a missing layer is an error that lists the layers present. */
  layer<T extends AnyLayerType>(type: T, nth = 0): LayerOf<T> {
    const found = this.get(type, nth);
    if (!found)
      throw new MissingLayerError(
        type.layerName,
        this.layers.map((l) => l.def.name),
      );
    return found;
  }

  has(type: AnyLayerType): boolean {
    return this.layers.some((l) => l.def === type.def);
  }

  /** Index of the first layer of a type, or -1. */
  indexOf(type: AnyLayerType): number {
    return this.layers.findIndex((l) => l.def === type.def);
  }

  /** Appends layers (scapy's `/`) and returns this packet. */
  push(...layers: Layer[]): this {
    this.layers.push(...layers);
    return this;
  }

  /** A deep copy: changing the copy never changes this packet. */
  copy(): Packet {
    return new Packet(
      this.layers.map((l) => l.copy()),
      this.problems.map((p) => ({ ...p })),
    );
  }

  /** Builds to bytes; see buildInto() to write into a preallocated buffer. */
  build(): Uint8Array {
    return buildInto(this);
  }

  /** The layer names, e.g. ['Ether', 'IP', 'UDP', 'BOOTP', 'DHCP']. */
  layerNames(): string[] {
    return this.layers.map((l) => l.def.name);
  }

  /** scapy's show() as text; `{ computed: true }` is show2 (built and re-dissected first). */
  show(options?: ShowOptions): string {
    return show(this, options);
  }

  /** scapy's one-line summary, e.g. "Ether / IP / UDP 0.0.0.0:bootpc > 255.255.255.255:bootps / BOOTP". */
  summary(): string {
    return summary(this);
  }

  /** scapy's hexdump of the built bytes. */
  hexdump(): string {
    return hexdump(this);
  }

  /** Plain JSON (see toJSON in json.ts); JSON.stringify(packet) uses it. */
  toJSON(): PacketJson {
    return toJSON(this);
  }
}

/** Composes a packet from layers, outermost first: packet(Ether(), IPv4(), UDP(), BOOTP(), DHCP()). */
export function packet(...layers: Layer[]): Packet {
  return new Packet(layers);
}
