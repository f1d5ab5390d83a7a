import type { ReceivedDhcp } from '../wire/dhcp-frame.js';

/** An OFFER the client collected while SELECTING. */
export interface DhcpOffer {
  address: string;
  serverId: string | undefined;
  serverMac: string;
  /** Engine time (ms) it arrived. */
  time: number;
  received: ReceivedDhcp;
}

export type OfferPolicy =
  | 'first'
  | { serverId: string }
  | ((offers: readonly DhcpOffer[]) => DhcpOffer | undefined);

export function offerFrom(received: ReceivedDhcp, time: number): DhcpOffer {
  return {
    address: received.message.yiaddr,
    serverId: received.message.option('server_id'),
    serverMac: received.srcMac,
    time,
    received,
  };
}

/** The offer a policy picks, or undefined when none of the collected offers is acceptable. */
export function chooseOffer(offers: readonly DhcpOffer[], policy: OfferPolicy): DhcpOffer | undefined {
  if (offers.length === 0) return undefined;
  if (policy === 'first') return offers[0];
  if (typeof policy === 'function') return policy(offers);
  return offers.find((offer) => offer.serverId === policy.serverId);
}

/** True when waiting longer cannot change the choice (so SELECTING can end before the window closes). */
export function choiceIsFinal(offers: readonly DhcpOffer[], policy: OfferPolicy): boolean {
  if (policy === 'first') return offers.length > 0;
  if (typeof policy === 'function') return false;
  return offers.some((offer) => offer.serverId === policy.serverId);
}
