import { describe, expect, it } from '@jest/globals';
import {
  BOOTP,
  DHCP,
  DhcpOptionValueError,
  dissect,
  Ether,
  FieldValueError,
  fromHex,
  IP,
  packet,
  toHex,
  UDP,
  UnknownDhcpOptionError,
} from '../index.js';

const MAC = '02:00:00:00:00:01';
const frame = (dhcp: ReturnType<typeof DHCP>, bootp = BOOTP({ chaddr: MAC, xid: 7 })) =>
  packet(Ether({ src: MAC }), IP({ src: '0.0.0.0', dst: '255.255.255.255' }), UDP(), bootp, dhcp);
const optionBytes = (p: ReturnType<typeof frame>) => toHex(p.build().subarray(42 + 240));

describe('DHCP construction', () => {
  it('takes scapy-shaped pairs and builds the same bytes as scapy', () => {
    const dhcp = DHCP({ options: [['message-type', 'discover'], ['param_req_list', [1, 3, 6]], 'end'] });
    expect(optionBytes(frame(dhcp))).toBe('350101' + '3703010306' + 'ff');
  });
  it('takes an object, in insertion order', () => {
    const dhcp = DHCP({ options: { 'message-type': 'ack', lease_time: 3600, router: ['192.0.2.1'] } });
    expect(optionBytes(frame(dhcp))).toBe('350105' + '330400000e10' + '0304c0000201' + 'ff');
  });
  it("appends 'end' when absent and never doubles it", () => {
    expect(optionBytes(frame(DHCP({ options: [['message-type', 'request']] })))).toBe('350103ff');
    expect(optionBytes(frame(DHCP({ options: [['message-type', 'request'], 'end', 'pad', 'pad'] })))).toBe(
      '350103ff0000',
    );
    expect(optionBytes(frame(DHCP()))).toBe('ff');
  });
  it('takes any code with bytes, and raw bytes written as they are (malformed on purpose)', () => {
    const dhcp = DHCP({ options: [[224, Uint8Array.of(1, 2)], Uint8Array.of(0x33, 0x02, 0xff), 'end'] });
    expect(optionBytes(frame(dhcp))).toBe('e0020102' + '3302ff' + 'ff');
    const back = dissect(frame(dhcp).build());
    expect(back.problems.map((p) => p.field)).toEqual(['lease_time']);
  });
  it('rejects an unknown name, a wrong type and an out-of-range value, naming layer, option and value', () => {
    expect(() => DHCP({ options: [['lease_tme' as 'lease_time', 5]] })).toThrow(UnknownDhcpOptionError);
    expect(() => DHCP({ options: [['lease_tme' as 'lease_time', 5]] })).toThrow(/DHCP\.options.*"lease_tme"/);
    expect(() => DHCP({ options: { lease_time: 'long' as unknown as number } })).toThrow(
      DhcpOptionValueError,
    );
    expect(() => DHCP({ options: { lease_time: 2 ** 32 } })).toThrow(
      /DHCP\.options\.lease_time: expected an integer 0\.\.4294967295 \(got 4294967296\)/,
    );
    expect(() => DHCP({ options: { router: ['192.0.2.300'] } })).toThrow(FieldValueError);
    expect(() => DHCP({ options: [['pad' as 'hostname', 'x']] })).toThrow(/pad and end have no value/);
  });
  it('gives compile errors for wrong value types (checked by tsc)', () => {
    // @ts-expect-error lease_time is a number
    expect(() => DHCP({ options: { lease_time: 'x' } })).toThrow();
    // @ts-expect-error router is a list of addresses
    expect(() => DHCP({ options: [['router', 5]] })).toThrow();
    // @ts-expect-error no such option
    expect(() => DHCP({ options: { leasetime: 1 } })).toThrow();
    const dhcp = DHCP();
    // @ts-expect-error hostname is text
    expect(() => dhcp.setOption('hostname', 12)).toThrow();
    const lease: number | undefined = dhcp.getOption('lease_time');
    const routers: string[] | undefined = dhcp.getOption(3);
    expect([lease, routers]).toEqual([undefined, undefined]);
  });
});

