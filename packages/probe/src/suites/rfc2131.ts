/**
 * RFC 2131/2132 server conformance. Every check uses fresh MACs and xids: the server keeps state between
 * checks, and none may depend on what another left behind. Expected values come from the target.
 */
import { defineProbes } from '../probe.js';
import { informBootpChecks } from './rfc2131-inform-bootp.js';
import { leaseStateChecks } from './rfc2131-lease-state.js';
import { offerChecks } from './rfc2131-offer.js';
import { relayChecks } from './rfc2131-relay.js';
import { requestChecks } from './rfc2131-request.js';

export const rfc2131 = defineProbes({
  name: 'rfc2131',
  checks: [...offerChecks, ...requestChecks, ...relayChecks, ...leaseStateChecks, ...informBootpChecks],
});
