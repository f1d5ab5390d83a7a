import { LabOptionError } from '../errors.js';

const dottedQuad = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Check an IPv4 address option before it reaches a peer's config, where the error would be cryptic. */
export function requireIpv4(field: string, value: string): string {
  if (!dottedQuad.test(value)) throw new LabOptionError(field, value, 'give a dotted-quad IPv4 address');
  return value;
}

export function toList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
