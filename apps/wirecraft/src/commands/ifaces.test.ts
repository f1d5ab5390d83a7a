import { describe, expect, it } from '@jest/globals';
import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { capturedIO } from '../../test/captured-io.js';
import { runCli } from '../cli/run-cli.js';
import { InterfacesTable } from '../components/interfaces-table.js';

describe('wirecraft ifaces', () => {
  it('--json prints one object per interface, loopback included', async () => {
    const out = capturedIO();
    expect(await runCli(['ifaces', '--json'], out.io)).toBe(0);
    const lo = out.jsonLines().find((l) => l.name === 'lo');
    expect(lo).toMatchObject({ loopback: true, up: true, ipv4: [{ address: '127.0.0.1', prefixLength: 8 }] });
  });

  it('renders a table row per interface', () => {
    const { lastFrame, unmount } = render(
      createElement(InterfacesTable, {
        color: false,
        interfaces: [
          {
            name: 'lo',
            index: 1,
            mac: '00:00:00:00:00:00',
            ipv4: [{ address: '127.0.0.1', prefixLength: 8 }],
            up: true,
            loopback: true,
            mtu: 65536,
            operstate: 'unknown',
          },
          {
            name: 'veth9',
            index: 7,
            mac: '02:77:63:00:01:02',
            ipv4: [],
            up: false,
            loopback: false,
            mtu: 1500,
            operstate: 'down',
          },
        ],
      }),
    );
    expect(lastFrame()?.split('\n')).toEqual([
      'name            mac               ipv4                    state type',
      'lo              00:00:00:00:00:00 127.0.0.1/8             up    loopback',
      'veth9           02:77:63:00:01:02 -                       down',
    ]);
    unmount();
  });
});
