/** How layers stack, declared once for building and dissecting (scapy's bind_layers). */
import { bindLayers } from '../bind.js';
import { Dot1AD, Dot1Q } from './dot1q.js';
import { Ether } from './ether.js';
import { IP } from './ip.js';
import { UDP } from './udp.js';

bindLayers(Ether, Dot1Q, { type: 0x8100 });
bindLayers(Ether, Dot1AD, { type: 0x88a8 });
bindLayers(Ether, IP, { type: 0x0800 });
bindLayers(Dot1AD, Dot1Q, { type: 0x8100 });
bindLayers(Dot1Q, Dot1Q, { type: 0x8100 });
bindLayers(Dot1Q, IP, { type: 0x0800 });
bindLayers(Dot1AD, IP, { type: 0x0800 });
bindLayers(IP, UDP, { proto: 17 });
