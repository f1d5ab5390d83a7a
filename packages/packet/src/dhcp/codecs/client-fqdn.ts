import { randomInt } from '../../field/random.js';
import { DhcpOptionValueError, MALFORMED, type OptionCodec } from '../option-codec.js';
import { readText, textLength, writeText } from './text.js';

/**
 * Option 81 client FQDN (RFC 4702): flags (S=1, O=2, E=4, N=8), two deprecated RCODE bytes, then the name.
 * With E set the name is in DNS wire form (labels, no compression); a name ending in '.' is fully qualified
 * (terminated by the root label), one without is a partial name. Without E it is ASCII, as sent.
 */
export interface ClientFqdn {
  flags: number;
  rcode1: number;
  rcode2: number;
  name: string;
}

export type ClientFqdnInput = Omit<ClientFqdn, 'rcode1' | 'rcode2'> & { rcode1?: number; rcode2?: number };

const FLAG_E = 0x04;

function wireNameLength(name: string): number {
  if (name === '') return 0;
  if (name === '.') return 1;
  // Every dot becomes a length byte (a trailing one the root label), plus the first label's length byte.
  return textLength(name) + 1;
}

function checkLabels(name: string): string | undefined {
  if (name === '' || name === '.') return undefined;
  const body = name.endsWith('.') ? name.slice(0, -1) : name;
  for (const label of body.split('.')) {
    const n = textLength(label);
    if (n === 0) return 'empty label';
    if (n > 63) return `label "${label}" is longer than 63 bytes`;
  }
  return undefined;
}

export const clientFqdnCodec: OptionCodec<ClientFqdn, ClientFqdnInput> = {
  expects: 'flags, two RCODE bytes and a name (DNS labels without compression when flag E is set)',
  normalize(input, option) {
    if (typeof input !== 'object' || input === null || typeof input.name !== 'string')
      throw new DhcpOptionValueError(option, input, 'expected { flags, name, rcode1?, rcode2? }');
    const { flags, rcode1 = 0, rcode2 = 0, name } = input;
    for (const [field, v] of [
      ['flags', flags],
      ['rcode1', rcode1],
      ['rcode2', rcode2],
    ] as const) {
      if (!Number.isInteger(v) || v < 0 || v > 255)
        throw new DhcpOptionValueError(option, input, `${field} must be an integer 0..255`);
    }
    if (flags & FLAG_E) {
      const bad = checkLabels(name);
      if (bad) throw new DhcpOptionValueError(option, input, `name in wire form: ${bad}`);
    }
    return { flags, rcode1, rcode2, name };
  },
  length(v) {
    return 3 + (v.flags & FLAG_E ? wireNameLength(v.name) : textLength(v.name));
  },
  write(out, offset, v) {
    out[offset] = v.flags;
    out[offset + 1] = v.rcode1;
    out[offset + 2] = v.rcode2;
    let o = offset + 3;
    if (!(v.flags & FLAG_E)) {
      writeText(v.name, out, o);
      return;
    }
    if (v.name === '') return;
    if (v.name === '.') {
      out[o] = 0;
      return;
    }
    const qualified = v.name.endsWith('.');
    const body = qualified ? v.name.slice(0, -1) : v.name;
    for (const label of body.split('.')) {
      const n = writeText(label, out, o + 1);
      out[o] = n;
      o += 1 + n;
    }
    if (qualified) out[o] = 0;
  },
  read(b, start, end) {
    if (end - start < 3) return MALFORMED;
    const flags = b[start];
    const rcode1 = b[start + 1];
    const rcode2 = b[start + 2];
    let o = start + 3;
    if (!(flags & FLAG_E)) return { flags, rcode1, rcode2, name: readText(b, o, end) };
    let name = '';
    if (o === end) return { flags, rcode1, rcode2, name };
    while (o < end) {
      const n = b[o];
      if (n === 0) {
        // The root label ends the name; anything after it cannot be represented.
        if (o + 1 !== end) return MALFORMED;
        return { flags, rcode1, rcode2, name: name === '' ? '.' : `${name}.` };
      }
      if (n > 63 || o + 1 + n > end) return MALFORMED;
      for (let i = o + 1; i <= o + n; i++) if (b[i] === 0x2e) return MALFORMED;
      name += (name === '' ? '' : '.') + readText(b, o + 1, o + 1 + n);
      o += 1 + n;
    }
    return { flags, rcode1, rcode2, name };
  },
  json: (v) => ({ flags: v.flags, rcode1: v.rcode1, rcode2: v.rcode2, name: v.name }),
  repr: (v) =>
    `flags=0x${v.flags.toString(16)} rcode1=${v.rcode1} rcode2=${v.rcode2} name=${JSON.stringify(v.name)}`,
  random: () => ({
    flags: randomInt(2) * FLAG_E + randomInt(2),
    rcode1: 0,
    rcode2: 0,
    name: ['host', 'host.example.com.', 'a.b', ''][randomInt(4)],
  }),
};
