import { randomInt } from '../../field/random.js';
import { DhcpOptionValueError, type OptionCodec } from '../option-codec.js';
import {
  copyDomainList,
  domainListWire,
  domainNameProblem,
  readDomainList,
  storedName,
} from './domain-names.js';

/** Validates a list of names given by a user; names are stored without a trailing dot. */
export function normalizeDomainNames(input: unknown, option: string): string[] {
  if (!Array.isArray(input))
    throw new DhcpOptionValueError(option, input, 'expected a list of domain names, e.g. ["example.com"]');
  return input.map((name: unknown) => {
    if (typeof name !== 'string')
      throw new DhcpOptionValueError(option, name, 'expected a domain name as a string');
    const problem = domainNameProblem(name);
    if (problem) throw new DhcpOptionValueError(option, name, `not a domain name: ${problem}`);
    return storedName(name);
  });
}

const SAMPLE_NAMES = ['example.com', 'lab.example.com', 'test', 'corp.example.org', '.'];

/**
 * Option 119 domain search (RFC 3397): the search list, names in DNS wire form with compression. Read as
 * `['lab.example.com', 'example.com']`; a list that does not decode (bad pointer, label or length) is kept
 * as bytes with a problem.
 */
export const domainSearchCodec: OptionCodec<string[], readonly string[]> = {
  expects: 'a list of domain names in DNS wire form (RFC 1035 compression allowed)',
  normalize: (input, option) => normalizeDomainNames(input, option),
  length: (v) => domainListWire(v).length,
  write(out, offset, v) {
    out.set(domainListWire(v), offset);
  },
  read: readDomainList,
  json: (v) => v.slice(),
  repr: (v) => `[${v.map((n) => JSON.stringify(n)).join(', ')}]`,
  random: () => Array.from({ length: 1 + randomInt(3) }, () => SAMPLE_NAMES[randomInt(SAMPLE_NAMES.length)]),
  copy: copyDomainList,
};
