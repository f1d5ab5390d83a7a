import { describe, expect, it } from '@jest/globals';
import { UsageError } from '../cli/command.js';
import { parseCommandArgs } from './command-args.js';

const options = { timeout: { type: 'string' }, json: { type: 'boolean' } } as const;

function usageError(argv: string[]): string {
  try {
    parseCommandArgs('dora', argv, options);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`parsed ${argv.join(' ')} without an error`);
}

describe('parseCommandArgs', () => {
  it('parses strictly', () => {
    expect(parseCommandArgs('dora', ['--timeout', '5', '--json'], options).values).toEqual({
      timeout: '5',
      json: true,
    });
  });

  it('turns parseArgs errors into one-line usage errors pointing at --help', () => {
    expect(usageError(['--bogus'])).toBe("Unknown option '--bogus' (see wirecraft dora --help)");
    expect(usageError(['--timeout'])).toBe(
      "Option '--timeout <value>' argument missing (see wirecraft dora --help)",
    );
    expect(usageError(['--timeout', '-1'])).toBe(
      "--timeout needs a value; write a value starting with '-' as --timeout=-VALUE (see wirecraft dora --help)",
    );
    expect(usageError(['stray'])).not.toContain('\n');
  });
});
