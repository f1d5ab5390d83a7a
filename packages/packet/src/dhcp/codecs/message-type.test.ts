import { describe, expect, it } from '@jest/globals';
import { MALFORMED } from '../option-codec.js';
import { DHCP_MESSAGE_TYPES, messageTypeCode, messageTypeCodec, messageTypeName } from './message-type.js';

describe('message type (option 53)', () => {
  it('names 1-13 as scapy does and 14-18 after RFC 6926/7724', () => {
    expect(Object.keys(DHCP_MESSAGE_TYPES)).toHaveLength(18);
    expect(messageTypeName(1)).toBe('discover');
    expect(messageTypeName(13)).toBe('lease_active');
    expect(messageTypeName(14)).toBe('bulk_lease_query');
    expect(messageTypeName(18)).toBe('tls');
    expect(messageTypeName(200)).toBe(200);
    expect(messageTypeCode('ack')).toBe(5);
  });
  it('reads one byte, keeps unknown types as numbers, and rejects other lengths', () => {
    expect(messageTypeCodec.read(Uint8Array.of(5), 0, 1)).toBe('ack');
    expect(messageTypeCodec.read(Uint8Array.of(0x6a), 0, 1)).toBe(0x6a);
    expect(messageTypeCodec.read(Uint8Array.of(5, 5), 0, 2)).toBe(MALFORMED);
    expect(messageTypeCodec.read(Uint8Array.of(), 0, 0)).toBe(MALFORMED);
  });
  it('accepts names (any case) and codes, and rejects unknown names with the list of known ones', () => {
    expect(messageTypeCodec.normalize('OFFER' as never, 'message-type')).toBe('offer');
    expect(messageTypeCodec.normalize(2, 'message-type')).toBe('offer');
    expect(messageTypeCodec.normalize(99, 'message-type')).toBe(99);
    expect(() => messageTypeCodec.normalize('dicsover' as never, 'message-type')).toThrow(
      /message-type: unknown message type; known: discover, offer/,
    );
    expect(() => messageTypeCodec.normalize(256, 'message-type')).toThrow(/0\.\.255/);
  });
});
