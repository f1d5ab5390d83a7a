import { describe, expect, it } from '@jest/globals';
import { codecOf, DHCP_OPTION_TABLE, OPTIONS_BY_CODE, optionCode, optionName } from './registry.js';
import { bytesCodec } from './codecs/text.js';

describe('DHCP option registry', () => {
  it('has unique codes and names', () => {
    const codes = DHCP_OPTION_TABLE.map((d) => d.code);
    const names = DHCP_OPTION_TABLE.map((d) => d.name);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(names).size).toBe(names.length);
    for (const d of DHCP_OPTION_TABLE) expect(optionCode(d.name)).toBe(d.code);
  });
  it("uses scapy 2.5's names (33 and 46 distinct: scapy #2786)", () => {
    const expected: [number, string][] = [
      [1, 'subnet_mask'],
      [3, 'router'],
      [6, 'name_server'],
      [12, 'hostname'],
      [15, 'domain'],
      [28, 'broadcast_address'],
      [33, 'static-routes'],
      [42, 'NTP_server'],
      [46, 'NetBIOS_node_type'],
      [50, 'requested_addr'],
      [51, 'lease_time'],
      [53, 'message-type'],
      [54, 'server_id'],
      [55, 'param_req_list'],
      [57, 'max_dhcp_size'],
      [58, 'renewal_time'],
      [59, 'rebinding_time'],
      [60, 'vendor_class_id'],
      [61, 'client_id'],
      [81, 'client_FQDN'],
      [82, 'relay_agent_information'],
      [121, 'classless_static_routes'],
      [255, 'end'],
      [0, 'pad'],
    ];
    for (const [code, name] of expected) expect([code, optionName(code)]).toEqual([code, name]);
  });
  it('covers the IANA registry: every assigned code 1-221 has an entry', () => {
    const unassigned = new Set([84, 96, 102, 103, 104, 105, 106, 107, 110, 111, 115, 126, 127, 149]);
    for (let code = 163; code <= 174; code++) unassigned.add(code);
    for (let code = 178; code <= 207; code++) unassigned.add(code);
    for (let code = 214; code <= 219; code++) unassigned.add(code);
    for (let code = 1; code <= 221; code++)
      expect([code, OPTIONS_BY_CODE[code] !== undefined]).toEqual([code, !unassigned.has(code)]);
  });
  it('treats unregistered codes as bytes', () => {
    expect(optionName(230)).toBeUndefined();
    expect(codecOf(230)).toBe(bytesCodec);
  });
});
