import { describe, expect, it } from '@jest/globals';
import { InvalidFilterError } from '../errors.js';
import { BpfProgram } from './bpf-program.js';

// `tcpdump -ddd -r <ethernet pcap> 'udp dst port 67'` (tcpdump 4.99.3, libpcap 1.10.3).
const UDP_DST_67 = `16
40 0 0 12
21 0 4 34525
48 0 0 20
21 0 11 17
40 0 0 56
21 8 9 67
21 0 8 2048
48 0 0 23
21 0 6 17
40 0 0 20
69 4 0 8191
177 0 0 14
72 0 0 16
21 0 1 67
6 0 0 65535
6 0 0 0`;

/** An Ethernet/IPv4/UDP frame with the given IHL (in words) and destination port. */
function udpFrame(dport: number, ihl = 5, fragmentOffset = 0): Uint8Array {
  const ipLength = ihl * 4;
  const frame = new Uint8Array(14 + ipLength + 8);
  frame.set([0x08, 0x00], 12);
  frame[14] = 0x40 | ihl;
  frame[14 + 6] = fragmentOffset >> 8;
  frame[14 + 7] = fragmentOffset & 0xff;
  frame[14 + 9] = 17;
  frame[14 + ipLength + 2] = dport >> 8;
  frame[14 + ipLength + 3] = dport & 0xff;
  return frame;
}

describe('BpfProgram', () => {
  it('runs a libpcap program: IPv4 header length via ldxb 4*([14]&0xf), fragments rejected', () => {
    const program = BpfProgram.fromDecimal(UDP_DST_67, 'udp dst port 67');
    expect(program.length).toBe(16);
    expect(program.matches(udpFrame(67))).toBe(true);
    expect(program.matches(udpFrame(67, 6))).toBe(true);
    expect(program.matches(udpFrame(68))).toBe(false);
    expect(program.matches(udpFrame(67, 5, 0x0001))).toBe(false);
    // A load past the captured bytes rejects the frame instead of reading garbage.
    expect(program.matches(udpFrame(67).subarray(0, 36))).toBe(false);
  });

  it('ALU, scratch memory, X register, len and every jump kind', () => {
    const len = (program: number[][], data = new Uint8Array(10), wire = data.length) =>
      new BpfProgram(program.map(([c = 0, t = 0, f = 0, k = 0]) => [c, t, f, k])).run(data, wire);
    // A = len; A *= 3; M[2] = A; X = 7; A = A % X; A ^= 5; return A
    expect(
      len(
        [[0x80], [0x24, 0, 0, 3], [0x02, 0, 0, 2], [0x01, 0, 0, 7], [0x9c], [0xa4, 0, 0, 5], [0x16]],
        undefined,
        100,
      ),
    ).toBe(((100 * 3) % 7) ^ 5);
    // A = 1; A <<= 31; A >>= 30 (logical); return A
    expect(len([[0x00, 0, 0, 1], [0x64, 0, 0, 31], [0x74, 0, 0, 30], [0x16]])).toBe(2);
    // A = 0 - 1 (unsigned wrap), jset 0x80000000 -> 11 else 22
    expect(len([[0x00, 0, 0, 1], [0x84], [0x45, 0, 1, 0x80000000], [0x06, 0, 0, 11], [0x06, 0, 0, 22]])).toBe(
      11,
    );
    // ja +1 skips a ret; jge/jgt on equal values
    expect(
      len([
        [0x05, 0, 0, 1],
        [0x06, 0, 0, 1],
        [0x00, 0, 0, 5],
        [0x35, 0, 1, 5],
        [0x25, 0, 1, 5],
        [0x06, 0, 0, 2],
        [0x06, 0, 0, 3],
      ]),
    ).toBe(3);
    // M[3] = X via stx, ld M[3], tax/txa, return X
    expect(len([[0x01, 0, 0, 9], [0x03, 0, 0, 3], [0x60, 0, 0, 3], [0x07], [0x87], [0x0e]])).toBe(9);
    // Division by zero rejects the frame, as in the kernel.
    expect(len([[0x00, 0, 0, 8], [0x01, 0, 0, 0], [0x3c], [0x06, 0, 0, 1]])).toBe(0);
    // Word load is big-endian and unsigned.
    expect(len([[0x20, 0, 0, 0], [0x16]], Uint8Array.of(0xff, 0, 0, 1))).toBe(0xff000001);
  });

  it('refuses programs the kernel would refuse, naming the expression', () => {
    expect(() => new BpfProgram([], 'x')).toThrow(InvalidFilterError);
    expect(() => new BpfProgram([[0x00, 0, 0, 1]], 'no ret')).toThrow(/last instruction .* must be a return/);
    expect(
      () =>
        new BpfProgram(
          [
            [0x15, 3, 0, 1],
            [0x06, 0, 0, 0],
          ],
          'far',
        ),
    ).toThrow(/jumps past the end/);
    expect(
      () =>
        new BpfProgram(
          [
            [0x02, 0, 0, 16],
            [0x06, 0, 0, 0],
          ],
          'mem',
        ),
    ).toThrow(/scratch memory word 16/);
    expect(() => BpfProgram.fromDecimal('2\n6 0 0 1', 'short')).toThrow(/declares 2 instructions, has 1/);
    expect(() => BpfProgram.fromDecimal('1\n6 0 x 1', 'bad')).toThrow(
      'invalid BPF filter "bad": line 2 of the compiled program is not "code jt jf k": 6 0 x 1',
    );
  });
});
