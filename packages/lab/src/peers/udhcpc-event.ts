import { parseReports, reportScript, words } from './report-script.js';

/**
 * busybox udhcpc hands each event to a script through environment variables. Our script configures
 * nothing: it prints the variables as one JSON line behind a marker, which this module parses back.
 */
export interface UdhcpcEvent {
  /** deconfig, bound, renew, leasefail or nak. */
  event: string;
  interface?: string;
  ip?: string;
  subnet?: string;
  /** Prefix length. */
  mask?: number;
  broadcast?: string;
  router: string[];
  dns: string[];
  domain?: string;
  hostname?: string;
  /** Seconds. */
  lease?: number;
  serverid?: string;
  siaddr?: string;
  /** Text of a NAK's message option. */
  message?: string;
  /** Option 42 (NTP servers), which udhcpc requests only when told to (-O ntpsrv). */
  ntpsrv: string[];
}

export const udhcpcEventMarker = 'WIRECRAFT_UDHCPC_EVENT';

const reportedVariables = [
  'interface',
  'ip',
  'subnet',
  'mask',
  'broadcast',
  'router',
  'dns',
  'domain',
  'hostname',
  'lease',
  'serverid',
  'siaddr',
  'message',
  'ntpsrv',
];

/** The udhcpc script: reports, never touches an interface, a route or resolv.conf. */
export function udhcpcScript(): string {
  return reportScript(udhcpcEventMarker, 'event', '$1', reportedVariables);
}

/** Every event line in udhcpc's output, in order. */
export function parseUdhcpcEvents(output: string): UdhcpcEvent[] {
  return parseReports(udhcpcEventMarker, output).map((raw) => ({
    event: raw.event,
    interface: raw.interface,
    ip: raw.ip,
    subnet: raw.subnet,
    mask: raw.mask === undefined ? undefined : Number(raw.mask),
    broadcast: raw.broadcast,
    router: words(raw.router),
    dns: words(raw.dns),
    domain: raw.domain,
    hostname: raw.hostname,
    lease: raw.lease === undefined ? undefined : Number(raw.lease),
    serverid: raw.serverid,
    siaddr: raw.siaddr,
    message: raw.message,
    ntpsrv: words(raw.ntpsrv),
  }));
}
