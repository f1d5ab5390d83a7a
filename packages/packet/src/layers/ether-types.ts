/** EtherType names, as scapy prints them. */
export const ETHER_TYPES = {
  0x0800: 'IPv4',
  0x0806: 'ARP',
  0x8100: 'n_802_1Q',
  0x88a8: 'n_802_1AD',
  0x86dd: 'IPv6',
  0x9000: 'LOOP',
} as const;
