import { canonicalMac, randomMac, readMac, writeMac } from '../../field/mac.js';
import { randomBytes, randomInt } from '../../field/random.js';
import { bytesRepr, fromHex, toHex } from '../../hex.js';
import { DhcpOptionValueError, MALFORMED, type OptionCodec } from '../option-codec.js';

/**
 * Option 61 client identifier (RFC 2132 §9.14): a type byte then an identifier. Type 1 (Ethernet) with 6
 * bytes is shown as a MAC string; anything else keeps its bytes (type 255 is RFC 4361's IAID + DUID).
 */
export interface ClientId {
  type: number;
  id: string | Uint8Array;
}

/** Input: `{ type, id }`, a MAC string (type 1), or the raw option bytes including the type byte. */
export type ClientIdInput = ClientId | string | Uint8Array;

export const clientIdCodec: OptionCodec<ClientId, ClientIdInput> = {
  expects: 'a type byte and at least one identifier byte',
  normalize(input, option) {
    if (typeof input === 'string') {
      const m = canonicalMac(input);
      if (!m) throw new DhcpOptionValueError(option, input, 'expected a MAC string, { type, id } or bytes');
      return { type: 1, id: m };
    }
    if (input instanceof Uint8Array) {
      if (input.length < 2)
        throw new DhcpOptionValueError(option, input, 'needs a type byte and at least one identifier byte');
      const read = clientIdCodec.read(input, 0, input.length);
      return read === MALFORMED ? { type: input[0], id: input.slice(1) } : read;
    }
    if (typeof input !== 'object' || input === null)
      throw new DhcpOptionValueError(option, input, 'expected { type, id }, a MAC string or bytes');
    const { type, id } = input;
    if (!Number.isInteger(type) || type < 0 || type > 255)
      throw new DhcpOptionValueError(option, input, 'type must be an integer 0..255');
    if (typeof id === 'string') {
      const m = canonicalMac(id);
      if (!m) throw new DhcpOptionValueError(option, input, 'id must be a MAC string or bytes');
      return { type, id: m };
    }
    if (!(id instanceof Uint8Array) || id.length === 0)
      throw new DhcpOptionValueError(option, input, 'id must be a MAC string or non-empty bytes');
    // One canonical form: an Ethernet MAC given as bytes is stored as its string.
    if (type === 1 && id.length === 6) return { type, id: readMac(id, 0) };
    return { type, id };
  },
  length: (v) => 1 + (typeof v.id === 'string' ? 6 : v.id.length),
  write(out, offset, v) {
    out[offset] = v.type;
    if (typeof v.id === 'string') writeMac(v.id, out, offset + 1);
    else out.set(v.id, offset + 1);
  },
  read(b, start, end) {
    if (end - start < 2) return MALFORMED;
    const type = b[start];
    if (type === 1 && end - start === 7) return { type, id: readMac(b, start + 1) };
    return { type, id: b.slice(start + 1, end) };
  },
  json: (v) => ({ type: v.type, id: typeof v.id === 'string' ? v.id : toHex(v.id) }),
  fromJson(json, option) {
    const o = json as { type?: unknown; id?: unknown };
    if (typeof o?.type === 'number' && typeof o.id === 'string') {
      // json() writes a MAC with colons and other identifiers as plain hex.
      const id = o.id.includes(':') ? o.id : fromHex(o.id);
      if (id !== undefined) return clientIdCodec.normalize({ type: o.type, id }, option);
    }
    throw new DhcpOptionValueError(option, json, 'expected { type, id: MAC or hex }');
  },
  repr: (v) => `${v.type}:${typeof v.id === 'string' ? v.id : bytesRepr(v.id)}`,
  random: () =>
    randomInt(2) === 0 ? { type: 1, id: randomMac() } : { type: 255, id: randomBytes(1 + randomInt(16)) },
};
