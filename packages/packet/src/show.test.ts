import { describe, expect, it } from '@jest/globals';
import { BOOTP, DHCP, Ether, IP, Raw, UDP, dissect, packet, show, summary } from './index.js';

const frame = () =>
  packet(
    Ether({ dst: 'ff:ff:ff:ff:ff:ff', src: '02:00:00:00:00:01' }),
    IP({ src: '198.18.0.1', dst: '198.18.0.2', flags: 'DF' }),
    UDP({ sport: 68, dport: 67 }),
    Raw({ load: 'hello world, this is a test\x00\x01' }),
  );

describe('show', () => {
  it('prints scapy-style headings, indented fields, enum names, hex, and None for unset auto fields', () => {
    // Compare scapy 2.5: p.show() of the same packet (scapy prints `tos = 0x0`, bare enum names).
    expect(show(frame())).toBe(
      [
        '###[ Ethernet ]###',
        '  dst       = ff:ff:ff:ff:ff:ff',
        '  src       = 02:00:00:00:00:01',
        '  type      = IPv4 (0x0800)',
        '###[ IP ]###',
        '     version   = 4',
        '     ihl       = None',
        '     tos       = 0x00',
        '     len       = None',
        '     id        = 1',
        '     flags     = DF (0x2)',
        '     frag      = 0',
        '     ttl       = 64',
        '     proto     = udp (17)',
        '     chksum    = None',
        '     src       = 198.18.0.1',
        '     dst       = 198.18.0.2',
        "     options   = b''",
        '###[ UDP ]###',
        '        sport     = bootpc (68)',
        '        dport     = bootps (67)',
        '        len       = None',
        '        chksum    = None',
        '###[ Raw ]###',
        "           load      = b'hello world, this is a test\\x00\\x01'",
      ].join('\n'),
    );
  });

  it('with computed: true shows the values the build computes (scapy show2)', () => {
    const text = frame().show({ computed: true });
    // scapy show2: ihl 5, len 57, chksum 0xae8b, UDP len 37, chksum 0x6040.
    expect(text).toContain('     ihl       = 5');
    expect(text).toContain('     len       = 57');
    expect(text).toContain('     chksum    = 0xae8b');
    expect(text).toContain('        len       = 37');
    expect(text).toContain('        chksum    = 0x6040');
    expect(text).not.toContain('None');
  });
});

describe('summary', () => {
  it('joins each layer summary like scapy', () => {
    expect(summary(frame())).toBe('Ether / IP / UDP 198.18.0.1:68 > 198.18.0.2:67 / Raw (29 bytes)');
    expect(frame().summary()).toBe(summary(frame()));
  });

  it('prints unset ports and protocol as they would be built, never undefined', () => {
    const dhcp = packet(Ether(), IP(), UDP(), BOOTP(), DHCP());
    expect(dhcp.summary()).toBe('Ether / IP / UDP 0.0.0.0:68 > 127.0.0.1:67 / BOOTP / DHCP');
    const reply = packet(Ether(), IP(), UDP(), BOOTP({ op: 2 }));
    expect(reply.summary()).toContain('UDP 0.0.0.0:67 > 127.0.0.1:68');
    expect(packet(IP(), UDP()).summary()).toBe('IP / UDP 0.0.0.0:53 > 127.0.0.1:53');
    expect(packet(IP(), Raw({ load: 'x' })).summary()).toBe('IP 0.0.0.0 > 127.0.0.1 0 / Raw (1 bytes)');
    expect(packet(IP(), UDP()).summary()).toBe(
      summary(dissect(packet(IP(), UDP()).build(), { linktype: 101 })),
    );
  });

  it('names an Ether that carries nothing known by its addresses', () => {
    expect(packet(Ether({ src: '02:00:00:00:00:01' })).summary()).toBe(
      'Ether 02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff',
    );
  });
});
