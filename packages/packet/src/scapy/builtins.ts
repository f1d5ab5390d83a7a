import { buildInto } from '../build.js';
import { canonicalMac, macToBytes } from '../field/mac.js';
import { fromHex, utf8 } from '../hex.js';
import { Packet } from '../packet.js';
import { ScapyTypeError } from './eval-errors.js';
import { LayerStack, ScapyFunction, type ScapyValue, pythonType } from './values.js';

function arity(name: string, args: ScapyValue[], kwargs: ReadonlyMap<string, ScapyValue>, n: number): void {
  if (kwargs.size > 0) throw new ScapyTypeError(`${name}() takes no keyword arguments`);
  if (args.length !== n) {
    throw new ScapyTypeError(
      `${name}() takes exactly ${n} argument${n === 1 ? '' : 's'} (${args.length} given)`,
    );
  }
}

const mac2str = new ScapyFunction('mac2str', (args, kwargs) => {
  arity('mac2str', args, kwargs, 1);
  const [text] = args;
  if (typeof text !== 'string' || canonicalMac(text) === undefined) {
    throw new ScapyTypeError(`mac2str() expects a MAC address string such as "02:00:00:00:00:01"`);
  }
  return macToBytes(text);
});

const str2mac = new ScapyFunction('str2mac', (args, kwargs) => {
  arity('str2mac', args, kwargs, 1);
  const [b] = args;
  if (!(b instanceof Uint8Array) || b.length !== 6) throw new ScapyTypeError('str2mac() expects 6 bytes');
  return canonicalMac(b)!;
});

const fromhex = new ScapyFunction('bytes.fromhex', (args, kwargs) => {
  arity('bytes.fromhex', args, kwargs, 1);
  const [text] = args;
  const bytes = typeof text === 'string' ? fromHex(text) : undefined;
  if (!bytes) throw new ScapyTypeError('bytes.fromhex() expects a string of hex digit pairs');
  return bytes;
});

/** Python's bytes(): bytes(n) zeros, bytes([1, 2]), bytes("text", "utf-8"), bytes(b"..."). */
const bytesFunction = new ScapyFunction('bytes', (args, kwargs) => {
  if (kwargs.size > 0) throw new ScapyTypeError('bytes() keyword arguments are not supported');
  const [value, encoding] = args;
  if (args.length === 0) return new Uint8Array(0);
  if (typeof value === 'string') {
    if (typeof encoding !== 'string') throw new ScapyTypeError('string argument without an encoding');
    if (!/^utf-?8$/i.test(encoding) && !/^ascii$/i.test(encoding)) {
      throw new ScapyTypeError(`unsupported encoding '${encoding}' (use 'utf-8')`);
    }
    return utf8(value);
  }
  if (args.length > 1) throw new ScapyTypeError('encoding without a string argument');
  if (typeof value === 'number') {
    if (value < 0) throw new ScapyTypeError('negative count');
    return new Uint8Array(value);
  }
  if (value instanceof Uint8Array) return value.slice();
  if (value instanceof LayerStack) return buildInto(new Packet(value.layers));
  if (
    Array.isArray(value) &&
    value.every((b) => typeof b === 'number' && Number.isInteger(b) && b >= 0 && b < 256)
  ) {
    return Uint8Array.from(value as number[]);
  }
  throw new ScapyTypeError(`cannot convert '${pythonType(value)}' object to bytes`);
});

/** scapy's raw(p): the built bytes of a packet. */
const raw = new ScapyFunction('raw', (args, kwargs) => {
  arity('raw', args, kwargs, 1);
  const [p] = args;
  if (!(p instanceof LayerStack)) throw new ScapyTypeError('raw() expects a packet');
  return buildInto(new Packet(p.layers));
});

const functions = new Map<string, ScapyFunction>([
  ['mac2str', mac2str],
  ['str2mac', str2mac],
  ['bytes', bytesFunction],
  ['raw', raw],
]);

export function scapyFunction(name: string): ScapyFunction | undefined {
  return functions.get(name);
}

export function scapyFunctionNames(): string[] {
  return [...functions.keys()];
}

/** Attributes reachable from a value: only bytes.fromhex is needed by pasted one-liners. */
export function scapyAttribute(object: ScapyValue, name: string): ScapyValue {
  if (object === bytesFunction && name === 'fromhex') return fromhex;
  throw new ScapyTypeError(`'${pythonType(object)}' object has no supported attribute '${name}'`);
}
