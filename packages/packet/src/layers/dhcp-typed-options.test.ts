import { describe, expect, it } from '@jest/globals';
import {
  BOOTP,
  DHCP,
  dissect,
  Ether,
  fromJSON,
  fromScapy,
  IP,
  packet,
  toJSON,
  toScapy,
  UDP,
} from '../index.js';

const frame = (dhcp: ReturnType<typeof DHCP>) =>
  packet(
    Ether(),
    IP({ src: '198.18.0.1', dst: '198.18.0.2' }),
    UDP({ sport: 67, dport: 68 }),
    BOOTP({ op: 2 }),
    dhcp,
  );

const typed = () =>
  frame(
    DHCP({
      options: [
        ['message-type', 'ack'],
        ['user_class', ['iPXE', 'abc']],
        ['domain-search', ['lab.example.com', 'example.com']],
        ['sip-servers', { names: ['sip.example.com'] }],
        'end',
      ],
    }),
  );

describe('user_class, domain-search and sip-servers on the DHCP layer', () => {
  it('read back typed after a build', () => {
    const dhcp = dissect(typed().build()).layer(DHCP);
    expect(dhcp.getOption('user_class')).toEqual(['iPXE', 'abc']);
    expect(dhcp.getOption('domain-search')).toEqual(['lab.example.com', 'example.com']);
    expect(dhcp.getOption(120)).toEqual({ names: ['sip.example.com'] });
  });
  it('JSON: typed values, and back to the same bytes', () => {
    const p = dissect(typed().build());
    const json = toJSON(p);
    expect(json.layers[4].fields.options).toEqual(
      expect.arrayContaining([
        { code: 77, name: 'user_class', value: ['iPXE', 'abc'] },
        { code: 119, name: 'domain-search', value: ['lab.example.com', 'example.com'] },
        { code: 120, name: 'sip-servers', value: { names: ['sip.example.com'] } },
      ]),
    );
    expect(fromJSON(JSON.parse(JSON.stringify(json))).build()).toEqual(p.build());
    const raw = frame(DHCP({ options: [['user_class', Uint8Array.of(0x69, 0x50)]] }));
    const rawJson = toJSON(dissect(raw.build()));
    expect(rawJson.layers[4].fields.options).toContainEqual({
      code: 77,
      name: 'user_class',
      value: { raw: '6950' },
    });
    expect(fromJSON(JSON.parse(JSON.stringify(rawJson))).build()).toEqual(raw.build());
  });
  it('show() prints the values', () => {
    const text = dissect(typed().build()).show();
    expect(text).toContain('user_class=["iPXE", "abc"]');
    expect(text).toContain('domain-search=["lab.example.com", "example.com"]');
    expect(text).toContain('sip-servers=names=["sip.example.com"]');
  });
  it("toScapy: user_class by scapy's name as bytes, 119/120 by code (scapy 2.5 has no names for them)", () => {
    const bytes = typed().build();
    const text = toScapy(dissect(bytes));
    expect(text).toContain("('user_class', b'\\x04iPXE\\x03abc')");
    expect(text).toMatch(/\(119, b'\\x03lab\\x07example\\x03com\\x00\\xc0\\x04'\)/);
    expect(text).toContain('(120, b');
    const again = fromScapy(text);
    expect(again.build()).toEqual(bytes);
    expect(again.layer(DHCP).getOption('domain-search')).toEqual(['lab.example.com', 'example.com']);
    expect(again.layer(DHCP).getOption('user_class')).toEqual(['iPXE', 'abc']);
  });
  it('a search list that does not decode is kept as bytes with a problem, and rebuilds', () => {
    const bad = frame(DHCP({ options: [Uint8Array.of(119, 4, 1, 0x61, 0xc0, 0), 'end'] })).build();
    const p = dissect(bad);
    expect(p.problems).toEqual([
      expect.objectContaining({ kind: 'malformed-option', field: 'domain-search', offset: 42 + 240 }),
    ]);
    expect(p.layer(DHCP).getOption('domain-search')).toBeUndefined();
    expect(p.build()).toEqual(bad);
  });
});
