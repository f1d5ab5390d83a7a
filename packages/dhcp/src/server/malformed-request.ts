import { SERVER_PORT } from '../wire/dhcp-constants.js';

/**
 * Why a frame that parseDhcpFrame rejected still deserves an event: it was UDP to the server port, so a
 * client (or a fuzzer) meant it for us. Undefined for every other frame, which is simply not ours.
 */
export function malformedReason(b: Uint8Array): string | undefined {
  if (b.length < 14) return undefined;
  let at = 12;
  let type = (b[at] << 8) | b[at + 1];
  while ((type === 0x8100 || type === 0x88a8) && at + 6 <= b.length) {
    at += 4;
    type = (b[at] << 8) | b[at + 1];
  }
  const ip = at + 2;
  if (type !== 0x0800 || ip + 20 > b.length || b[ip] >> 4 !== 4 || b[ip + 9] !== 17) return undefined;
  const udp = ip + (b[ip] & 0x0f) * 4;
  if (udp + 8 > b.length || ((b[udp + 2] << 8) | b[udp + 3]) !== SERVER_PORT) return undefined;
  const payload = b.length - udp - 8;
  if (payload < 240) return `UDP to port 67 with ${payload} bytes: too short for BOOTP + magic cookie (240)`;
  return 'UDP to port 67 that is not a DHCP message (bad header length, fragment, or no magic cookie)';
}
