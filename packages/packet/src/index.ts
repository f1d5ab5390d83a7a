export { AUTO, type AnyField, type FieldSpec, type JsonValue } from './field/spec.js';
export { u8, u16, u32, u32le, bits, type EnumNames } from './field/int.js';
export { flags } from './field/flags.js';
export { mac, canonicalMac, macToBytes, randomMac, readMac } from './field/mac.js';
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
export {
  layerTypes,
  layerTypeByName,
  requireLayerType,
  registerLayerType,
  DuplicateLayerError,
  UnknownLayerError,
} from './layer-registry.js';
export { ARP, ARP_OPS, HARDWARE_TYPES } from './layers/arp.js';
export { SLL, SLL2, CookedLinux, CookedLinuxV2, SLL_PACKET_TYPES } from './layers/sll.js';
export { Loopback, LOOPBACK_FAMILIES, loopbackFamily } from './layers/loopback.js';
export { listIpOptions, IP_OPTION_NAMES, type IpOption, type IpOptionList } from './layers/ip-options.js';
export { show, summary, type ShowOptions } from './show.js';
export { hexdump } from './hexdump.js';
export { answers, hashKey, GENERIC_HASH_KEY } from './match.js';
export { toJSON, fromJSON, PacketJsonError } from './json.js';
export { fuzz, randomXid, type FuzzOptions } from './fuzz.js';
export { BOOTP, BOOTP_OPS, DHCP_MAGIC_COOKIE } from './layers/bootp.js';
export { DHCP, type DhcpLayer, type DhcpOptionAccess } from './layers/dhcp.js';
export {
  DHCP_OPTION_TABLE,
  OPTIONS_BY_CODE,
  optionCode,
  optionName,
  type DhcpOptionEntry,
} from './dhcp/registry.js';
export {
  DHCP_MESSAGE_TYPES,
  messageTypeName,
  messageTypeCode,
  type DhcpMessageTypeName,
} from './dhcp/codecs/message-type.js';
export { DhcpOptionList, EntryKind, optionListFrom, type DhcpOptionView } from './dhcp/option-list.js';
export { decodeOptions, encodeOptions, encodedLength } from './dhcp/option-wire.js';
export { DhcpOptionValueError, UnknownDhcpOptionError, type OptionCodec } from './dhcp/option-codec.js';
export type {
  DhcpOptionName,
  DhcpOptionCode,
  DhcpOptionNameOf,
  DhcpOptionValue,
  DhcpOptionInput,
  DhcpOptionTuple,
  DhcpOptionItem,
  DhcpOptionsObject,
  DhcpOptionsInput,
} from './dhcp/option-types.js';
export type { ClientId, ClientIdInput } from './dhcp/codecs/client-id.js';
export type { ClasslessRoute, ClasslessRouteInput } from './dhcp/codecs/classless-routes.js';
export type { ClientFqdn, ClientFqdnInput } from './dhcp/codecs/client-fqdn.js';
export { RELAY_AGENT_SUBOPTIONS, type SubOption, type SubOptionInput } from './dhcp/codecs/sub-options.js';
export type { VendorClass, VendorSpecificInformation } from './dhcp/codecs/vendor-identifying.js';
export type { UserClass, UserClassInput } from './dhcp/codecs/user-class.js';
export type { SipServers, SipServersInput } from './dhcp/codecs/sip-servers.js';
export { fromScapy, evaluateScapy } from './scapy/evaluate.js';
export { toScapy, layerToScapy } from './scapy/to-scapy.js';
export { parseScapy } from './scapy/parser.js';
export type { ScapyExpr, ScapyKeyword } from './scapy/ast.js';
export { ScapySyntaxError } from './scapy/syntax-error.js';
export { ScapyEvalError, ScapyTypeError, UnknownScapyNameError } from './scapy/eval-errors.js';
export { UnknownScapyDhcpOptionError } from './scapy/dhcp-options.js';
export type { ScapyValue } from './scapy/values.js';
