/**
 * Option overload on build (RFC 2131 §4.1, RFC 2132 §9.3, RFC 3396 §5): when a layer's options ask for
 * overload (option 52) but give no file/sname areas of their own, and the options no longer fit the options
 * field of a 576-byte message, they flow on into BOOTP file and then sname, the order of RFC 3396's
 * aggregate option buffer. An option that fits nowhere whole is split over areas (RFC 3396 §6); options
 * are never reordered.
 */
import { DhcpOptionValueError } from './option-codec.js';
import type { DhcpOptionList } from './option-list.js';
import { encodedLength, encodeOptions } from './option-wire.js';

const PAD = 0;
const END = 255;
const OVERLOAD = 52;
/** Options in a 576-byte message (RFC 2131 §2: 576 - 20 IP - 8 UDP - 236 BOOTP - 4 cookie). */
export const OPTIONS_FIELD_SIZE = 308;
export const FILE_SIZE = 128;
export const SNAME_SIZE = 64;

/** The bytes of each area, each closed by 'end'; file and sname are not yet padded to their size. */
export interface OverloadLayout {
  options: Uint8Array;
  file: Uint8Array | undefined;
  sname: Uint8Array | undefined;
}

interface Area {
  name: 'options' | 'file' | 'sname';
  size: number;
  bytes: number[];
}

/** The overload value (1 file, 2 sname, 3 both) when the list asks for a flow over areas, else 0. */
export function overloadRequested(list: DhcpOptionList): number {
  if (list.file !== undefined || list.sname !== undefined) return 0;
  const value = list.get(OVERLOAD);
  return value === 1 || value === 2 || value === 3 ? value : 0;
}

/**
 * Lays the options out over the areas option 52 names, or undefined when they fit the options field alone
 * (then nothing flows and the options build as they are). Throws DhcpOptionValueError when the aggregate
 * cannot hold them.
 */
export function layoutOverload(list: DhcpOptionList, overload: number): OverloadLayout | undefined {
  const all = new Uint8Array(encodedLength(list));
  encodeOptions(list, all, 0);
  if (all.length <= OPTIONS_FIELD_SIZE) return undefined;
  const areas: Area[] = [{ name: 'options', size: OPTIONS_FIELD_SIZE, bytes: [] }];
  if (overload & 1) areas.push({ name: 'file', size: FILE_SIZE, bytes: [] });
  if (overload & 2) areas.push({ name: 'sname', size: SNAME_SIZE, bytes: [] });
  let a = 0;
  // Room left in an area, keeping one byte for its 'end'.
  const room = () => areas[a].size - 1 - areas[a].bytes.length;
  const overflow = (needed: number) =>
    new DhcpOptionValueError(
      'dhcp-option-overload',
      overload,
      `the options take ${needed} more bytes than the options field (${OPTIONS_FIELD_SIZE})${overload & 1 ? `, file (${FILE_SIZE})` : ''}${overload & 2 ? `, sname (${SNAME_SIZE})` : ''} hold with their 'end' bytes; overload both (3) or send fewer options`,
    );
  let o = 0;
  while (o < all.length) {
    const code = all[o];
    if (code === END) break;
    if (code === PAD) {
      while (room() < 1) if (++a === areas.length) throw overflow(all.length - o);
      areas[a].bytes.push(PAD);
      o++;
      continue;
    }
    // A TLV we wrote ourselves, or a verbatim one cut short: the rest of the bytes then go as one piece.
    const len = o + 1 < all.length ? Math.min(all[o + 1], all.length - o - 2) : 0;
    const whole = o + 1 < all.length && o + 2 + all[o + 1] <= all.length;
    const piece = whole ? all.subarray(o, o + 2 + len) : all.subarray(o);
    if (piece.length <= room()) {
      for (const b of piece) areas[a].bytes.push(b);
    } else if (whole && code !== OVERLOAD && !fitsLater(areas, a, piece.length)) {
      // Fits in no later area whole: split here (RFC 3396), as much as each area takes.
      let at = 0;
      while (at < len) {
        while (room() < 3) if (++a === areas.length) throw overflow(len - at + 2);
        const n = Math.min(room() - 2, len - at);
        areas[a].bytes.push(code, n);
        for (let i = 0; i < n; i++) areas[a].bytes.push(all[o + 2 + at + i]);
        at += n;
      }
    } else {
      do if (++a === areas.length) throw overflow(all.length - o);
      while (piece.length > room());
      for (const b of piece) areas[a].bytes.push(b);
    }
    if (code === OVERLOAD && a !== 0)
      throw new DhcpOptionValueError(
        'dhcp-option-overload',
        overload,
        `option 52 must sit in the options field (RFC 2131 §4.1) but the options before it fill it; put it first`,
      );
    o += piece.length;
  }
  const close = (area: Area | undefined) => (area ? Uint8Array.from([...area.bytes, END]) : undefined);
  return {
    options: close(areas[0]) as Uint8Array,
    file: close(areas.find((x) => x.name === 'file')),
    sname: close(areas.find((x) => x.name === 'sname')),
  };
}

function fitsLater(areas: Area[], a: number, size: number): boolean {
  for (let i = a + 1; i < areas.length; i++)
    if (size <= areas[i].size - 1 - areas[i].bytes.length) return true;
  return false;
}
