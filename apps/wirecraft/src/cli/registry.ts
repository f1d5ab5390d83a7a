import type { Command } from './command.js';

/** Every command the CLI knows, in the order `--help` lists them. Commands register here. */
export const commands: Command[] = [];

export function findCommand(name: string): Command | undefined {
  return commands.find((c) => c.name === name);
}
