import type { Link } from '@wirecraft/capture';
import { canonicalIpv4, canonicalMac } from '@wirecraft/packet';
import type { TimerClock } from '../time.js';
import type { BackoffOptions } from './backoff.js';
import { ClientOptionError } from './client-errors.js';
import type { OfferPolicy } from './offer-selection.js';

export interface DhcpClientOptions {
  link: Link;
  /** Our hardware address (chaddr and L2 source). */
  mac: string;
  /** Option 61; default: hardware type 1 + mac (what dhclient and udhcpc send). */
  clientId?: Uint8Array;
  hostname?: string;
  vendorClass?: string;
  /** Option 55; default: 1, 3, 6, 15, 51, 54, 58, 59. */
  paramReqList?: readonly number[];
  /** Option 50 in DISCOVER. */
  requestedAddress?: string;
  /** Ask servers to broadcast replies (the BOOTP broadcast flag). Default true: we have no IP stack. */
  broadcast?: boolean;
  /** Appended to every message we send (after ours), e.g. [{ code: 77, data }]. */
  extraOptions?: readonly { code: number; data: Uint8Array }[];
  timeScale?: number;
  /** Injected clock (tests); default the real monotonic clock. */
  clock?: TimerClock;
  /**
   * Collect offers for `window` ms, then choose by `policy`. `enough` ends the window early once that many
   * offers are in and the policy accepts one of them (a user who asked for N offers need not wait longer).
   */
  offers?: { window?: number; policy?: OfferPolicy; enough?: number };
  /** RFC 5227 probe of the acknowledged address; DECLINE when someone answers. */
  arpProbe?: boolean | { probes?: number; waitMs?: number };
  /**
   * Answer ARP who-has for the leased address while BOUND, RENEWING or REBINDING, and for the address
   * inform() names until its ACK is in. Default true: servers unicast renewal and INFORM ACKs to ciaddr,
   * which they can only do once ARP resolves it. Turn it off when a real IP stack on the same interface
   * owns the address.
   */
  answerArp?: boolean;
  xid?: number;
  /** Attempts per exchange (first send included). Default 4: 0 + 4 + 8 + 16 s, then give up after 32 s. */
  maxAttempts?: number;
  backoff?: BackoffOptions;
  /** DHCPNAKs obtain() accepts (returning to INIT each time) before it gives up. Default 3. */
  maxNaks?: number;
}

export interface ResolvedClientOptions {
  mac: string;
  clientId: Uint8Array;
  paramReqList: readonly number[];
  broadcast: boolean;
  requestedAddress: string | undefined;
  maxAttempts: number;
  maxNaks: number;
  offerWindow: number;
  policy: OfferPolicy;
  offersEnough: number | undefined;
  arpProbes: number;
  arpWaitMs: number;
  answerArp: boolean;
}

export const DEFAULT_PARAMETER_REQUEST_LIST: readonly number[] = [1, 3, 6, 15, 51, 54, 58, 59];

export function resolveClientOptions(options: DhcpClientOptions): ResolvedClientOptions {
  const mac = canonicalMac(options.mac);
  if (!mac) throw new ClientOptionError('mac', options.mac, 'give a MAC such as "02:00:00:00:00:01"');
  let requestedAddress: string | undefined;
  if (options.requestedAddress !== undefined) {
    requestedAddress = canonicalIpv4(options.requestedAddress);
    if (!requestedAddress) {
      throw new ClientOptionError('requestedAddress', options.requestedAddress, 'give a dotted IPv4 address');
    }
  }
  const maxAttempts = options.maxAttempts ?? 4;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new ClientOptionError('maxAttempts', options.maxAttempts, 'give an integer >= 1');
  }
  const maxNaks = options.maxNaks ?? 3;
  if (!Number.isInteger(maxNaks) || maxNaks < 0) {
    throw new ClientOptionError('maxNaks', options.maxNaks, 'give an integer >= 0');
  }
  const offerWindow = options.offers?.window ?? 0;
  const offersEnough = options.offers?.enough;
  if (offersEnough !== undefined && !(Number.isInteger(offersEnough) && offersEnough >= 1)) {
    throw new ClientOptionError('offers.enough', offersEnough, 'give a whole number of offers >= 1');
  }
  if (!(offerWindow >= 0)) {
    throw new ClientOptionError('offers.window', options.offers?.window, 'give milliseconds >= 0');
  }
  for (const code of options.paramReqList ?? []) {
    if (!Number.isInteger(code) || code < 1 || code > 254) {
      throw new ClientOptionError('paramReqList', options.paramReqList, `option code ${code} is not 1..254`);
    }
  }
  if (
    options.xid !== undefined &&
    !(Number.isInteger(options.xid) && options.xid >= 0 && options.xid <= 0xffffffff)
  ) {
    throw new ClientOptionError('xid', options.xid, 'give an unsigned 32-bit integer');
  }
  const macBytes = mac.split(':').map((h) => Number.parseInt(h, 16));
  const probe = options.arpProbe;
  return {
    mac,
    clientId: options.clientId ?? Uint8Array.from([1, ...macBytes]),
    paramReqList: options.paramReqList ?? DEFAULT_PARAMETER_REQUEST_LIST,
    broadcast: options.broadcast ?? true,
    requestedAddress,
    maxAttempts,
    maxNaks,
    offerWindow,
    policy: options.offers?.policy ?? 'first',
    offersEnough,
    arpProbes: probe ? ((typeof probe === 'object' ? probe.probes : undefined) ?? 2) : 0,
    arpWaitMs: (typeof probe === 'object' ? probe.waitMs : undefined) ?? 1000,
    answerArp: options.answerArp ?? true,
  };
}
