/**
 * The IANA "BOOTP Vendor Extensions and DHCP Options" registry (DHCPv4), by code and name. Names are
 * scapy 2.5's where scapy has one (so scapy users find them), else IANA's in the same style. Codes with no
 * entry (unassigned, private use) round-trip as raw bytes under their number.
 */
import { randomInt } from '../field/random.js';
import { ipv4Codec, ipv4ListCodec } from './codecs/address.js';
import { classlessRoutesCodec } from './codecs/classless-routes.js';
import { clientFqdnCodec } from './codecs/client-fqdn.js';
import { clientIdCodec } from './codecs/client-id.js';
import {
  i32Codec,
  presenceCodec,
  u8Codec,
  u8ListCodec,
  u16Codec,
  u16ListCodec,
  u32Codec,
} from './codecs/integer.js';
import { messageTypeCodec } from './codecs/message-type.js';
import { domainSearchCodec } from './codecs/domain-search.js';
import { sipServersCodec } from './codecs/sip-servers.js';
import { relayAgentCodec, vendorSpecificCodec } from './codecs/sub-options.js';
import { bytesCodec, textCodec } from './codecs/text.js';
import { userClassCodec } from './codecs/user-class.js';
import { vendorClassCodec, vendorSpecificInformationCodec } from './codecs/vendor-identifying.js';
import { type AnyOptionCodec, DhcpOptionValueError, MALFORMED, type OptionCodec } from './option-codec.js';

export interface OptionDef<C extends number, N extends string, V, I> {
  readonly code: C;
  readonly name: N;
  readonly codec: OptionCodec<V, I>;
}

function option<const C extends number, const N extends string, V, I>(
  code: C,
  name: N,
  codec: OptionCodec<V, I>,
): OptionDef<C, N, V, I> {
  return { code, name, codec };
}

/** Option 55: codes, or registry names as input (`['subnet_mask', 'router', 6]`). */
const paramRequestListCodec: OptionCodec<number[], (number | string)[]> = {
  expects: 'a list of option codes',
  normalize(input, name) {
    if (!Array.isArray(input))
      throw new DhcpOptionValueError(name, input, 'expected a list of option codes or names');
    return input.map((item: unknown) => {
      if (typeof item === 'string') {
        const code = optionCode(item);
        if (code === undefined) throw new DhcpOptionValueError(name, item, 'unknown option name in the list');
        return code;
      }
      if (typeof item !== 'number' || !Number.isInteger(item) || item < 0 || item > 255)
        throw new DhcpOptionValueError(name, item, 'expected option codes 0..255 or option names');
      return item;
    });
  },
  length: (v) => v.length,
  write(out, offset, v) {
    for (let i = 0; i < v.length; i++) out[offset + i] = v[i];
  },
  read(b, start, end) {
    const out = new Array<number>(end - start);
    for (let i = 0; i < out.length; i++) out[i] = b[start + i];
    return out;
  },
  json: (v) => v.slice(),
  repr: (v) => `[${v.map((c) => OPTIONS_BY_CODE[c]?.name ?? c).join(', ')}]`,
  random: () => Array.from({ length: 1 + randomInt(12) }, () => 1 + randomInt(254)),
};

/** pad and end: single bytes with no length and no value. */
const markerCodec: OptionCodec<null> = {
  expects: 'no length byte',
  normalize: () => null,
  length: () => 0,
  write() {},
  read: () => MALFORMED,
  json: () => null,
  repr: () => '',
  random: () => null,
};

