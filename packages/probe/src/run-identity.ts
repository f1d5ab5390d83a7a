import { randomXid } from '@wirecraft/packet';
import { randomBytes } from 'node:crypto';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * MACs and transaction ids for one run. MACs are locally administered (02:…), two random bytes tell
 * concurrent runs against one server apart, and a counter keeps them unique within the run, so a server
 * never sees one check's client as another's.
 */
export class RunIdentity {
  readonly #prefix: string;
  #macs = 0;
  readonly #xids = new Set<number>();

  constructor() {
    const [a, b] = randomBytes(2);
    this.#prefix = `02:${HEX[a]}:${HEX[b]}`;
  }

  newMac(): string {
    const n = this.#macs++;
    return `${this.#prefix}:${HEX[(n >>> 16) & 0xff]}:${HEX[(n >>> 8) & 0xff]}:${HEX[n & 0xff]}`;
  }

  newXid(): number {
    let xid = randomXid();
    while (this.#xids.has(xid)) xid = randomXid();
    this.#xids.add(xid);
    return xid;
  }
}
