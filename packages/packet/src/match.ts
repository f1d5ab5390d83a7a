import type { Packet } from './packet.js';

/**
 * Whether `reply` answers `request` (scapy's answers, used by srp). The layers both packets share from the
 * outermost down are asked innermost first: a 'no' anywhere decides no (a different VLAN or EtherType is
 * never a reply), the innermost 'yes' decides yes unless an outer layer says no, and 'continue' passes
 * the question outward. A layer that answers decisively (BOOTP: xid and chaddr) ends the question with its
 * 'yes'. When no layer says yes (two plain Ether/Raw frames), it is not an answer.
 */
export function answers(request: Packet, reply: Packet): boolean {
  const a = request.layers;
  const b = reply.layers;
  let common = 0;
  while (common < a.length && common < b.length && a[common].def === b[common].def) common++;
  let decided = false;
  for (let i = common - 1; i >= 0; i--) {
    const hook = a[i].def.spec.answers;
    if (!hook) continue;
    const verdict = hook(a[i], b[i]);
    if (verdict === 'no') return false;
    if (verdict === 'yes') {
      if (a[i].def.spec.answersDecisively) return true;
      decided = true;
    }
  }
  return decided;
}

/** The key of frames no layer can key: they all share it, and answers() alone decides. */
export const GENERIC_HASH_KEY = '*';

/**
 * A key a request and each of its replies share (scapy's hashret), for looking up candidate requests
 * before answers() confirms: the innermost layer with a hashKey hook gives it (DHCP: the xid).
 */
export function hashKey(p: Packet): string {
  const layers = p.layers;
  for (let i = layers.length - 1; i >= 0; i--) {
    const hook = layers[i].def.spec.hashKey;
    if (hook) return hook(layers[i]);
  }
  return GENERIC_HASH_KEY;
}