export const DHCP_OPTION_TABLE = [
  option(0, 'pad', markerCodec),
  option(1, 'subnet_mask', ipv4Codec),
  option(2, 'time_zone', i32Codec),
  option(3, 'router', ipv4ListCodec),
  option(4, 'time_server', ipv4ListCodec),
  option(5, 'IEN_name_server', ipv4ListCodec),
  option(6, 'name_server', ipv4ListCodec),
  option(7, 'log_server', ipv4ListCodec),
  option(8, 'cookie_server', ipv4ListCodec),
  option(9, 'lpr_server', ipv4ListCodec),
  option(10, 'impress-servers', ipv4ListCodec),
  option(11, 'resource-location-servers', ipv4ListCodec),
  option(12, 'hostname', textCodec),
  option(13, 'boot-size', u16Codec),
  option(14, 'dump_path', textCodec),
  option(15, 'domain', textCodec),
  option(16, 'swap-server', ipv4Codec),
  option(17, 'root_disk_path', textCodec),
  option(18, 'extensions-path', textCodec),
  option(19, 'ip-forwarding', u8Codec),
  option(20, 'non-local-source-routing', u8Codec),
  option(21, 'policy-filter', ipv4ListCodec),
  option(22, 'max_dgram_reass_size', u16Codec),
  option(23, 'default_ttl', u8Codec),
  option(24, 'pmtu_timeout', u32Codec),
  option(25, 'path-mtu-plateau-table', u16ListCodec),
  option(26, 'interface-mtu', u16Codec),
  option(27, 'all-subnets-local', u8Codec),
  option(28, 'broadcast_address', ipv4Codec),
  option(29, 'perform-mask-discovery', u8Codec),
  option(30, 'mask-supplier', u8Codec),
  option(31, 'router-discovery', u8Codec),
  option(32, 'router-solicitation-address', ipv4Codec),
  option(33, 'static-routes', ipv4ListCodec),
  option(34, 'trailer-encapsulation', u8Codec),
  option(35, 'arp_cache_timeout', u32Codec),
  option(36, 'ieee802-3-encapsulation', u8Codec),
  option(37, 'tcp_ttl', u8Codec),
  option(38, 'tcp_keepalive_interval', u32Codec),
  option(39, 'tcp_keepalive_garbage', u8Codec),
  option(40, 'NIS_domain', textCodec),
  option(41, 'NIS_server', ipv4ListCodec),
  option(42, 'NTP_server', ipv4ListCodec),
  option(43, 'vendor_specific', vendorSpecificCodec),
  option(44, 'NetBIOS_server', ipv4ListCodec),
  option(45, 'NetBIOS_dist_server', ipv4ListCodec),
  option(46, 'NetBIOS_node_type', u8Codec),
  option(47, 'netbios-scope', textCodec),
  option(48, 'font-servers', ipv4ListCodec),
  option(49, 'x-display-manager', ipv4ListCodec),
  option(50, 'requested_addr', ipv4Codec),
  option(51, 'lease_time', u32Codec),
  option(52, 'dhcp-option-overload', u8Codec),
  option(53, 'message-type', messageTypeCodec),
  option(54, 'server_id', ipv4Codec),
  option(55, 'param_req_list', paramRequestListCodec),
  option(56, 'error_message', textCodec),
  option(57, 'max_dhcp_size', u16Codec),
  option(58, 'renewal_time', u32Codec),
  option(59, 'rebinding_time', u32Codec),
  option(60, 'vendor_class_id', textCodec),
  option(61, 'client_id', clientIdCodec),
  option(62, 'nwip-domain-name', textCodec),
  option(63, 'nwip-suboptions', bytesCodec),
  option(64, 'NISplus_domain', textCodec),
  option(65, 'NISplus_server', ipv4ListCodec),
  option(66, 'tftp_server_name', textCodec),
  option(67, 'boot-file-name', textCodec),
  option(68, 'mobile-ip-home-agent', ipv4ListCodec),
  option(69, 'SMTP_server', ipv4ListCodec),
  option(70, 'POP3_server', ipv4ListCodec),
  option(71, 'NNTP_server', ipv4ListCodec),
  option(72, 'WWW_server', ipv4ListCodec),
  option(73, 'Finger_server', ipv4ListCodec),
  option(74, 'IRC_server', ipv4ListCodec),
  option(75, 'StreetTalk_server', ipv4ListCodec),
  option(76, 'StreetTalk_Dir_Assistance', ipv4ListCodec),
  option(77, 'user_class', userClassCodec),
  option(78, 'slp_service_agent', bytesCodec),
  option(79, 'slp_service_scope', bytesCodec),
  option(80, 'rapid_commit', presenceCodec),
  option(81, 'client_FQDN', clientFqdnCodec),
  option(82, 'relay_agent_information', relayAgentCodec),
  option(83, 'isns', bytesCodec),
  option(85, 'nds-server', ipv4ListCodec),
  option(86, 'nds-tree-name', textCodec),
  option(87, 'nds-context', textCodec),
  option(88, 'bcms-controller-namesi', bytesCodec),
  option(89, 'bcms-controller-address', ipv4ListCodec),
  option(90, 'authentication', bytesCodec),
  option(91, 'client-last-transaction-time', u32Codec),
  option(92, 'associated-ip', ipv4ListCodec),
  option(93, 'pxe_client_architecture', u16ListCodec),
  option(94, 'pxe_client_network_interface', bytesCodec),
  option(95, 'ldap', bytesCodec),
  option(97, 'pxe_client_machine_identifier', bytesCodec),
  option(98, 'uap-servers', textCodec),
  option(99, 'geoconf-civic', bytesCodec),
  option(100, 'pcode', textCodec),
  option(101, 'tcode', textCodec),
  option(108, 'ipv6-only-preferred', u32Codec),
  option(109, 'dhcp4o6-s46-saddr', bytesCodec),
  option(112, 'netinfo-server-address', ipv4ListCodec),
  option(113, 'netinfo-server-tag', textCodec),
  option(114, 'default-url', textCodec),
  option(116, 'auto-config', u8Codec),
  option(117, 'name-service-search', u16ListCodec),
  option(118, 'subnet-selection', ipv4Codec),
  option(119, 'domain-search', domainSearchCodec),
  option(120, 'sip-servers', sipServersCodec),
  option(121, 'classless_static_routes', classlessRoutesCodec),
  option(122, 'ccc', bytesCodec),
  option(123, 'geoconf', bytesCodec),
  option(124, 'vendor_class', vendorClassCodec),
  option(125, 'vendor_specific_information', vendorSpecificInformationCodec),
  option(128, 'tftp_server_ip_address', ipv4ListCodec),
  option(129, 'pxe-vendor-129', bytesCodec),
  option(130, 'pxe-vendor-130', bytesCodec),
  option(131, 'pxe-vendor-131', bytesCodec),
  option(132, 'pxe-vendor-132', bytesCodec),
  option(133, 'pxe-vendor-133', bytesCodec),
  option(134, 'pxe-vendor-134', bytesCodec),
  option(135, 'pxe-vendor-135', bytesCodec),
  option(136, 'pana-agent', ipv4ListCodec),
  option(137, 'v4-lost', bytesCodec),
  option(138, 'capwap-ac-v4', ipv4ListCodec),
  option(139, 'v4-address-mos', bytesCodec),
  option(140, 'v4-fqdn-mos', bytesCodec),
  option(141, 'sip_ua_service_domains', bytesCodec),
  option(142, 'v4-address-andsf', ipv4ListCodec),
  option(143, 'v4-sztp-redirect', bytesCodec),
  option(144, 'geoloc', bytesCodec),
  option(145, 'forcerenew_nonce_capable', u8ListCodec),
  option(146, 'rdnss-selection', bytesCodec),
  option(147, 'v4-dots-ri', bytesCodec),
  option(148, 'v4-dots-address', ipv4ListCodec),
  option(150, 'tftp_server_address', ipv4ListCodec),
  option(151, 'status-code', bytesCodec),
  option(152, 'base-time', u32Codec),
  option(153, 'start-time-of-state', u32Codec),
  option(154, 'query-start-time', u32Codec),
  option(155, 'query-end-time', u32Codec),
  option(156, 'dhcp-state', u8Codec),
  option(157, 'data-source', u8Codec),
  option(158, 'v4-pcp-server', bytesCodec),
  option(159, 'v4-portparams', bytesCodec),
  option(160, 'v4-captive-portal', textCodec),
  option(161, 'mud-url', textCodec),
  option(162, 'v4-dnr', bytesCodec),
  option(175, 'etherboot', bytesCodec),
  option(176, 'ip-telephone', bytesCodec),
  option(177, 'packet-cable', bytesCodec),
  option(208, 'pxelinux_magic', bytesCodec),
  option(209, 'pxelinux_configuration_file', textCodec),
  option(210, 'pxelinux_path_prefix', textCodec),
  option(211, 'pxelinux_reboot_time', u32Codec),
  option(212, 'option-6rd', bytesCodec),
  option(213, 'v4-access-domain', bytesCodec),
  option(220, 'subnet-allocation', bytesCodec),
  option(221, 'virtual-subnet-selection', bytesCodec),
  option(249, 'ms-classless-static-routes', classlessRoutesCodec),
  option(255, 'end', markerCodec),
] as const;

