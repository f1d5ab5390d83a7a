import { describe, expect, it } from '@jest/globals';
import { BOOTP, DHCP, Ether, GENERIC_HASH_KEY, IP, Raw, UDP, answers, hashKey, packet } from './index.js';

const udp = (src: string, dst: string, sport: number, dport: number) =>
  packet(Ether(), IP({ src, dst }), UDP({ sport, dport }), Raw({ load: 'q' }));

describe('answers', () => {
  it('a UDP reply from the addressed host with swapped ports answers', () => {
    const request = udp('198.18.0.1', '198.18.0.2', 1234, 53);
    expect(answers(request, udp('198.18.0.2', '198.18.0.1', 53, 1234))).toBe(true);
  });

  it('wrong ports, wrong sender or another protocol do not', () => {
    const request = udp('198.18.0.1', '198.18.0.2', 1234, 53);
    expect(answers(request, udp('198.18.0.2', '198.18.0.1', 53, 1235))).toBe(false);
    expect(answers(request, udp('198.18.0.3', '198.18.0.1', 53, 1234))).toBe(false);
    const other = packet(Ether(), IP({ src: '198.18.0.2', dst: '198.18.0.1', proto: 1 }), Raw({ load: 'x' }));
    expect(answers(request, other)).toBe(false);
  });

  it('anyone may answer a broadcast (no scapy checkIPaddr trap)', () => {
    const request = udp('0.0.0.0', '255.255.255.255', 68, 67);
    expect(answers(request, udp('198.18.0.1', '255.255.255.255', 67, 68))).toBe(true);
  });

  it('two plain Ether/Raw frames do not match: no layer decides', () => {
    const a = packet(Ether(), Raw({ load: 'a' }));
    const b = packet(Ether(), Raw({ load: 'b' }));
    expect(answers(a, b)).toBe(false);
  });

  it('an outer layer vetoes an inner yes (a different EtherType)', () => {
    const request = udp('198.18.0.1', '198.18.0.2', 1234, 53);
    const reply = udp('198.18.0.2', '198.18.0.1', 53, 1234);
    reply.layer(Ether).type = 0x86dd;
    expect(answers(request, reply)).toBe(false);
  });
});

describe('hashKey', () => {
  it('a request and its reply share the innermost layer key', () => {
    const request = udp('198.18.0.1', '198.18.0.2', 1234, 53);
    const reply = udp('198.18.0.2', '198.18.0.1', 53, 1234);
    expect(hashKey(request)).toBe('udp:53:1234');
    expect(hashKey(reply)).toBe(hashKey(request));
  });

  it('frames no layer can key share the generic key', () => {
    expect(hashKey(packet(Ether(), Raw({ load: 'a' })))).toBe(GENERIC_HASH_KEY);
  });
});

describe('answers for DHCP', () => {
  const exchange = (replySrc: string, replySport: number) => {
    const request = packet(
      Ether({ src: '02:00:00:00:00:01' }),
      IP({ src: '0.0.0.0', dst: '198.18.0.1' }),
      UDP({ sport: 68, dport: 67 }),
      BOOTP({ chaddr: '02:00:00:00:00:01', xid: 42 }),
      DHCP({ options: [['message-type', 'request']] }),
    );
    const reply = (xid: number) =>
      packet(
        Ether({ dst: '02:00:00:00:00:01' }),
        IP({ src: replySrc, dst: '198.18.0.10' }),
        UDP({ sport: replySport, dport: 68 }),
        BOOTP({ op: 2, chaddr: '02:00:00:00:00:01', xid }),
        DHCP({ options: [['message-type', 'ack']] }),
      );
    return { request, reply };
  };

  it('a reply with the same xid and chaddr answers, even when IP and UDP around it say no', () => {
    // Sent to 198.18.0.1, answered from another address of the server and from a relay port.
    const { request, reply } = exchange('198.18.0.2', 67);
    expect(answers(request, reply(42))).toBe(true);
    const viaRelay = exchange('198.18.0.99', 1067);
    expect(answers(viaRelay.request, viaRelay.reply(42))).toBe(true);
  });

  it('another xid or chaddr still does not answer', () => {
    const { request, reply } = exchange('198.18.0.1', 67);
    expect(answers(request, reply(43))).toBe(false);
    const other = reply(42);
    other.layer(BOOTP).setField('chaddr', '02:00:00:00:00:02');
    expect(answers(request, other)).toBe(false);
  });
});
