import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { FieldValueError, UnknownFieldError } from '../errors.js';
import { toHex } from '../hex.js';
import '../index.js';
import { DHCP } from '../layers/dhcp.js';
import { Dot1Q } from '../layers/dot1q.js';
import { IP } from '../layers/ip.js';
import { Raw } from '../layers/raw.js';
import { UDP } from '../layers/udp.js';
import { UnknownScapyDhcpOptionError } from './dhcp-options.js';
import { ScapyEvalError, ScapyTypeError, UnknownScapyNameError } from './eval-errors.js';
import { evaluateScapy, fromScapy } from './evaluate.js';
import { ScapySyntaxError } from './syntax-error.js';
import { toScapy } from './to-scapy.js';

function evalError(source: string): ScapyEvalError {
  try {
    fromScapy(source);
  } catch (error) {
    if (error instanceof ScapyEvalError) return error;
    throw error;
  }
  throw new Error(`evaluated: ${source}`);
}

const S = 'src="198.18.0.1", dst="198.18.0.2"';

describe('fromScapy: layers and fields', () => {
  it('stacks layers with / and sets keyword fields through their validation', () => {
    const p = fromScapy(
      `Ether(src="02:00:00:00:00:01")/IP(${S}, ttl=3, flags="DF")/UDP(sport="bootpc", dport=67)`,
    );
    expect(p.layerNames()).toEqual(['Ether', 'IP', 'UDP']);
    expect(p.layer(IP)).toMatchObject({ ttl: 3, flags: 2, src: '198.18.0.1' });
    expect(p.layer(UDP)).toMatchObject({ sport: 68, dport: 67, len: undefined, chksum: undefined });
  });

  it('turns bytes or a str on the right of / into Raw, and accepts a bare layer class', () => {
    expect(fromScapy(`IP(${S})/UDP/b"\\x00hi"`).layer(Raw).load).toEqual(Uint8Array.of(0, 0x68, 0x69));
    expect(fromScapy(`IP(${S})/"é"`).layer(Raw).load).toEqual(Uint8Array.of(0xc3, 0xa9));
    expect(fromScapy('IP').layerNames()).toEqual(['IP']);
  });

  it('None leaves an auto field computed and a plain field at its default; True is 1', () => {
    const ip = fromScapy(`IP(${S}, chksum=None, ttl=None, id=True)`).layer(IP);
    expect(ip.chksum).toBeUndefined();
    expect(ip.ttl).toBe(64);
    expect(ip.id).toBe(1);
  });

  it('accepts scapy 2.5 names: Dot1Q id is the DEI bit', () => {
    expect(fromScapy('Ether()/Dot1Q(id=1, vlan=5)').layer(Dot1Q)).toMatchObject({ dei: 1, vlan: 5 });
  });

  it('a positional bytes argument dissects from that layer, as scapy does; keywords then override', () => {
    const frame = fromScapy(`IP(${S})/UDP(sport=1, dport=2)/b"x"`).build();
    const p = fromScapy(`IP(bytes.fromhex("${toHex(frame)}"), ttl=9)`);
    expect(p.layerNames()).toEqual(['IP', 'UDP', 'Raw']);
    expect(p.layer(IP).ttl).toBe(9);
    expect(p.layer(UDP)).toMatchObject({ sport: 1, dport: 2 });
  });

  it('evaluates helper functions and Python operators on bytes, strings, lists and ints', () => {
    expect(evaluateScapy('mac2str("02:00:00:00:00:01")')).toEqual(Uint8Array.of(2, 0, 0, 0, 0, 1));
    expect(evaluateScapy('str2mac(b"\\x02\\x00\\x00\\x00\\x00\\x01")')).toBe('02:00:00:00:00:01');
    expect(evaluateScapy('b"\\x01" + b"ab" * 2')).toEqual(Uint8Array.of(1, 0x61, 0x62, 0x61, 0x62));
    expect(evaluateScapy('bytes(3)')).toEqual(new Uint8Array(3));
    expect(evaluateScapy('bytes([1, 2])')).toEqual(Uint8Array.of(1, 2));
    expect(evaluateScapy('bytes("é", "utf-8")')).toEqual(Uint8Array.of(0xc3, 0xa9));
    expect(evaluateScapy('-0x10 + 3 * 2 - -1')).toBe(-9);
    expect(evaluateScapy('"ab" * 2 + "c"')).toBe('ababc');
    expect(evaluateScapy('[1] * 2 + [3]')).toEqual([1, 1, 3]);
    expect(evaluateScapy(`raw(IP(${S})/UDP(sport=1, dport=2))`)).toEqual(
      fromScapy(`IP(${S})/UDP(sport=1, dport=2)`).build(),
    );
  });

  it('unknown names list the layers and functions that exist', () => {
    const error = evalError('Ether()/IPv4()');
    expect(error.cause).toBeInstanceOf(UnknownScapyNameError);
    expect(error.column).toBe(9);
    const cause = error.cause as UnknownScapyNameError;
    expect(cause.layers).toEqual(
      expect.arrayContaining(['Ether', 'IP', 'UDP', 'BOOTP', 'DHCP', 'ARP', 'Raw']),
    );
    expect(cause.functions).toEqual(expect.arrayContaining(['mac2str', 'bytes', 'raw']));
    // Python names are case-sensitive: `raw` is the function, `ether` a typo for the class.
    expect(evalError('ether()').message).toMatch(/^unknown name 'ether' \(did you mean 'Ether'\?\)/);
  });

  it('unknown fields list the layer fields, at the keyword', () => {
    const error = evalError(`IP(${S}, tll=3)`);
    expect(error.cause).toBeInstanceOf(UnknownFieldError);
    expect(error.message).toMatch(
      /^IP has no field 'tll'; fields: version, ihl, tos, len, id, flags, frag, ttl/,
    );
    expect(error.column).toBe(S.length + 6);
  });

  it('bad values are FieldValueErrors naming the field and the value, at the keyword', () => {
    const ttl = evalError('IP(ttl=256)');
    expect(ttl.cause).toBeInstanceOf(FieldValueError);
    expect(ttl.message).toMatch(/^IP\.ttl: expected an integer 0\.\.255 \(got 256\) at column 4/);
    expect(evalError('Ether(dst="ff:ff")').message).toMatch(/^Ether\.dst: .*"ff:ff"/);
    expect(evalError('IP(flags="XX")').message).toMatch(/unknown flag 'XX'; known: MF, DF, evil/);
    expect(evalError('IP(ttl=IP())').message).toMatch(/a packet, class or function is not a field value/);
  });

  it('type errors say what Python would', () => {
    for (const [source, message] of [
      ['1/2', 'arithmetic division is not supported'],
      ['IP()/3', "unsupported operand types for /: 'Packet' and 'int'"],
      ['b"a" + "b"', "unsupported operand types for +: 'bytes' and 'str'"],
      ['-"a"', "bad operand type for unary -: 'str'"],
      ['b"x"()', "'bytes' object is not callable"],
      ['IP(b"", b"")', 'IP() takes at most one positional argument (the bytes to dissect)'],
      ['IP(3)', 'IP() positional argument must be bytes, not int'],
      ['mac2str("nope")', 'mac2str() expects a MAC address string'],
      ['bytes("x")', 'string argument without an encoding'],
      ['IP.payload', "'type' object has no supported attribute 'payload'"],
    ] as const) {
      const error = evalError(source);
      expect(error.cause).toBeInstanceOf(ScapyTypeError);
      expect(error.message).toContain(message);
    }
    expect(evalError('"just a string"').message).toMatch(/^the expression is a str, not a packet/);
  });
});

