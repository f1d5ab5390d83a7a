import { formatIpv4, parseIpv4, randomIpv4, readIpv4, writeIpv4 } from '../../field/ipv4.js';
import { randomInt } from '../../field/random.js';
import { DhcpOptionValueError, MALFORMED, type OptionCodec } from '../option-codec.js';

/**
 * RFC 3442 classless static routes (option 121, and Microsoft's 249): each route is a prefix length, the
 * significant octets of the network, then the router. The network is kept as sent (bits past the prefix
 * included), so a dissected option rebuilds identically.
 */
export interface ClasslessRoute {
  /** 'a.b.c.d/len' */
  network: string;
  router: string;
}

/** Input: `{ network, router }` or scapy's string form '10.0.0.0/8:192.168.1.1'. */
export type ClasslessRouteInput = ClasslessRoute | string;

function parseNetwork(text: string): { address: number; prefix: number } | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const address = parseIpv4(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  const prefix = Number(prefixText);
  if (address < 0 || prefixText === '' || !Number.isInteger(prefix) || prefix < 0 || prefix > 32)
    return undefined;
  return { address, prefix };
}

function normalizeRoute(input: unknown, option: string): ClasslessRoute {
  let network: unknown;
  let router: unknown;
  if (typeof input === 'string') {
    const colon = input.lastIndexOf(':');
    network = input.slice(0, colon);
    router = input.slice(colon + 1);
  } else if (typeof input === 'object' && input !== null) {
    ({ network, router } = input as ClasslessRoute);
  }
  const net = typeof network === 'string' ? parseNetwork(network) : undefined;
  const gw = typeof router === 'string' ? parseIpv4(router) : -1;
  if (!net || gw < 0 || colonMissing(input))
    throw new DhcpOptionValueError(
      option,
      input,
      'expected { network: "a.b.c.d/len" (len 0..32), router: "a.b.c.d" } or "a.b.c.d/len:router"',
    );
  const octets = Math.ceil(net.prefix / 8);
  // Octets past the significant ones are not sent, so they must be zero to survive a round trip.
  const kept = octets === 0 ? 0 : Math.floor(net.address / 2 ** (32 - 8 * octets)) * 2 ** (32 - 8 * octets);
  if (kept !== net.address)
    throw new DhcpOptionValueError(
      option,
      input,
      `network octets past the first ${octets} must be 0 for a /${net.prefix} route`,
    );
  return { network: `${formatIpv4(net.address)}/${net.prefix}`, router: formatIpv4(gw) };
}

function colonMissing(input: unknown): boolean {
  return typeof input === 'string' && input.lastIndexOf(':') < 0;
}

export const classlessRoutesCodec: OptionCodec<ClasslessRoute[], ClasslessRouteInput[]> = {
  expects: 'routes of a prefix length 0..32, its significant network octets and a 4-byte router',
  normalize(input, option) {
    if (!Array.isArray(input)) throw new DhcpOptionValueError(option, input, 'expected a list of routes');
    return input.map((r) => normalizeRoute(r, option));
  },
  length(v) {
    let n = 0;
    for (const r of v) n += 1 + Math.ceil(Number(r.network.slice(r.network.indexOf('/') + 1)) / 8) + 4;
    return n;
  },
  write(out, offset, v) {
    let o = offset;
    for (const r of v) {
      const slash = r.network.indexOf('/');
      const prefix = Number(r.network.slice(slash + 1));
      const address = parseIpv4(r.network.slice(0, slash));
      const octets = Math.ceil(prefix / 8);
      out[o++] = prefix;
      for (let i = 0; i < octets; i++) out[o++] = (address >>> (24 - 8 * i)) & 255;
      writeIpv4(r.router, out, o);
      o += 4;
    }
  },
  read(b, start, end) {
    const routes: ClasslessRoute[] = [];
    let o = start;
    while (o < end) {
      const prefix = b[o];
      // scapy 2.5 loops forever here; a prefix over 32 makes the whole option malformed.
      if (prefix > 32) return MALFORMED;
      const octets = Math.ceil(prefix / 8);
      if (o + 1 + octets + 4 > end) return MALFORMED;
      let address = 0;
      for (let i = 0; i < 4; i++) address = address * 256 + (i < octets ? b[o + 1 + i] : 0);
      routes.push({ network: `${formatIpv4(address)}/${prefix}`, router: readIpv4(b, o + 1 + octets) });
      o += 1 + octets + 4;
    }
    return routes;
  },
  json: (v) => v.map((r) => ({ network: r.network, router: r.router })),
  repr: (v) => `[${v.map((r) => `${r.network}:${r.router}`).join(', ')}]`,
  random: () =>
    Array.from({ length: 1 + randomInt(3) }, () => {
      const prefix = randomInt(33);
      const octets = Math.ceil(prefix / 8);
      const a = parseIpv4(randomIpv4());
      const kept = octets === 0 ? 0 : Math.floor(a / 2 ** (32 - 8 * octets)) * 2 ** (32 - 8 * octets);
      return { network: `${formatIpv4(kept)}/${prefix}`, router: randomIpv4() };
    }),
};