describe('reading and writing options by name or code', () => {
  it('gets typed values by name and by code', () => {
    const dhcp = DHCP({
      options: { 'message-type': 'offer', server_id: '198.18.0.1', name_server: '198.18.0.2' },
    });
    expect(dhcp.getOption('message-type')).toBe('offer');
    expect(dhcp.messageType).toBe('offer');
    expect(dhcp.getOption(54)).toBe('198.18.0.1');
    expect(dhcp.getOption('name_server')).toEqual(['198.18.0.2']);
    expect(dhcp.hasOption('server_id')).toBe(true);
    expect(dhcp.hasOption(51)).toBe(false);
    expect(() => dhcp.getOption('nope' as 'hostname')).toThrow(UnknownDhcpOptionError);
  });
  it("sets in place, inserts new options before 'end', and deletes every instance", () => {
    const dhcp = DHCP({ options: [['message-type', 'offer'], ['lease_time', 60], 'end', 'pad'] });
    dhcp.setOption('lease_time', 3600).setOption('router', ['192.0.2.1']).setOption(224, Uint8Array.of(9));
    expect(optionBytes(frame(dhcp))).toBe('350102' + '330400000e10' + '0304c0000201' + 'e00109' + 'ff00');
    expect(dhcp.deleteOption('lease_time')).toBe(true);
    expect(dhcp.deleteOption('lease_time')).toBe(false);
    expect(dhcp.optionEntries().map((e) => e.name)).toEqual(['message-type', 'router', '224', 'end', 'pad']);
  });
  it('keeps default layers independent (the shared default list is copied on write)', () => {
    const a = DHCP();
    const b = DHCP();
    a.setOption('hostname', 'a');
    expect(b.hasOption('hostname')).toBe(false);
    expect(DHCP().options.length).toBe(1);
  });
  it('replaces a split or malformed option as a whole', () => {
    const raw = ['0c026869', '0103ffffff', '0c0121', 'ff'].map((h) => fromHex(h)!);
    const p = dissect(frame(DHCP({ options: raw })).build());
    const dhcp = p.layer(DHCP);
    expect(dhcp.getOption('hostname')).toBe('hi!');
    expect(p.malformed).toBe(true);
    expect(p.problems.map((x) => x.field)).toEqual(['subnet_mask']);
    dhcp.setOption('subnet_mask', '255.255.255.0').setOption('hostname', 'box');
    expect(toHex(p.build().subarray(42 + 240))).toBe('0c03626f78' + '0104ffffff00' + 'ff');
  });
  it('copies deeply', () => {
    const dhcp = DHCP({ options: { router: ['192.0.2.1'] } });
    const copy = dhcp.copy();
    copy.getOption('router')!.push('192.0.2.2');
    copy.setOption('hostname', 'x');
    expect(dhcp.getOption('router')).toEqual(['192.0.2.1']);
    expect(dhcp.hasOption('hostname')).toBe(false);
  });
});

