import type { InterfaceInfo } from '@wirecraft/capture';
import { Box, Text } from 'ink';

export interface InterfacesTableProps {
  interfaces: readonly InterfaceInfo[];
  color: boolean;
}

export function interfaceRow(info: InterfaceInfo): string[] {
  return [
    info.name,
    info.mac || '-',
    info.ipv4.map((a) => `${a.address}/${a.prefixLength}`).join(', ') || '-',
    info.up ? 'up' : 'down',
    info.loopback ? 'loopback' : '',
  ];
}

const WIDTHS = [16, 18, 24, 6];

export function InterfacesTable({ interfaces, color }: InterfacesTableProps) {
  return (
    <Box flexDirection="column">
      <Text bold>
        {['name', 'mac', 'ipv4', 'state'].map((h, i) => h.padEnd(WIDTHS[i])).join('')}
        {'type'}
      </Text>
      {interfaces.map((info) => {
        const [name, mac, ipv4, state, type] = interfaceRow(info);
        return (
          <Text key={info.name} wrap="truncate-end">
            {name.padEnd(WIDTHS[0])}
            {mac.padEnd(WIDTHS[1])}
            {ipv4.padEnd(WIDTHS[2])}
            <Text {...(color ? { color: info.up ? 'green' : 'red' } : {})}>{state.padEnd(WIDTHS[3])}</Text>
            {type}
          </Text>
        );
      })}
    </Box>
  );
}
