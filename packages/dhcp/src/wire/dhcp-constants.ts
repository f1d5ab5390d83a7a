/** DHCP message types (option 53, RFC 2132 §9.6). */
export const DHCP_MESSAGE_TYPE = {
  DISCOVER: 1,
  OFFER: 2,
  REQUEST: 3,
  DECLINE: 4,
  ACK: 5,
  NAK: 6,
  RELEASE: 7,
  INFORM: 8,
} as const;

export type DhcpMessageTypeName = keyof typeof DHCP_MESSAGE_TYPE;

const TYPE_NAMES: Record<number, DhcpMessageTypeName> = Object.fromEntries(
  Object.entries(DHCP_MESSAGE_TYPE).map(([name, code]) => [code, name as DhcpMessageTypeName]),
);

export function messageTypeName(code: number | undefined): DhcpMessageTypeName | `type-${number}` | 'BOOTP' {
  if (code === undefined) return 'BOOTP';
  return TYPE_NAMES[code] ?? `type-${code}`;
}

/** Option codes the engines read or write (RFC 2132). */
export const OPTION = {
  PAD: 0,
  SUBNET_MASK: 1,
  ROUTER: 3,
  DNS_SERVER: 6,
  HOSTNAME: 12,
  DOMAIN_NAME: 15,
  BROADCAST_ADDRESS: 28,
  REQUESTED_ADDRESS: 50,
  LEASE_TIME: 51,
  OVERLOAD: 52,
  MESSAGE_TYPE: 53,
  SERVER_ID: 54,
  PARAMETER_REQUEST_LIST: 55,
  MESSAGE: 56,
  MAX_MESSAGE_SIZE: 57,
  RENEWAL_TIME: 58,
  REBINDING_TIME: 59,
  VENDOR_CLASS: 60,
  CLIENT_ID: 61,
  END: 255,
} as const;

export const DHCP_MAGIC_COOKIE = 0x63825363;
export const BOOTP_FIXED_LENGTH = 236;
/** RFC 1542 §2.1: relays and some servers drop BOOTP messages shorter than 300 bytes. */
export const BOOTP_MIN_LENGTH = 300;
export const SERVER_PORT = 67;
export const CLIENT_PORT = 68;
export const BROADCAST_IP = '255.255.255.255';
export const BROADCAST_MAC = 'ff:ff:ff:ff:ff:ff';
export const ZERO_IP = '0.0.0.0';
/** BOOTP flags bit 15: ask the server to broadcast its reply (RFC 2131 §4.1). */
export const BROADCAST_FLAG = 0x8000;
