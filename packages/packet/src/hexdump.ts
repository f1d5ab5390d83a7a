import { HEX_BYTE } from './field/mac.js';
import type { Packet } from './packet.js';

const UPPER = HEX_BYTE.map((h) => h.toUpperCase());

/**
 * scapy's hexdump: 16 bytes a line as `0000  45 00 ...  E...`, non-printable bytes shown as '.' on the
 * right. A packet is built first.
 */
export function hexdump(input: Uint8Array | Packet): string {
  const bytes = input instanceof Uint8Array ? input : input.build();
  const lines: string[] = [];
  for (let line = 0; line < bytes.length; line += 16) {
    let hex = '';
    let text = '';
    for (let j = 0; j < 16; j++) {
      const i = line + j;
      if (i < bytes.length) {
        const b = bytes[i];
        hex += `${UPPER[b]} `;
        text += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
      } else hex += '   ';
    }
    lines.push(`${line.toString(16).padStart(4, '0')}  ${hex} ${text}`);
  }
  return lines.join('\n');
}
