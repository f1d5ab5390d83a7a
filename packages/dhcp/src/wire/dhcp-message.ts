/**
 * The DHCP message as the engines see it: @wirecraft/packet's BOOTP and DHCP layers (the registry's option
 * codecs), with read-only accessors for the fields the engines act on and the client hardware address as
 * text, computed once because servers key leases by it.
 */
import {
  BOOTP,
  DHCP,
  type DhcpLayer,
  type DhcpMessageTypeName,
  type DhcpOptionList,
  type DhcpOptionName,
  type DhcpOptionsInput,
  type DhcpOptionValue,
  type LayerOf,
  readMac,
  toHex,
} from '@wirecraft/packet';
import { ZERO_IP } from './dhcp-constants.js';

export type BootpLayer = LayerOf<typeof BOOTP>;

/** The first hlen (at most 16) bytes of chaddr as "aa:bb:...", a MAC for Ethernet. */
function hardwareText(chaddr: Uint8Array, hlen: number): string {
  const n = Math.min(16, hlen);
  if (n === 6) return readMac(chaddr, 0);
  let text = '';
  for (let i = 0; i < n; i++) text += i === 0 ? toHex(chaddr, i, i + 1) : `:${toHex(chaddr, i, i + 1)}`;
  return text;
}

export class DhcpMessage {
  readonly bootp: BootpLayer;
  readonly dhcp: DhcpLayer;
  readonly chaddr: string;

  constructor(bootp: BootpLayer, dhcp: DhcpLayer) {
    this.bootp = bootp;
    this.dhcp = dhcp;
    this.chaddr = hardwareText(bootp.chaddr, bootp.hlen);
  }

  /** 1 BOOTREQUEST, 2 BOOTREPLY. */
  get op(): number {
    return this.bootp.op;
  }
  get htype(): number {
    return this.bootp.htype;
  }
  get hlen(): number {
    return this.bootp.hlen;
  }
  get xid(): number {
    return this.bootp.xid;
  }
  get secs(): number {
    return this.bootp.secs;
  }
  get flags(): number {
    return this.bootp.flags;
  }
  get ciaddr(): string {
    return this.bootp.ciaddr;
  }
  get yiaddr(): string {
    return this.bootp.yiaddr;
  }
  get giaddr(): string {
    return this.bootp.giaddr;
  }
  /** Option 53 as a name ('discover'), a number for unregistered types, undefined when absent. */
  get messageType(): DhcpMessageTypeName | number | undefined {
    return this.dhcp.messageType;
  }
  get options(): DhcpOptionList {
    return this.dhcp.options;
  }

  /** An option's decoded value by registry name (options, then overloaded file and sname). */
  option<N extends DhcpOptionName>(name: N): DhcpOptionValue<N> | undefined {
    return this.dhcp.getOption(name);
  }
}

export interface DhcpMessageInit {
  op: 1 | 2;
  xid: number;
  chaddr: string;
  htype?: number;
  hlen?: number;
  hops?: number;
  secs?: number;
  flags?: number;
  ciaddr?: string;
  yiaddr?: string;
  siaddr?: string;
  giaddr?: string;
  /** Registry names and values (validated by the registry's codecs), or a list the caller built. */
  options: DhcpOptionsInput;
}

/** Builds a message; bad values throw the packet model's FieldValueError / DhcpOptionValueError naming the field. */
export function createDhcpMessage(init: DhcpMessageInit): DhcpMessage {
  const bootp = BOOTP({
    op: init.op,
    xid: init.xid >>> 0,
    chaddr: init.chaddr,
    htype: init.htype ?? 1,
    hlen: init.hlen ?? 6,
    hops: init.hops ?? 0,
    secs: init.secs ?? 0,
    flags: init.flags ?? 0,
    ciaddr: init.ciaddr ?? ZERO_IP,
    yiaddr: init.yiaddr ?? ZERO_IP,
    siaddr: init.siaddr ?? ZERO_IP,
    giaddr: init.giaddr ?? ZERO_IP,
  });
  return new DhcpMessage(bootp, DHCP({ options: init.options }));
}
