import { dissect } from '../dissect.js';
import { FieldValueError } from '../errors.js';
import { utf8 } from '../hex.js';
import { fieldIndexOf, type Layer } from '../layer.js';
import { Raw } from '../layers/raw.js';
import { Packet } from '../packet.js';
import type { ScapyExpr, ScapyKeyword } from './ast.js';
import { scapyAttribute, scapyFunction, scapyFunctionNames } from './builtins.js';
import { ScapyEvalError, ScapyTypeError, UnknownScapyNameError } from './eval-errors.js';
import { scapyDefault } from './field-defaults.js';
import { toFieldInput } from './field-input.js';
import { scapyLayerNameLike, scapyLayerNames, scapyLayerType } from './layer-names.js';
import { parseScapy } from './parser.js';
import { LayerClass, LayerStack, ScapyFunction, ScapyTuple, type ScapyValue, pythonType } from './values.js';

/** Evaluates a scapy expression to a value (usually a LayerStack). Errors are ScapySyntaxError or ScapyEvalError. */
export function evaluateScapy(source: string): ScapyValue {
  const expr = parseScapy(source);
  return new Evaluator(source).value(expr);
}

/**
 * Builds a Packet from a scapy one-liner, e.g. `Ether()/IP(dst="198.18.0.1")/UDP(dport=67)`.
 * A bare layer class (`Ether()/IP`) is instantiated; bytes or a string on the right of `/` become Raw.
 */
export function fromScapy(source: string): Packet {
  const expr = parseScapy(source);
  const value = new Evaluator(source).value(expr);
  if (value instanceof LayerStack) return new Packet(value.layers);
  if (value instanceof LayerClass) return new Packet([value.instantiate()]);
  throw new ScapyEvalError(
    source,
    expr.start,
    new ScapyTypeError(`the expression is a ${pythonType(value)}, not a packet (e.g. Ether()/IP()/UDP())`),
  );
}

class Evaluator {
  constructor(private readonly source: string) {}

  value(expr: ScapyExpr): ScapyValue {
    try {
      return this.evaluate(expr);
    } catch (error) {
      throw this.locate(error, expr.start);
    }
  }

  private locate(error: unknown, start: number): Error {
    if (error instanceof ScapyEvalError) return error;
    const cause = error instanceof Error ? error : new Error(String(error));
    return new ScapyEvalError(this.source, start, cause);
  }

  private evaluate(expr: ScapyExpr): ScapyValue {
    switch (expr.kind) {
      case 'int':
      case 'str':
      case 'bytes':
      case 'const':
        return expr.value;
      case 'name':
        return this.name(expr.name);
      case 'attr':
        return scapyAttribute(this.value(expr.object), expr.name);
      case 'list':
        return expr.items.map((item) => this.value(item));
      case 'tuple':
        return new ScapyTuple(expr.items.map((item) => this.value(item)));
      case 'unary': {
        const v = this.value(expr.operand);
        const n = typeof v === 'boolean' ? Number(v) : v;
        if (typeof n !== 'number') {
          throw new ScapyTypeError(`bad operand type for unary ${expr.op}: '${pythonType(v)}'`);
        }
        return expr.op === '-' ? -n : n;
      }
      case 'binary':
        return this.binary(expr.op, this.value(expr.left), this.value(expr.right));
      case 'call':
        return this.call(expr);
    }
  }

  private name(name: string): ScapyValue {
    const type = scapyLayerType(name);
    if (type) return new LayerClass(type);
    const fn = scapyFunction(name);
    if (fn) return fn;
    throw new UnknownScapyNameError(name, scapyLayerNames(), scapyFunctionNames(), scapyLayerNameLike(name));
  }

