import { listInterfaces } from '@wirecraft/capture';
import { createElement } from 'react';
import { parseCommandArgs } from '../args/command-args.js';
import type { Command } from '../cli/command.js';
import { InterfacesTable } from '../components/interfaces-table.js';
import { startLiveScreen } from '../output/live-screen.js';
import { outputMode, writeJsonLine } from '../output/output-mode.js';

export const ifacesCommand: Command = {
  name: 'ifaces',
  summary: 'list network interfaces: name, MAC, IPv4 addresses, up/down, loopback',
  usage: 'wirecraft ifaces [--json]',
  examples: ['wirecraft ifaces', 'wirecraft ifaces --json   # one JSON object per interface'],
  async run(argv, io) {
    const { values } = parseCommandArgs('ifaces', argv, { json: { type: 'boolean' } });
    const mode = outputMode(io, values.json);
    const interfaces = listInterfaces();
    if (mode.json) {
      for (const info of interfaces) {
        writeJsonLine(io.stdout, {
          name: info.name,
          mac: info.mac,
          ipv4: info.ipv4,
          up: info.up,
          loopback: info.loopback,
          mtu: info.mtu,
          operstate: info.operstate,
        });
      }
      return 0;
    }
    const element = createElement(InterfacesTable, { interfaces, color: mode.color });
    await startLiveScreen(io, element).finish(element);
    return 0;
  },
};
