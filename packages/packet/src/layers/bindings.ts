/** How layers stack, declared once for building and dissecting (scapy's bind_layers). */
import { bindLayers } from '../bind.js';
import { ARP } from './arp.js';
import { Dot1AD, Dot1Q } from './dot1q.js';
import { Ether } from './ether.js';
import { IP } from './ip.js';
import { Loopback } from './loopback.js';
import { SLL, SLL2 } from './sll.js';
import { UDP } from './udp.js';

bindLayers(Ether, Dot1Q, { type: 0x8100 });
bindLayers(Ether, Dot1AD, { type: 0x88a8 });
bindLayers(Ether, IP, { type: 0x0800 });
bindLayers(Ether, ARP, { type: 0x0806 });
bindLayers(Dot1AD, Dot1Q, { type: 0x8100 });
bindLayers(Dot1Q, Dot1Q, { type: 0x8100 });
bindLayers(Dot1Q, IP, { type: 0x0800 });
bindLayers(Dot1AD, IP, { type: 0x0800 });
bindLayers(Dot1Q, ARP, { type: 0x0806 });
bindLayers(Dot1AD, ARP, { type: 0x0806 });
bindLayers(SLL, IP, { proto: 0x0800 });
bindLayers(SLL, ARP, { proto: 0x0806 });
bindLayers(SLL2, IP, { proto: 0x0800 });
bindLayers(SLL2, ARP, { proto: 0x0806 });
// The family is in the capturing host's byte order: AF_INET (2) reads 0x02000000 from big-endian hosts.
bindLayers(Loopback, IP, { build: () => ({ type: 2 }), match: (l) => l.type === 2 || l.type === 0x02000000 });
bindLayers(IP, UDP, { proto: 17 });
