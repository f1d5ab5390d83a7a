import { answers, build, dissect, hashKey, type Packet } from '@wirecraft/packet';
import type { Link } from './link/link.js';
import {
  type SrpAnswer,
  type SrpCodec,
  type SrpOptions,
  type SrpResult,
  srp1With,
  srpWith,
} from './srp-engine.js';

/** The @wirecraft/packet model as srp sees it. */
export const packetCodec: SrpCodec<Packet> = { build, dissect, answers, hashKey };

/**
 * Sends packets at layer 2 and collects their answers (scapy's srp); see srpWith for the matching rules.
 * Resolves `{ answered: [{ request, reply, frame, rttMs }], unanswered }`.
 */
export function srp(
  link: Link,
  requests: Packet | readonly Packet[],
  options: SrpOptions<Packet>,
): Promise<SrpResult<Packet>> {
  return srpWith(packetCodec, link, requests, options);
}

/** The first answer to `request`, as soon as it arrives, or undefined after the timeout (and retries). */
export function srp1(
  link: Link,
  request: Packet,
  options: Omit<SrpOptions<Packet>, 'multi' | 'stop'>,
): Promise<SrpAnswer<Packet> | undefined> {
  return srp1With(packetCodec, link, request, options);
}
