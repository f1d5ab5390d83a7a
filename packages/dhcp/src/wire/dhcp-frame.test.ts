import { describe, expect, it } from '@jest/globals';
import { DHCP_MESSAGE_TYPE, OPTION } from './dhcp-constants.js';
import { composeDhcpFrame, parseDhcpFrame } from './dhcp-frame.js';
import {
  DhcpMessageError,
  emptyMessage,
  encodedLength,
  ipv4Bytes,
  messageType,
  optionIpv4,
  optionU32,
  setOption,
  textBytes,
  u32Bytes,
} from './dhcp-message.js';

function discover() {
  const message = emptyMessage(1);
  message.xid = 0xdeadbeef;
  message.chaddr = '02:00:00:00:00:01';
  message.flags = 0x8000;
  message.secs = 3;
  setOption(message, OPTION.MESSAGE_TYPE, Uint8Array.of(DHCP_MESSAGE_TYPE.DISCOVER));
  setOption(message, OPTION.REQUESTED_ADDRESS, ipv4Bytes('198.18.0.50'));
  setOption(message, OPTION.HOSTNAME, textBytes('box'));
  setOption(message, OPTION.LEASE_TIME, u32Bytes(3600));
  return message;
}

const frameOf = (data: Uint8Array) => ({
  data,
  timestamp: { seconds: 0, nanoseconds: 0, precision: 9 },
  originalLength: data.length,
  linktype: 1,
});

describe('DHCP frames', () => {
  it('round-trips a DISCOVER through compose and parse', () => {
    const data = composeDhcpFrame({
      message: discover(),
      srcMac: '02:00:00:00:00:01',
      dstMac: 'ff:ff:ff:ff:ff:ff',
      srcIp: '0.0.0.0',
      dstIp: '255.255.255.255',
    });
    expect(data.length).toBe(14 + 20 + 8 + 300);
    const received = parseDhcpFrame(frameOf(data));
    expect(received).toBeDefined();
    const m = received!.message;
    expect(m.xid).toBe(0xdeadbeef);
    expect(m.secs).toBe(3);
    expect(m.flags).toBe(0x8000);
    expect(m.chaddr).toBe('02:00:00:00:00:01');
    expect(messageType(m)).toBe(DHCP_MESSAGE_TYPE.DISCOVER);
    expect(optionIpv4(m, OPTION.REQUESTED_ADDRESS)).toBe('198.18.0.50');
    expect(optionU32(m, OPTION.LEASE_TIME)).toBe(3600);
    expect(received!.sport).toBe(68);
    expect(received!.dport).toBe(67);
    expect(received!.dstMac).toBe('ff:ff:ff:ff:ff:ff');
    // The lazily dissected packet has correct computed UDP and IP fields.
    const p = received!.packet;
    expect(p.problems).toEqual([]);
    expect(p.layerNames().slice(0, 3)).toEqual(['Ether', 'IP', 'UDP']);
    // Packet.layer(UDP) does not typecheck with the packet package as it stands, so read by name.
    expect(p.layers[2].getField('len')).toBe(308);
    expect(p.layers[1].getField('dst')).toBe('255.255.255.255');
  });

  it('ignores frames that are not DHCP', () => {
    const data = composeDhcpFrame({
      message: discover(),
      srcMac: '02:00:00:00:00:01',
      dstMac: 'ff:ff:ff:ff:ff:ff',
      srcIp: '0.0.0.0',
      dstIp: '255.255.255.255',
      sport: 5000,
      dport: 53,
    });
    expect(parseDhcpFrame(frameOf(data))).toBeUndefined();
    const noCookie = composeDhcpFrame({
      message: discover(),
      srcMac: '02:00:00:00:00:01',
      dstMac: 'ff:ff:ff:ff:ff:ff',
      srcIp: '0.0.0.0',
      dstIp: '255.255.255.255',
    });
    noCookie[14 + 20 + 8 + 236] = 0;
    expect(parseDhcpFrame(frameOf(noCookie))).toBeUndefined();
  });

  it('sizes messages with long option lists past the 300-byte minimum', () => {
    const m = discover();
    setOption(m, 43, new Uint8Array(200));
    expect(encodedLength(m)).toBe(236 + 4 + 3 + 6 + 5 + 6 + 202 + 1);
  });

  it('names the field and value of bad input', () => {
    const m = discover();
    m.ciaddr = '300.1.1.1';
    expect(() =>
      composeDhcpFrame({
        message: m,
        srcMac: '02:00:00:00:00:01',
        dstMac: 'ff:ff:ff:ff:ff:ff',
        srcIp: '0.0.0.0',
        dstIp: '255.255.255.255',
      }),
    ).toThrow(DhcpMessageError);
    const long = discover();
    setOption(long, 43, new Uint8Array(300));
    expect(() =>
      composeDhcpFrame({
        message: long,
        srcMac: '02:00:00:00:00:01',
        dstMac: 'ff:ff:ff:ff:ff:ff',
        srcIp: '0.0.0.0',
        dstIp: '255.255.255.255',
      }),
    ).toThrow(/option 43.*300.*255 bytes/);
  });
});
