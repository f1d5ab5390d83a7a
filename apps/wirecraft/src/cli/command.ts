/** What every CLI command declares: its name, usage, examples and the function that runs it. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  examples: string[];
  /** Resolves to the process exit code: 0 success, 1 the operation failed, 2 usage error. */
  run(argv: string[], io: CommandIO): Promise<number>;
}

export interface CommandIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
}

/** A usage error: printed as one line on stderr with exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function formatHelp(command: Command): string {
  const lines = [`wirecraft ${command.name}: ${command.summary}`, '', `usage: ${command.usage}`];
  if (command.examples.length > 0) {
    lines.push('', 'examples:', ...command.examples.map((e) => `  ${e}`));
  }
  return `${lines.join('\n')}\n`;
}
