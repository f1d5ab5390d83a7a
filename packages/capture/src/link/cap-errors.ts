import {
  type CaptureError,
  InterfaceDownError,
  InvalidFilterError,
  LinkOpenError,
  NoSuchInterfaceError,
  PermissionError,
} from '../errors.js';

/**
 * Turns the message cap threw from open() into a typed error. libpcap's texts are stable across 1.x:
 * pcap_activate reports "No such device exists", "You don't have permission to capture on that device
 * (socket: Operation not permitted)" and "That device is not up"; anything thrown while a filter was
 * given and the device opened fine comes from pcap_compile/pcap_setfilter.
 */
export function capOpenError(
  iface: string,
  filter: string,
  message: string,
  existing: () => string[],
): CaptureError {
  if (/no such device/i.test(message)) return new NoSuchInterfaceError(iface, existing());
  if (/permission|not permitted|EPERM|EACCES/i.test(message)) return new PermissionError(iface, message);
  if (/not up/i.test(message)) return new InterfaceDownError(iface);
  if (filter.length > 0 && !/snaplen|promiscuous|buffer size|read timeout/i.test(message)) {
    return new InvalidFilterError(filter, message);
  }
  return new LinkOpenError(iface, message);
}

/** cap's linktype strings mapped to LINKTYPE_* numbers. */
export function capLinktype(name: string): number | undefined {
  switch (name) {
    case 'ETHERNET':
      return 1;
    case 'LINKTYPE_LINUX_SLL':
      return 113;
    case 'NULL':
      return 0;
    case 'IEEE802_11_RADIO':
      return 127;
    case 'RAW':
      return 101;
  }
  // "Unknown linktype N" carries a DLT_ value; from 104 up, DLT_ and LINKTYPE_ values coincide.
  const match = /^Unknown linktype (\d+)$/.exec(name);
  return match ? Number(match[1]) : undefined;
}
