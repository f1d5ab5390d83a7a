import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { framed } from '../test/l2l4-arbitraries.js';
import { buildGeneric } from './build.js';
import { compileBuildPlan, planOffsets } from './build-plan.js';
import { fuzz } from './fuzz.js';
import { fromHex, toHex } from './hex.js';
import {
  BOOTP,
  DHCP,
  Dot1Q,
  Ether,
  IP,
  Padding,
  type Packet,
  Raw,
  UDP,
  buildInto,
  dissect,
  packet,
} from './index.js';

/** Builds through a plan compiled for this packet's layer types, whatever the builder's cache holds. */
function planned(p: Packet, out?: Uint8Array, offset = 0): Uint8Array {
  const plan = compileBuildPlan(p.layers.map((l) => l.def));
  const ctx = {
    packet: p,
    index: 0,
    payloadLength: 0,
    offsets: planOffsets,
    next: undefined,
    prev: undefined,
  };
  return plan.run(p.layers, p, out, offset, ctx);
}

/** The outcome of a build: its hex, or the error it threw. */
function outcome(build: () => Uint8Array): string {
  try {
    return toHex(build());
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

function expectSameAsGeneric(p: Packet): void {
  expect(outcome(() => planned(p))).toBe(outcome(() => buildGeneric(p)));
}

const discover = () =>
  packet(
    Ether({ src: '02:00:00:00:00:01' }),
    IP({ src: '0.0.0.0', dst: '255.255.255.255' }),
    UDP(),
    BOOTP({ chaddr: '02:00:00:00:00:01', xid: 0x1234 }),
    DHCP({ options: [['message-type', 'discover'], ['param_req_list', [1, 3, 6]], 'end'] }),
  );

describe('build plans build what the generic builder builds', () => {
  it('for random L2-L4 stacks (tags, SLL, loopback, raw IP)', () => {
    fc.assert(
      fc.property(framed, ({ packet: p }) => expectSameAsGeneric(p)),
      { numRuns: 300 },
    );
  });

  it('for fuzzed DHCP packets, auto fields left unset or randomised', () => {
    for (let i = 0; i < 200; i++) expectSameAsGeneric(fuzz(discover(), { auto: i % 2 === 1 }));
  });

  it('for dissected frames that keep wrong checksums, bad lengths and trailing padding', () => {
    const frame = discover().build();
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(frame.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        fc.nat(40),
        (changes, padding) => {
          const bytes = new Uint8Array(frame.length + padding);
          bytes.set(frame);
          for (const [at, value] of changes) bytes[at] = value;
          expectSameAsGeneric(dissect(bytes));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('for stacks no binding joins, Raw payloads and Padding', () => {
    expectSameAsGeneric(packet(Ether(), Dot1Q({ vlan: 7 }), Raw({ load: fromHex('0102')! }), Padding()));
    expectSameAsGeneric(packet(UDP({ sport: 1 }), IP(), Raw({ load: fromHex('ff')! })));
    expectSameAsGeneric(packet(Padding()));
  });

  it('into a buffer at an offset, and with the same error when the buffer is too small', () => {
    const p = discover();
    const a = new Uint8Array(1024);
    const b = new Uint8Array(1024);
    planned(p, a, 17);
    buildGeneric(p, b, 17);
    expect(toHex(a)).toBe(toHex(b));
    const small = () => new Uint8Array(40);
    expect(outcome(() => planned(p, small(), 3))).toBe(outcome(() => buildGeneric(p, small(), 3)));
    expect(outcome(() => planned(p, small(), 3))).toMatch(/^RangeError: output buffer too small/);
  });

  it('with the same error for a value a field cannot take', () => {
    const p = packet(Ether(), IP({ ttl: 64 }), UDP());
    p.layers[1].values[7] = 300;
    expect(outcome(() => planned(p))).toBe(outcome(() => buildGeneric(p)));
  });

  it('and buildInto uses a plan from the second build of a stack on, with the same bytes', () => {
    const first = discover();
    const bytes = toHex(buildInto(first));
    for (let i = 0; i < 3; i++) expect(toHex(buildInto(discover()))).toBe(bytes);
    expect(bytes).toBe(toHex(buildGeneric(first)));
  });
});
