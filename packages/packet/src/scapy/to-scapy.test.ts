import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { dissect } from '../dissect.js';
import { toHex } from '../hex.js';
import '../index.js';
import { fromScapy } from './evaluate.js';
import { toScapy } from './to-scapy.js';

const DHCP_HEAD = fromScapy(
  'Ether(src="02:00:00:00:00:01")/IP(src="0.0.0.0", dst="255.255.255.255")/UDP(sport=68, dport=67, chksum=0)/BOOTP(chaddr=mac2str("02:00:00:00:00:01"), options=b"\\x63\\x82\\x53\\x63")',
).build();

/** A frame whose headers are valid DHCP up to the options, which are random bytes (any TLV soup). */
function dhcpFrame(options: Uint8Array): Uint8Array {
  const frame = new Uint8Array(DHCP_HEAD.length + options.length);
  frame.set(DHCP_HEAD);
  frame.set(options, DHCP_HEAD.length);
  // Fix up IP and UDP lengths so the options reach DHCP; the checksums stay as they are (wrong is fine).
  const ipLen = frame.length - 14;
  frame[16] = ipLen >> 8;
  frame[17] = ipLen & 0xff;
  const udpLen = ipLen - 20;
  frame[38] = udpLen >> 8;
  frame[39] = udpLen & 0xff;
  return frame;
}

describe('toScapy round trip', () => {
  it('any dissected frame prints as an expression that rebuilds it byte for byte', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), (bytes) => {
        const packet = dissect(bytes);
        expect(toHex(fromScapy(toScapy(packet)).build())).toBe(toHex(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('DHCP frames with arbitrary option bytes (malformed, split, unknown) rebuild byte for byte', () => {
    const option = fc.oneof(
      fc.constantFrom(Uint8Array.of(0), Uint8Array.of(255)),
      fc
        .tuple(fc.integer({ min: 1, max: 254 }), fc.uint8Array({ maxLength: 12 }))
        .map(([code, data]) => Uint8Array.of(code, data.length, ...data)),
      fc.uint8Array({ minLength: 1, maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(option, { maxLength: 12 }), (parts) => {
        const options = Uint8Array.from(parts.flatMap((p) => [...p]));
        const frame = dhcpFrame(options);
        const packet = dissect(frame);
        const text = toScapy(packet);
        expect({ text, hex: toHex(fromScapy(text).build()) }).toEqual({ text, hex: toHex(frame) });
      }),
      { numRuns: 300 },
    );
  });
});
