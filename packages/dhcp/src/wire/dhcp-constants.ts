/** RFC 1542 §2.1: relays and some servers drop BOOTP messages shorter than 300 bytes. */
export const BOOTP_MIN_LENGTH = 300;
export const SERVER_PORT = 67;
export const CLIENT_PORT = 68;
export const BROADCAST_IP = '255.255.255.255';
export const BROADCAST_MAC = 'ff:ff:ff:ff:ff:ff';
export const ZERO_IP = '0.0.0.0';
/** BOOTP flags bit 15: ask the server to broadcast its reply (RFC 2131 §4.1). */
export const BROADCAST_FLAG = 0x8000;
