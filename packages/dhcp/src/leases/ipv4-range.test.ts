import { describe, expect, it } from '@jest/globals';
import { parseIpv4 } from '@wirecraft/packet';
import { inSubnet, parseRange, parseSubnet } from './ipv4-range.js';
import { DhcpConfigError } from './lease-errors.js';

describe('subnets and ranges', () => {
  it('normalizes a subnet to its network address', () => {
    const subnet = parseSubnet('pools[0].subnet', '198.18.5.77/24');
    expect(subnet.text).toBe('198.18.5.0/24');
    expect(inSubnet(subnet, parseIpv4('198.18.5.254'))).toBe(true);
    expect(inSubnet(subnet, parseIpv4('198.18.6.1'))).toBe(false);
  });

  it('accepts a range as text or as a pair', () => {
    const subnet = parseSubnet('s', '198.18.5.0/24');
    expect(parseRange('r', '198.18.5.10-198.18.5.20', subnet)).toEqual({
      first: parseIpv4('198.18.5.10'),
      last: parseIpv4('198.18.5.20'),
    });
    expect(parseRange('r', ['198.18.5.10', '198.18.5.10'], subnet).last).toBe(parseIpv4('198.18.5.10'));
  });

  it('names the field, the value and the fix for bad input', () => {
    const subnet = parseSubnet('s', '198.18.5.0/24');
    expect(() => parseSubnet('pools[1].subnet', '198.18.5.0')).toThrow(/pools\[1\]\.subnet.*a\.b\.c\.d\/len/);
    expect(() => parseRange('pools[0].range', '198.18.5.20-198.18.5.10', subnet)).toThrow(DhcpConfigError);
    expect(() => parseRange('pools[0].range', '198.18.6.1-198.18.6.9', subnet)).toThrow(
      /inside the pool's subnet/,
    );
    expect(() => parseRange('pools[0].range', '198.18.5.0-198.18.5.9', subnet)).toThrow(
      /network and broadcast/,
    );
    expect(() => parseRange('pools[0].range', '198.18.5.1', subnet)).toThrow(/a\.b\.c\.d-e\.f\.g\.h/);
  });
});
