import { buildCommand } from '../commands/build.js';
import { composeCommand } from '../commands/compose.js';
import { decodeCommand } from '../commands/decode.js';
import { doraCommand } from '../commands/dora.js';
import { ifacesCommand } from '../commands/ifaces.js';
import { loadCommand } from '../commands/load.js';
import { probeCommand } from '../commands/probe.js';
import { replayCommand } from '../commands/replay.js';
import { replayCompareCommand } from '../commands/replay-compare.js';
import { serveCommand } from '../commands/serve.js';
import { sniffCommand } from '../commands/sniff.js';
import type { Command } from './command.js';

/** Every command the CLI knows, in the order `--help` lists them. Commands register here. */
export const commands: Command[] = [
  buildCommand,
  decodeCommand,
  doraCommand,
  serveCommand,
  loadCommand,
  ifacesCommand,
  replayCommand,
  sniffCommand,
  composeCommand,
  probeCommand,
  replayCompareCommand,
];

export function findCommand(name: string): Command | undefined {
  return commands.find((c) => c.name === name);
}