export type DhcpOptionEntry = (typeof DHCP_OPTION_TABLE)[number];

export interface RuntimeOptionDef {
  readonly code: number;
  readonly name: string;
  readonly codec: AnyOptionCodec;
}

/** Option definitions indexed by code (a plain array: the hot path looks codes up by index). */
export const OPTIONS_BY_CODE: readonly (RuntimeOptionDef | undefined)[] = (() => {
  const table = new Array<RuntimeOptionDef | undefined>(256).fill(undefined);
  for (const def of DHCP_OPTION_TABLE) table[def.code] = def as unknown as RuntimeOptionDef;
  return table;
})();

const CODE_BY_NAME = new Map<string, number>(DHCP_OPTION_TABLE.map((d) => [d.name, d.code]));

/** The code of a registry name, or undefined. */
export function optionCode(name: string): number | undefined {
  return CODE_BY_NAME.get(name);
}

/** The registry name of a code, or undefined for unassigned and private-use codes. */
export function optionName(code: number): string | undefined {
  return OPTIONS_BY_CODE[code]?.name;
}

/** Codec for a code; unknown codes are opaque bytes. */
export function codecOf(code: number): AnyOptionCodec {
  return OPTIONS_BY_CODE[code]?.codec ?? (bytesCodec as unknown as AnyOptionCodec);
}