  private binary(op: '/' | '*' | '+' | '-', left: ScapyValue, right: ScapyValue): ScapyValue {
    const l = typeof left === 'boolean' ? Number(left) : left;
    const r = typeof right === 'boolean' ? Number(right) : right;
    if (op === '/') {
      const lower = asStack(l);
      if (lower) {
        const upper = asStack(r) ?? rawOf(r);
        if (upper) return new LayerStack([...lower.layers, ...upper.layers]);
      }
      throw new ScapyTypeError(
        typeof l === 'number' && typeof r === 'number'
          ? 'arithmetic division is not supported'
          : `unsupported operand types for /: '${pythonType(left)}' and '${pythonType(right)}'`,
      );
    }
    if (typeof l === 'number' && typeof r === 'number') {
      const result = op === '+' ? l + r : op === '-' ? l - r : l * r;
      if (!Number.isSafeInteger(result)) throw new ScapyTypeError('integer result too large');
      return result;
    }
    if (op === '+') {
      if (typeof l === 'string' && typeof r === 'string') return l + r;
      if (l instanceof Uint8Array && r instanceof Uint8Array) {
        const out = new Uint8Array(l.length + r.length);
        out.set(l);
        out.set(r, l.length);
        return out;
      }
      if (Array.isArray(l) && Array.isArray(r)) return [...l, ...r];
      if (l instanceof ScapyTuple && r instanceof ScapyTuple) return new ScapyTuple([...l.items, ...r.items]);
    }
    if (op === '*') {
      const [seq, count] = typeof r === 'number' ? [l, r] : [r, l];
      if (typeof count === 'number') {
        const n = Math.max(0, count);
        if (typeof seq === 'string') return seq.repeat(n);
        if (seq instanceof Uint8Array) {
          const out = new Uint8Array(seq.length * n);
          for (let i = 0; i < n; i++) out.set(seq, i * seq.length);
          return out;
        }
        if (Array.isArray(seq)) return Array.from({ length: n }, () => seq).flat(1);
      }
    }
    throw new ScapyTypeError(
      `unsupported operand types for ${op}: '${pythonType(left)}' and '${pythonType(right)}'`,
    );
  }

  private call(expr: Extract<ScapyExpr, { kind: 'call' }>): ScapyValue {
    const callee = this.value(expr.callee);
    if (callee instanceof LayerClass) return this.instantiate(callee, expr.args, expr.kwargs);
    if (callee instanceof ScapyFunction) {
      const args = expr.args.map((a) => this.value(a));
      const kwargs = new Map(expr.kwargs.map((k) => [k.name, this.value(k.value)] as const));
      return callee.call(args, kwargs);
    }
    throw new ScapyTypeError(`'${pythonType(callee)}' object is not callable`);
  }

  /** `Layer(**fields)`, or `Layer(b"bytes", **fields)`, which dissects the bytes starting at that layer. */
  private instantiate(type: LayerClass, args: ScapyExpr[], kwargs: ScapyKeyword[]): LayerStack {
    if (args.length > 1) {
      throw this.locate(
        new ScapyTypeError(`${type.def.name}() takes at most one positional argument (the bytes to dissect)`),
        args[1].start,
      );
    }
    let layers: Layer[];
    if (args.length === 1) {
      const pkt = this.value(args[0]);
      const bytes = typeof pkt === 'string' ? utf8(pkt) : pkt;
      if (!(bytes instanceof Uint8Array)) {
        throw this.locate(
          new ScapyTypeError(`${type.def.name}() positional argument must be bytes, not ${pythonType(pkt)}`),
          args[0].start,
        );
      }
      layers = dissect(bytes, { first: type }).layers;
      if (layers.length === 0) layers = [type.instantiate()];
    } else layers = [type.instantiate()];
    const layer = layers[0];
    for (const keyword of kwargs) {
      try {
        this.setField(layer, keyword.name, this.value(keyword.value));
      } catch (error) {
        throw this.locate(error, keyword.start);
      }
    }
    return new LayerStack(layers);
  }

  private setField(layer: Layer, given: string, value: ScapyValue): void {
    const def = layer.def;
    const name = FIELD_ALIASES.get(`${def.name}.${given}`) ?? given;
    const index = fieldIndexOf(def, name);
    const field = def.fields[index];
    if (value === null) {
      // scapy's None: computed on build for auto fields; scapy's default for the others.
      layer.values[index] = field.auto
        ? undefined
        : (scapyDefault(def.name, name)?.() ?? def.defaults[index]);
      return;
    }
    const input = toFieldInput(value, def.name, name);
    if (input === undefined) throw new FieldValueError(def.name, name, value, 'no value');
    layer.setField(name, input);
  }
}

/** scapy 2.5 names the 802.1Q DEI bit `id` (renamed `dei` later); both are accepted. */
const FIELD_ALIASES = new Map([
  ['Dot1Q.id', 'dei'],
  ['Dot1AD.id', 'dei'],
]);

function asStack(v: ScapyValue): LayerStack | undefined {
  if (v instanceof LayerStack) return v;
  if (v instanceof LayerClass) return new LayerStack([v.instantiate()]);
  return undefined;
}

function rawOf(v: ScapyValue): LayerStack | undefined {
  if (v instanceof Uint8Array) return new LayerStack([Raw({ load: v })]);
  if (typeof v === 'string') return new LayerStack([Raw({ load: utf8(v) })]);
  return undefined;
}
