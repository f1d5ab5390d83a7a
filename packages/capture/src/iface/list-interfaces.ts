import { readdirSync, readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { NoSuchInterfaceError } from '../errors.js';

const SYS_CLASS_NET = '/sys/class/net';
const IFF_UP = 0x1;
const IFF_LOOPBACK = 0x8;

export interface InterfaceAddress {
  address: string;
  prefixLength: number;
}

export interface InterfaceInfo {
  name: string;
  index: number;
  /** "aa:bb:cc:dd:ee:ff"; "00:00:00:00:00:00" for loopback, "" for interfaces without a hardware address. */
  mac: string;
  ipv4: InterfaceAddress[];
  /** Administratively up (IFF_UP). Carrier is a separate matter: see `operstate`. */
  up: boolean;
  loopback: boolean;
  mtu: number;
  /** The kernel's operstate: "up", "down", "unknown" (loopback and some virtual devices), "lowerlayerdown"... */
  operstate: string;
}

function readSys(name: string, attribute: string): string {
  try {
    return readFileSync(`${SYS_CLASS_NET}/${name}/${attribute}`, 'utf8').trim();
  } catch {
    return '';
  }
}

/** Interfaces of the current network namespace, from /sys/class/net (flags, mtu) and os.networkInterfaces() (IPv4). */
export function listInterfaces(): InterfaceInfo[] {
  const addresses = networkInterfaces();
  return interfaceNames()
    .map((name) => describe(name, addresses))
    .sort((a, b) => a.index - b.index);
}

/** Throws NoSuchInterfaceError (listing the existing names) when `name` does not exist. */
export function getInterface(name: string): InterfaceInfo {
  const names = interfaceNames();
  if (!names.includes(name)) throw new NoSuchInterfaceError(name, names.sort());
  return describe(name, networkInterfaces());
}

function interfaceNames(): string[] {
  try {
    return readdirSync(SYS_CLASS_NET);
  } catch {
    // Not Linux, or /sys not mounted: fall back to what Node knows (interfaces with addresses only).
    return Object.keys(networkInterfaces());
  }
}

function describe(name: string, addresses: ReturnType<typeof networkInterfaces>): InterfaceInfo {
  const flags = Number.parseInt(readSys(name, 'flags') || '0', 16);
  const ipv4: InterfaceAddress[] = [];
  for (const entry of addresses[name] ?? []) {
    if (entry.family !== 'IPv4') continue;
    const prefix = entry.cidr?.split('/')[1];
    ipv4.push({ address: entry.address, prefixLength: prefix === undefined ? 32 : Number(prefix) });
  }
  return {
    name,
    index: Number(readSys(name, 'ifindex') || '0'),
    mac: readSys(name, 'address'),
    ipv4,
    up: (flags & IFF_UP) !== 0,
    loopback: (flags & IFF_LOOPBACK) !== 0,
    mtu: Number(readSys(name, 'mtu') || '0'),
    operstate: readSys(name, 'operstate'),
  };
}
