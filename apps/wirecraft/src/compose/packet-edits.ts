import {
  build,
  fromScapy,
  type Layer,
  layerToScapy,
  layerTypes,
  Packet,
  ScapySyntaxError,
  toScapy,
} from '@wirecraft/packet';

/** An edit of the composed packet: the expression it becomes, or why it is refused (nothing changes). */
export type EditResult = { ok: true; expression: string } | { ok: false; error: string };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function bytesLiteral(bytes: Uint8Array): string {
  let text = "b'";
  for (const byte of bytes) text += `\\x${byte.toString(16).padStart(2, '0')}`;
  return `${text}'`;
}

/**
 * A field's value as the scapy expression that sets it ("64", "'198.18.0.1'", "[('message-type', ...)]"),
 * or '' for an automatic field left to be computed on build.
 */
export function fieldText(layer: Layer, field: string): string {
  const index = layer.def.fieldIndex.get(field);
  if (index === undefined) return '';
  const value = layer.values[index];
  if (value === undefined) return '';
  // A layer holding only this field prints as `Name(field=<repr>)`, through scapy's own field adapters.
  const only: unknown[] = layer.def.fields.map(() => undefined);
  only[index] = value;
  const printed = layerToScapy(layer.def.create(only));
  const prefix = `${layer.def.name}(${field}=`;
  if (printed.startsWith(prefix) && printed.endsWith(')')) return printed.slice(prefix.length, -1);
  // Non-automatic fields at their default value are left out of expressions.
  if (value instanceof Uint8Array) return bytesLiteral(value);
  return typeof value === 'string' ? `'${value}'` : String(value);
}

/** The evaluator's column points into the synthetic `Name(field=...)` expression: meaningless here. */
const withoutColumn = (message: string) => message.replace(/ at column \d+$/, '');

/**
 * What `text` sets the field to, through the scapy evaluator. Text that is not a scapy expression
 * (198.18.0.1, 02:00:00:00:00:01 typed without quotes) is taken as a string.
 */
function evaluateFieldValue(layerName: string, field: string, text: string): unknown {
  const evaluate = (source: string) =>
    fromScapy(`${layerName}(${field}=${source})`).layers[0].getField(field);
  try {
    return evaluate(text);
  } catch (asExpression) {
    try {
      return evaluate(JSON.stringify(text));
    } catch (asString) {
      const notAnExpression =
        asExpression instanceof ScapySyntaxError ||
        /unknown name|not supported/.test(messageOf(asExpression));
      throw notAnExpression ? asString : asExpression;
    }
  }
}

/**
 * Sets one field of one layer from the text typed for it, validated as scapy would (the field's own
 * checks, then a build of the whole packet). Empty text returns an automatic field to "computed".
 */
export function editField(packet: Packet, layerIndex: number, field: string, text: string): EditResult {
  const edited = packet.copy();
  const layer = edited.layers[layerIndex];
  if (layer === undefined) return { ok: false, error: `no layer ${layerIndex}` };
  try {
    const value = text.trim() === '' ? undefined : evaluateFieldValue(layer.def.name, field, text.trim());
    layer.setField(field, value);
    build(edited);
    return { ok: true, expression: toScapy(edited) };
  } catch (error) {
    return { ok: false, error: withoutColumn(messageOf(error).split('\n')[0]) };
  }
}

/** Every layer the composer can add, by name (the packet package's registry). */
export function layerNames(): string[] {
  return [...layerTypes.keys()];
}

/** The packet made of `layers`, accepted only if it builds. */
function stackResult(layers: Layer[]): EditResult {
  const edited = new Packet(layers);
  try {
    build(edited);
    return { ok: true, expression: toScapy(edited) };
  } catch (error) {
    return { ok: false, error: messageOf(error).split('\n')[0] };
  }
}

/** Inserts a default layer of type `name` after layer `after` (-1: at the bottom of the stack). */
export function addLayer(packet: Packet, name: string, after: number): EditResult {
  const type = layerTypes.get(name);
  if (type === undefined) return { ok: false, error: `no layer named '${name}'` };
  const layers = packet.copy().layers;
  layers.splice(after + 1, 0, type());
  return stackResult(layers);
}

export function removeLayer(packet: Packet, index: number): EditResult {
  if (packet.layers.length <= 1) return { ok: false, error: 'a packet needs at least one layer' };
  const layers = packet.copy().layers;
  layers.splice(index, 1);
  return stackResult(layers);
}
