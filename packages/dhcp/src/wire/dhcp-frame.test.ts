import { describe, expect, it } from '@jest/globals';
import { DhcpOptionValueError, FieldValueError } from '@wirecraft/packet';
import { composeDhcpFrame, parseDhcpFrame } from './dhcp-frame.js';
import { createDhcpMessage } from './dhcp-message.js';

function discover() {
  return createDhcpMessage({
    op: 1,
    xid: 0xdeadbeef,
    chaddr: '02:00:00:00:00:01',
    flags: 0x8000,
    secs: 3,
    options: [
      ['message-type', 'discover'],
      ['requested_addr', '198.18.0.50'],
      ['hostname', 'box'],
      ['lease_time', 3600],
    ],
  });
}

const frameOf = (data: Uint8Array) => ({
  data,
  timestamp: { seconds: 0, nanoseconds: 0, precision: 9 },
  originalLength: data.length,
  linktype: 1,
});

const broadcast = {
  srcMac: '02:00:00:00:00:01',
  dstMac: 'ff:ff:ff:ff:ff:ff',
  srcIp: '0.0.0.0',
  dstIp: '255.255.255.255',
};

describe('DHCP frames', () => {
  it('round-trips a DISCOVER through compose and parse, padded to the 300-byte BOOTP minimum', () => {
    const data = composeDhcpFrame({ message: discover(), ...broadcast });
    expect(data.length).toBe(14 + 20 + 8 + 300);
    const received = parseDhcpFrame(frameOf(data));
    expect(received).toBeDefined();
    const m = received!.message;
    expect([m.op, m.xid, m.secs, m.flags, m.chaddr]).toEqual([1, 0xdeadbeef, 3, 0x8000, '02:00:00:00:00:01']);
    expect(m.messageType).toBe('discover');
    expect(m.option('requested_addr')).toBe('198.18.0.50');
    expect(m.option('hostname')).toBe('box');
    expect(m.option('lease_time')).toBe(3600);
    expect([received!.sport, received!.dport, received!.dstMac]).toEqual([68, 67, 'ff:ff:ff:ff:ff:ff']);
    // The lazily dissected frame has the same layers with computed UDP and IP fields.
    const p = received!.packet;
    expect(p.problems).toEqual([]);
    expect(p.layerNames()).toEqual(['Ether', 'IP', 'UDP', 'BOOTP', 'DHCP']);
    expect(p.layers[2].getField('len')).toBe(308);
    expect(p.layers[1].getField('dst')).toBe('255.255.255.255');
  });

  it('rebuilds a parsed message byte for byte (the registry decodes what it encoded)', () => {
    const data = composeDhcpFrame({ message: discover(), ...broadcast });
    const again = composeDhcpFrame({ message: parseDhcpFrame(frameOf(data))!.message, ...broadcast });
    expect(again).toEqual(data);
  });

  it('ignores frames that are not DHCP', () => {
    const data = composeDhcpFrame({ message: discover(), ...broadcast, sport: 5000, dport: 53 });
    expect(parseDhcpFrame(frameOf(data))).toBeUndefined();
    const noCookie = composeDhcpFrame({ message: discover(), ...broadcast });
    noCookie[14 + 20 + 8 + 236] = 0;
    expect(parseDhcpFrame(frameOf(noCookie))).toBeUndefined();
  });

  it('keeps a malformed option as raw bytes and still reads the others', () => {
    const data = composeDhcpFrame({ message: discover(), ...broadcast });
    // requested_addr (50) is the second option: make its length 3, which no IPv4 address has.
    const at = 14 + 20 + 8 + 240 + 3;
    expect(data[at]).toBe(50);
    data[at + 1] = 3;
    data[at + 5] = 0; // keep the TLV chain in step: one byte of the old address becomes a pad
    const m = parseDhcpFrame(frameOf(data))!.message;
    expect(m.option('requested_addr')).toBeUndefined();
    expect(m.messageType).toBe('discover');
    expect(m.option('hostname')).toBe('box');
  });

  it('grows past 300 bytes with long option lists, with no padding', () => {
    const m = createDhcpMessage({
      op: 1,
      xid: 1,
      chaddr: '02:00:00:00:00:01',
      options: [
        ['message-type', 'discover'],
        ['hostname', 'h'.repeat(200)],
      ],
    });
    expect(composeDhcpFrame({ message: m, ...broadcast }).length).toBe(42 + 240 + 3 + 202 + 1);
  });

  it('names the field and value of bad input', () => {
    expect(() =>
      createDhcpMessage({ op: 1, xid: 1, chaddr: '02:00:00:00:00:01', ciaddr: '300.1.1.1', options: [] }),
    ).toThrow(FieldValueError);
    expect(() =>
      createDhcpMessage({ op: 1, xid: 1, chaddr: '02:00:00:00:00:01', options: [['lease_time', -1]] }),
    ).toThrow(DhcpOptionValueError);
    expect(() =>
      createDhcpMessage({ op: 1, xid: 1, chaddr: '02:00:00:00:00:01', options: [['lease_time', -1]] }),
    ).toThrow(/lease_time.*-1/);
  });
});