describe('fromScapy: DHCP options in scapy form', () => {
  const dhcp = (options: string) => fromScapy(`DHCP(options=[${options}])`).layer(DHCP);

  it('types known options and keeps scapy ordering with pad and end', () => {
    const layer = dhcp(
      '("message-type", "request"), "pad", ("router", "10.0.0.1", "10.0.0.2"), ("lease_time", 60), "end"',
    );
    expect(layer.optionEntries().map((e) => e.name)).toEqual([
      'message-type',
      'pad',
      'router',
      'lease_time',
      'end',
    ]);
    expect(layer.getOption('router')).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(layer.messageType).toBe('request');
  });

  it('a str for an opaque option is its UTF-8 bytes (as in scapy), never hex', () => {
    expect(dhcp('("user_class", "abcd"), "end"').getOption('user_class')).toEqual(
      Uint8Array.from(Buffer.from('abcd')),
    );
    expect(
      dhcp('("client_id", b"\\x01\\x02\\x00\\x00\\x00\\x00\\x01"), "end"').getOption('client_id'),
    ).toEqual({
      type: 1,
      id: '02:00:00:00:00:01',
    });
  });

  it('param_req_list takes a list or several codes', () => {
    expect(dhcp('("param_req_list", [1, 3, 6])').getOption('param_req_list')).toEqual([1, 3, 6]);
    expect(dhcp('("param_req_list", 1, 3, 6)').getOption('param_req_list')).toEqual([1, 3, 6]);
  });

  it('keeps what our codecs cannot type as the exact TLV scapy writes', () => {
    const frame = (options: string) => toHex(fromScapy(`DHCP(options=[${options}])`).build());
    expect(frame('("subnet_mask", "255.0.0.0", "255.255.0.0"), "end"')).toBe('0108ff000000ffff0000ff');
    expect(frame('(224, b"x"), 80, b"\\x01\\x04\\xff\\xff\\xff\\x00", "end"')).toBe(
      'e00178500001 04ffffff00ff'.replace(' ', ''),
    );
  });

  it('errors name the option: unknown names list the registry, bad values say why', () => {
    const unknown = evalError('DHCP(options=[("lease-time", 60)])');
    expect(unknown.cause).toBeInstanceOf(UnknownScapyDhcpOptionError);
    expect(unknown.message).toMatch(
      /unknown DHCP option name; use a code .* one of: pad, subnet_mask, .*lease_time/,
    );
    expect(evalError('DHCP(options=[("router", "10.0.0.300")])').message).toMatch(/DHCP\.options\.router/);
    expect(evalError('DHCP(options=[("message-type", "discovery")])').message).toMatch(
      /unknown message type/,
    );
    expect(evalError('DHCP(options=[(300, b"")])').message).toMatch(/option codes are 0\.\.255/);
    expect(evalError('DHCP(options=[(224, "text")])').message).toMatch(/takes bytes values, as in scapy/);
    expect(evalError('DHCP(options=["hostname"])').message).toMatch(
      /give the option a value: \("hostname", value\)/,
    );
    expect(evalError('DHCP(options=("end",))').message).toMatch(/expected a list of option tuples/);
  });
});

