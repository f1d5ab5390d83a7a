import { getInterface, type Link, openLiveLink } from '@wirecraft/capture';
import {
  createDhcpClient,
  type DhcpClient,
  type DhcpClientEvent,
  type DhcpLease,
  type DhcpOffer,
  OperationAbortedError,
} from '@wirecraft/dhcp';
import {
  type EmbeddedNetwork,
  embeddedDoraPlans,
  MAX_EMBEDDED_SERVERS,
  startEmbeddedNetwork,
} from './embedded-network.js';

export interface DoraRequest {
  /** A real interface to run on; without it, the embedded virtual network. */
  iface?: string;
  mac?: string;
  hostname?: string;
  requestIp?: string;
  renew: boolean;
  release: boolean;
  /** Wait for this many offers, at most for the offer window, then choose the first. */
  offers?: number;
  offerWindowMs?: number;
  timeoutMs: number;
  /**
   * Programmatic use: run on a link the caller owns (and closes) instead of --iface or the embedded network.
   * `description` says what is on it.
   */
  link?: { link: Link; description: string };
  /** Multiplies the client's RFC timers (retransmissions, offer window); 1 unless a caller speeds it up. */
  timeScale?: number;
}

/** What the dora screen and the JSON lines show before the first message: where the exchange runs. */
export interface DoraSetupEvent {
  readonly type: 'setup';
  readonly time: number;
  readonly link: string;
  readonly description: string;
  readonly mac: string;
  readonly embedded: boolean;
}

export type DoraEvent = DhcpClientEvent | DoraSetupEvent;

export interface DoraOutcome {
  ok: boolean;
  lease?: DhcpLease;
  /** Why it failed, one line with the fix. */
  failure?: string;
  offers: number;
}

/** Filter for a live link: only DHCP reaches the client, whatever else the interface carries. */
export const DHCP_CAPTURE_FILTER = 'udp and (port 67 or port 68)';

export const EMBEDDED_CLIENT_MAC = '02:00:00:00:00:01';
export const DEFAULT_OFFER_WINDOW_MS = 1000;

export class DoraTimeoutError extends Error {
  override name = 'DoraTimeoutError';
  constructor(
    readonly seconds: number,
    readonly phase: string,
  ) {
    super(
      `no DHCPACK within ${seconds} s (still ${phase}); check that a DHCP server answers on this link, or raise --timeout`,
    );
  }
}

export class DoraInterruptedError extends Error {
  override name = 'DoraInterruptedError';
  constructor(readonly phase: string) {
    super(`interrupted while ${phase}`);
  }
}

/**
 * Runs DISCOVER/OFFER/REQUEST/ACK (then renew and release when asked) and reports every event as it happens.
 * Resolves with the outcome; rejects only when the link cannot be opened (no such interface, no permission).
 * Always stops the client and closes what it opened before it resolves.
 */
export async function runDora(
  request: DoraRequest,
  onEvent: (event: DoraEvent) => void,
  signal?: AbortSignal,
): Promise<DoraOutcome> {
  let network: EmbeddedNetwork | undefined;
  let link: Link;
  let mac: string;
  let description: string;
  if (request.link !== undefined) {
    link = request.link.link;
    mac = request.mac ?? EMBEDDED_CLIENT_MAC;
    description = request.link.description;
  } else if (request.iface !== undefined) {
    const info = getInterface(request.iface);
    link = await openLiveLink({ iface: request.iface, filter: DHCP_CAPTURE_FILTER });
    mac =
      request.mac ?? (info.mac !== '' && info.mac !== '00:00:00:00:00:00' ? info.mac : EMBEDDED_CLIENT_MAC);
    description = `live interface ${request.iface} (${info.mac || 'no MAC'})`;
  } else {
    network = await startEmbeddedNetwork(
      embeddedDoraPlans(Math.min(Math.max(request.offers ?? 1, 1), MAX_EMBEDDED_SERVERS)),
    );
    link = network.link;
    mac = request.mac ?? EMBEDDED_CLIENT_MAC;
    description = network.description;
  }
  onEvent({
    type: 'setup',
    time: 0,
    link: link.name,
    description,
    mac,
    embedded: request.iface === undefined,
  });

  const waitForOffers = request.offers !== undefined && request.offers > 1;
  const offerWindow = request.offerWindowMs ?? (waitForOffers ? DEFAULT_OFFER_WINDOW_MS : 0);
  let client: DhcpClient | undefined;
  let offers = 0;
  let timedOut = false;
  let interrupted = false;
  let phase = 'INIT';
  const timer = setTimeout(() => {
    timedOut = true;
    void client?.stop();
  }, request.timeoutMs);
  const onAbort = () => {
    interrupted = true;
    void client?.stop();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    client = createDhcpClient({
      link,
      mac,
      ...(request.timeScale !== undefined ? { timeScale: request.timeScale } : {}),
      ...(request.hostname !== undefined ? { hostname: request.hostname } : {}),
      ...(request.requestIp !== undefined ? { requestedAddress: request.requestIp } : {}),
      ...(offerWindow > 0
        ? {
            offers: {
              window: offerWindow,
              // A function policy makes the client wait out the window, so every answering server is shown.
              policy: (list: readonly DhcpOffer[]) => list[0],
              // With --offers N the window ends as soon as the Nth offer is in, not when it runs out.
              ...(waitForOffers ? { enough: request.offers } : {}),
            },
          }
        : {}),
    });
    client.on((event) => {
      if (event.type === 'offer') offers = event.count;
      if (event.type === 'state' && event.to !== 'STOPPED') phase = event.to;
      onEvent(event);
    });
    if (signal?.aborted) onAbort();
    try {
      let lease = await client.obtain();
      if (request.renew) lease = await client.renew();
      if (request.release) await client.release();
      return { ok: true, lease, offers };
    } catch (error) {
      const failure = timedOut
        ? new DoraTimeoutError(request.timeoutMs / 1000, phase).message
        : interrupted || error instanceof OperationAbortedError
          ? new DoraInterruptedError(phase).message
          : error instanceof Error
            ? error.message
            : String(error);
      return { ok: false, failure, offers, ...(client.lease ? { lease: client.lease } : {}) };
    }
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    await client?.stop();
    if (network) await network.close();
    else if (request.link === undefined) await link.close();
  }
}