describe('DHCP views', () => {
  const p = frame(
    DHCP({
      options: [
        ['message-type', 'discover'],
        ['client_id', { type: 1, id: MAC }],
        ['param_req_list', [1, 3, 6]],
        ['classless_static_routes', ['10.0.0.0/8:198.18.0.1']],
      ],
    }),
  );
  it("summary is scapy's", () => {
    expect(dissect(p.build()).summary()).toBe(
      'Ether / IP / UDP 0.0.0.0:68 > 255.255.255.255:67 / BOOTP / DHCP Discover',
    );
    expect(frame(DHCP({ options: { 'message-type': 'force_renew' } })).summary()).toMatch(
      /DHCP Force_renew$/,
    );
    expect(frame(DHCP()).summary()).toMatch(/ \/ DHCP$/);
  });
  it('show lists each option once, on the options line', () => {
    const text = dissect(p.build()).show();
    expect(text).toContain('options   = [message-type=discover client_id=1:02:00:00:00:00:01');
    for (const needle of ['message-type=', 'client_id=', 'param_req_list=', 'classless_static_routes='])
      expect(text.split(needle).length - 1).toBe(1);
    expect(text).toContain('param_req_list=[subnet_mask, router, name_server]');
    expect(text).toContain('classless_static_routes=[10.0.0.0/8:198.18.0.1]');
  });
  it('show adds the overloaded area once', () => {
    const dhcp = DHCP({ options: [['message-type', 'ack'], ['dhcp-option-overload', 1], 'end'] });
    const file = Uint8Array.of(12, 2, 0x68, 0x69, 255);
    const text = dissect(frame(dhcp, BOOTP({ chaddr: MAC, xid: 7, file })).build()).show();
    expect(text.split('message-type=').length - 1).toBe(1);
    expect(text).toMatch(/options overloaded into file:\n\s+hostname="hi"\n\s+end/);
    expect(text.split('hostname=').length - 1).toBe(1);
  });
  it('JSON lists the options in wire order with typed values', () => {
    const json = dissect(p.build()).toJSON();
    expect(json.layers[3].fields.chaddr).toBe(`020000000001${'00'.repeat(10)}`);
    expect(json.layers[4]).toEqual({
      name: 'DHCP',
      fields: {
        options: [
          { code: 53, name: 'message-type', value: 'discover' },
          { code: 61, name: 'client_id', value: { type: 1, id: MAC } },
          { code: 55, name: 'param_req_list', value: [1, 3, 6] },
          {
            code: 121,
            name: 'classless_static_routes',
            value: [{ network: '10.0.0.0/8', router: '198.18.0.1' }],
          },
          { code: 255, name: 'end', value: null },
        ],
      },
    });
  });
});

describe('option overload (52)', () => {
  function overloaded() {
    const file = new Uint8Array(128);
    file.set(fromHex('0c0466696c65ff')!);
    const sname = new Uint8Array(64);
    sname.set(fromHex('0f03736e6dff')!);
    const bootp = BOOTP({ chaddr: MAC, file, sname });
    return frame(DHCP({ options: { 'message-type': 'ack', 'dhcp-option-overload': 3 } }), bootp).build();
  }
  it('dissects options carried in file and sname', () => {
    const p = dissect(overloaded());
    const dhcp = p.layer(DHCP);
    expect(p.problems).toEqual([]);
    expect(dhcp.getOption('hostname')).toBe('file');
    expect(dhcp.getOption('domain')).toBe('snm');
    expect(dhcp.options.file?.codes).toEqual([12, 255]);
    expect(toHex(p.build())).toBe(toHex(overloaded()));
  });
  it('writes changed overloaded options back into BOOTP file', () => {
    const p = dissect(overloaded());
    p.layer(DHCP).setOption('hostname', 'other');
    const again = dissect(p.build());
    expect(again.layer(DHCP).getOption('hostname')).toBe('other');
    expect(toHex(again.layer(BOOTP).file.subarray(0, 9))).toBe('0c056f74686572ff00');
  });
  it('reports malformed options inside file at their frame offset', () => {
    const bytes = overloaded();
    bytes[42 + 108 + 1] = 200;
    const p = dissect(bytes);
    expect(p.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'malformed-option', field: 'hostname', offset: 42 + 108 }),
      ]),
    );
  });
  it('refuses overloaded options that no longer fit in file', () => {
    const p = dissect(overloaded());
    p.layer(DHCP).setOption('hostname', 'x'.repeat(200));
    expect(() => p.build()).toThrow(/file take 203 bytes; the field has 128/);
  });
});
