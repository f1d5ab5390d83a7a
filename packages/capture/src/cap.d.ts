// Typings for cap 0.2.1 (mscdex/cap), which ships none. Only what wirecraft uses is declared precisely.
declare module 'cap' {
  import type { EventEmitter } from 'node:events';

  /** The strings Cap#open returns; any other linktype comes back as the string "Unknown linktype N". */
  export type CapLinkType = 'ETHERNET' | 'LINKTYPE_LINUX_SLL' | 'NULL' | 'IEEE802_11_RADIO' | 'RAW' | string;

  export interface CapDeviceAddress {
    addr: string;
    netmask?: string;
    broadaddr?: string;
  }

  export interface CapDevice {
    name: string;
    description?: string;
    addresses: CapDeviceAddress[];
    flags?: string;
  }

  export class Cap extends EventEmitter {
    constructor();
    /**
     * Opens a live capture (snaplen 65535, promiscuous, 1 s read timeout, immediate mode). Throws on any
     * failure, leaving the object half-open: it must then never be closed or garbage-collected.
     */
    open(device: string, filter: string, bufferSize: number, buffer: Buffer): CapLinkType;
    /** pcap_sendpacket; SEGFAULTS unless the handle is open. */
    send(buffer: Buffer, length?: number): void;
    close(): void;
    setMinBytes?(bytes: number): void;
    /** Each packet is copied into the buffer given to open(), overwriting the previous one. */
    on(event: 'packet', listener: (nbytes: number, truncated: boolean) => void): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
    static findDevice(ip?: string): string | undefined;
    static deviceList(): CapDevice[];
  }

  export const decoders: Record<string, unknown>;
}
