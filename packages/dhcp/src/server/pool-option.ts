import {
  type DhcpOptionInput,
  type DhcpOptionName,
  DhcpOptionValueError,
  EntryKind,
  fromHex,
  optionCode,
  optionListFrom,
} from '@wirecraft/packet';
import { DhcpConfigError } from '../leases/lease-errors.js';

/** A value for an option configured by name (the registry's input for that option), or the raw bytes. */
export type OptionValue = DhcpOptionInput<DhcpOptionName> | Uint8Array;

/** A configured option as an entry of a reply's option list: validated once, copied into every reply. */
export interface PoolOption {
  readonly code: number;
  readonly value: unknown;
  readonly kind: EntryKind;
}

/** Raw bytes go out as they are: a verbatim entry holds code, length and data. */
function verbatim(field: string, code: number, data: Uint8Array): PoolOption {
  if (data.length > 255)
    throw new DhcpConfigError(field, `${data.length} bytes`, 'keep an option to 255 bytes');
  const entry = new Uint8Array(2 + data.length);
  entry[0] = code;
  entry[1] = data.length;
  entry.set(data, 2);
  return { code, value: entry, kind: EntryKind.verbatim };
}

function rawBytes(field: string, code: number, value: unknown): PoolOption {
  if (value instanceof Uint8Array) return verbatim(field, code, value);
  const hex = typeof value === 'string' ? fromHex(value) : undefined;
  if (hex === undefined)
    throw new DhcpConfigError(
      field,
      value,
      'give an option set by code as a Uint8Array or hex text such as "0a:0b"',
    );
  return verbatim(field, code, hex);
}

/**
 * Validates one configured option with the packet registry's codec for it; throws DhcpConfigError naming
 * the field, the value and what the option takes.
 */
export function poolOption(field: string, name: string, value: unknown): PoolOption {
  const code = optionCode(name);
  if (code === undefined) {
    const match = /^(?:option_)?(\d{1,3})$/.exec(name);
    const number = match === null ? -1 : Number(match[1]);
    if (number < 1 || number > 254) {
      throw new DhcpConfigError(
        field,
        value,
        'unknown option name; use a @wirecraft/packet registry name (subnet_mask, router, name_server, NTP_server, ...) or option_<code> with bytes',
      );
    }
    return rawBytes(field, number, value);
  }
  if (value instanceof Uint8Array) return verbatim(field, code, value);
  try {
    const list = optionListFrom([[code, value] as readonly [number, Uint8Array]]);
    return { code, value: list.values[0], kind: EntryKind.option };
  } catch (error) {
    if (error instanceof DhcpOptionValueError) throw new DhcpConfigError(field, value, error.message);
    throw error;
  }
}
