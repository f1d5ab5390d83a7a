export { AUTO, type AnyField, type FieldSpec, type JsonValue } from './field/spec.js';
export { u8, u16, u32, u32le, bits, type EnumNames } from './field/int.js';
export { flags } from './field/flags.js';
export { mac, canonicalMac, macToBytes, randomMac } from './field/mac.js';
export { ipv4, canonicalIpv4, parseIpv4, formatIpv4, randomIpv4 } from './field/ipv4.js';
export { fixedBytes, tailBytes, hardwareAddress, type BytesInput } from './field/bytes.js';
export { FieldValueError, UnknownFieldError } from './errors.js';
export type { Problem, ProblemKind } from './problem.js';
export {
  defineLayer,
  Layer,
  type LayerType,
  type LayerOf,
  type AnyLayerType,
  type LayerInit,
  type LayerValues,
  type TypedLayer,
  type LayerDefinition,
  type BuildContext,
  type DissectContext,
} from './layer.js';
export { bindLayers } from './bind.js';
export { Packet, packet, MissingLayerError, type PacketJson } from './packet.js';
export { buildInto, buildLength } from './build.js';
export { dissect, registerLinktype, type DissectOptions } from './dissect.js';
export { internetChecksum } from './checksum.js';
export { toHex, fromHex } from './hex.js';
export { Raw, Padding } from './layers/raw.js';
export { Ether, Dot3, LLC } from './layers/ether.js';
export { ETHER_TYPES } from './layers/ether-types.js';
export { Dot1Q, Dot1AD } from './layers/dot1q.js';
export { IP, IP_PROTOCOLS } from './layers/ip.js';
export { UDP, UDP_PORTS } from './layers/udp.js';
import './layers/bindings.js';

import { buildInto } from './build.js';
import type { Packet } from './packet.js';
/** Builds a packet to a new byte array (scapy's raw(p)). */
export function build(p: Packet): Uint8Array {
  return buildInto(p);
}
