import { parseArgs } from 'node:util';
import { canonicalIpv4, canonicalMac } from '@wirecraft/packet';
import { UsageError } from '../cli/command.js';

export type OptionSpec = Record<
  string,
  { type: 'string' | 'boolean'; short?: string; multiple?: boolean; default?: string | boolean }
>;

/**
 * node:util parseArgs in strict mode, with its TypeErrors turned into UsageErrors (exit 2) that name the
 * command and point at --help.
 */
export function parseCommandArgs<T extends OptionSpec>(
  command: string,
  argv: string[],
  options: T,
  allowPositionals = false,
) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (error) {
    throw new UsageError(`${usageMessage(error)} (see wirecraft ${command} --help)`);
  }
}

/**
 * parseArgs' message on one line. Its advice for a value that starts with a dash (`--timeout -1`) spans
 * three lines; it becomes a short hint in our own words.
 */
function usageMessage(error: unknown): string {
  // Not `instanceof Error`: node:util's TypeError comes from another realm under test runners' VMs.
  const own = (error as { message?: unknown } | undefined)?.message;
  const message = typeof own === 'string' ? own : String(error);
  const dashValue = /use '(--[\w-]+)=-XYZ'/.exec(message);
  if (dashValue) {
    return `${dashValue[1]} needs a value; write a value starting with '-' as ${dashValue[1]}=-VALUE`;
  }
  return message.replace(/\. To specify.*$/s, '').split('\n')[0];
}

/** A duration option in seconds: a finite number > 0 (fractions allowed). */
export function secondsOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(
      `--${name} ${JSON.stringify(value)} is not a duration: give seconds > 0, e.g. --${name} 5`,
    );
  }
  return seconds;
}

/** A count option: an integer >= min. */
export function integerOption(name: string, value: string | undefined, min = 1): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number < min) {
    throw new UsageError(`--${name} ${JSON.stringify(value)} is not an integer >= ${min}`);
  }
  return number;
}

/** A rate or factor: a finite number > 0. */
export function positiveNumberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0) {
    throw new UsageError(`--${name} ${JSON.stringify(value)} is not a number > 0`);
  }
  return number;
}

export function ipv4Option(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const address = canonicalIpv4(value);
  if (!address)
    throw new UsageError(`--${name} ${JSON.stringify(value)} is not an IPv4 address (e.g. 198.18.0.10)`);
  return address;
}

export function macOption(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const mac = canonicalMac(value);
  if (!mac)
    throw new UsageError(`--${name} ${JSON.stringify(value)} is not a MAC address (e.g. 02:00:00:00:00:01)`);
  return mac;
}
