import { formatIpv4, parseIpv4, randomIpv4, readIpv4, writeIpv4 } from '../../field/ipv4.js';
import { randomInt } from '../../field/random.js';
import { DhcpOptionValueError, MALFORMED, type OptionCodec } from '../option-codec.js';

function canonical(input: unknown, option: string): string {
  const n = typeof input === 'string' ? parseIpv4(input) : -1;
  if (n < 0) throw new DhcpOptionValueError(option, input, 'expected an IPv4 address "a.b.c.d"');
  return formatIpv4(n);
}

/** One IPv4 address (subnet_mask, server_id, requested_addr). */
export const ipv4Codec: OptionCodec<string> = {
  expects: 'a 4-byte IPv4 address',
  normalize: canonical,
  length: () => 4,
  write(out, offset, value) {
    writeIpv4(value, out, offset);
  },
  read(bytes, start, end) {
    return end - start === 4 ? readIpv4(bytes, start) : MALFORMED;
  },
  json: (v) => v,
  repr: (v) => v,
  random: randomIpv4,
};

/** A list of IPv4 addresses (router, name_server, NTP_server); a single address is accepted as input. */
export const ipv4ListCodec: OptionCodec<string[], string> = {
  expects: 'IPv4 addresses (a multiple of 4 bytes)',
  normalize(input, option) {
    if (typeof input === 'string') return [canonical(input, option)];
    if (!Array.isArray(input))
      throw new DhcpOptionValueError(option, input, 'expected an IPv4 address or a list of them');
    const out = new Array<string>(input.length);
    for (let i = 0; i < input.length; i++) out[i] = canonical(input[i], option);
    return out;
  },
  length: (v) => v.length * 4,
  write(out, offset, value) {
    for (let i = 0; i < value.length; i++) writeIpv4(value[i], out, offset + i * 4);
  },
  read(bytes, start, end) {
    const n = end - start;
    if (n % 4 !== 0) return MALFORMED;
    const out = new Array<string>(n / 4);
    for (let i = 0; i < out.length; i++) out[i] = readIpv4(bytes, start + i * 4);
    return out;
  },
  json: (v) => v.slice(),
  repr: (v) => v.join(','),
  random: () => Array.from({ length: 1 + randomInt(3) }, randomIpv4),
};
