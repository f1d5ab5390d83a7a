import { type CommandIO, formatHelp, UsageError } from './command.js';
import { commands, findCommand } from './registry.js';

function topHelp(): string {
  const width = commands.reduce((w, c) => Math.max(w, c.name.length), 0);
  return [
    'wirecraft: compose, send, capture and replay packets; run DHCP exchanges and probes',
    '',
    'usage: wirecraft <command> [options]   (wirecraft <command> --help for details)',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
  ].join('\n');
}

/** Dispatches argv to a command; never throws: errors become one line on stderr and an exit code. */
export async function runCli(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(topHelp());
    return name === undefined ? 2 : 0;
  }
  const command = findCommand(name);
  if (!command) {
    io.stderr.write(
      `wirecraft: unknown command '${name}'; known: ${commands.map((c) => c.name).join(', ')}\n`,
    );
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(formatHelp(command));
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`wirecraft ${name}: ${message}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}
