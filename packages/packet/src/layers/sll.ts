/**
 * Linux cooked capture headers: SLL (LINKTYPE_LINUX_SLL 113) and SLL2 (LINKTYPE_LINUX_SLL2 276), what
 * tcpdump/libpcap produce when capturing on the "any" device. Named as scapy's CookedLinux/CookedLinuxV2.
 */
import { fixedBytes } from '../field/bytes.js';
import { AUTO } from '../field/spec.js';
import { u8, u16, u32 } from '../field/int.js';
import { registerLinktype } from '../dissect.js';
import { defineLayer } from '../layer.js';
import { ETHER_TYPES } from './ether-types.js';

export const SLL_PACKET_TYPES = {
  0: 'unicast',
  1: 'broadcast',
  2: 'multicast',
  3: 'unicast-to-another-host',
  4: 'sent-by-us',
} as const;

/** LINKTYPE_LINUX_SLL: 16 bytes, the link-layer address padded to 8 bytes. */
export const SLL = defineLayer({
  name: 'CookedLinux',
  title: 'cooked linux',
  rfc: 'tcpdump.org LINKTYPE_LINUX_SLL',
  fields: [
    u16('pkttype', 0, { enum: SLL_PACKET_TYPES }),
    u16('lladdrtype', 512, { hex: true }),
    u16('lladdrlen', 0),
    fixedBytes('src', 8),
    u16('proto', AUTO, { enum: ETHER_TYPES, hex: true }),
  ],
  fill(values) {
    // scapy's default protocol.
    if (values[4] === undefined) values[4] = 0x0800;
  },
});

/** LINKTYPE_LINUX_SLL2: 20 bytes, adds the interface index. */
export const SLL2 = defineLayer({
  name: 'CookedLinuxV2',
  title: 'cooked linux v2',
  rfc: 'tcpdump.org LINKTYPE_LINUX_SLL2',
  fields: [
    u16('proto', AUTO, { enum: ETHER_TYPES, hex: true }),
    u16('reserved', 0),
    u32('ifindex', 0),
    u16('lladdrtype', 512, { hex: true }),
    u8('pkttype', 0, { enum: SLL_PACKET_TYPES }),
    u8('lladdrlen', 0),
    fixedBytes('src', 8),
  ],
  fill(values) {
    if (values[0] === undefined) values[0] = 0x0800;
  },
});

/** scapy's class names for the same layers. */
export const CookedLinux = SLL;
export const CookedLinuxV2 = SLL2;

registerLinktype(113, SLL.def);
registerLinktype(276, SLL2.def);