describe('toScapy', () => {
  it('prints only set fields of a composed packet; auto fields stay auto', () => {
    const p = fromScapy(`Ether()/IP(${S}, ttl=3)/UDP(sport=68, dport=67)/b"it's"`);
    expect(toScapy(p)).toBe(
      `Ether(dst='ff:ff:ff:ff:ff:ff', src='00:00:00:00:00:00')/IP(ttl=3, src='198.18.0.1', dst='198.18.0.2')/UDP(sport=68, dport=67)/Raw(load=b"it's")`,
    );
    expect(toHex(fromScapy(toScapy(p)).build())).toBe(toHex(p.build()));
  });

  it('prints DHCP options as scapy tuples where scapy types them the same, else (code, bytes)', () => {
    const p = fromScapy(
      'DHCP(options=[("message-type", "offer"), ("router", "10.0.0.1", "10.0.0.2"), ("hostname", "h\'x"), ("client_id", b"\\x01\\x02\\x00\\x00\\x00\\x00\\x01"), ("message-type", 18), "pad", "end"])',
    );
    expect(toScapy(p)).toBe(
      `DHCP(options=[('message-type', 'offer'), ('router', '10.0.0.1', '10.0.0.2'), ('hostname', "h'x"), (61, b'\\x01\\x02\\x00\\x00\\x00\\x00\\x01'), ('message-type', 18), 'pad', 'end'])`,
    );
  });
});

describe('fromScapy on arbitrary input', () => {
  it('either builds a packet or throws a ScapySyntaxError/ScapyEvalError, never anything else', () => {
    const pieces = fc.constantFrom(
      'Ether(',
      'IP(',
      'UDP(',
      'BOOTP(',
      'DHCP(',
      'ARP(',
      'Raw(',
      ')',
      '(',
      '[',
      ']',
      ',',
      '=',
      '/',
      '*',
      '+',
      '-',
      'src=',
      'ttl=',
      'options=',
      'load=',
      '"1.2.3.4"',
      "'x'",
      'b"\\x01"',
      '0x10',
      '7',
      'None',
      'True',
      '"end"',
      '("message-type", "discover")',
      '("router", "10.0.0.1")',
      'mac2str(',
      'bytes(',
      '"\\',
      ' ',
      '.',
      'fromhex',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 14 }), (parts) => {
        const source = parts.join('');
        try {
          fromScapy(source).build();
        } catch (error) {
          if (!(error instanceof ScapySyntaxError) && !(error instanceof ScapyEvalError)) throw error;
        }
      }),
      { numRuns: 2000 },
    );
  });
});
