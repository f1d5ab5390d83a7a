import { build, fromScapy, hexdump, type Packet, show } from '@wirecraft/packet';

/** The result of evaluating the expression being edited: a built packet, or why it is not one. */
export type Composition =
  | { ok: true; expression: string; packet: Packet; bytes: Uint8Array; tree: string; hex: string }
  | { ok: false; expression: string; error: string };

export function compose(expression: string): Composition {
  try {
    const packet = fromScapy(expression);
    const bytes = build(packet);
    return {
      ok: true,
      expression,
      packet,
      bytes,
      tree: show(packet, { computed: true }),
      hex: hexdump(bytes),
    };
  } catch (error) {
    return { ok: false, expression, error: error instanceof Error ? error.message : String(error) };
  }
}
