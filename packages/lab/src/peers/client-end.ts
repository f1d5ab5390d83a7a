import type { Lab, LabSide } from '../lab.js';

export interface ClientEnd {
  ns: LabSide;
  iface: string;
}

/**
 * Where a DHCP client runs by default: on the host end in clientNs labs (a real server sits on the peer
 * end), else on the peer end, facing our own server in the root namespace on hostIface.
 */
export function clientEnd(lab: Lab, ns?: LabSide, iface?: string): ClientEnd {
  const side = ns ?? (lab.clientNs === undefined ? 'peer' : 'client');
  return { ns: side, iface: iface ?? (side === 'client' ? lab.hostIface : lab.peerIface) };
}
