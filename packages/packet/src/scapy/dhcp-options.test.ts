import { describe, expect, it } from '@jest/globals';
import type { DhcpOptionList } from '../dhcp/option-list.js';
import { toHex } from '../hex.js';
import { fromScapy } from './evaluate.js';
import { ScapyEvalError } from './eval-errors.js';
import { toScapy } from './to-scapy.js';

const dhcp = (options: string) => fromScapy(`DHCP(options=[${options}])`);
const optionsOf = (expr: string) => dhcp(expr).layers[0].values[0] as DhcpOptionList;

describe('time_zone (option 2) in scapy expressions', () => {
  // Found by the random scapy sweep: scapy 2.5's IntField is unsigned, so its users write -3600 as 4294963696.
  it('takes the unsigned form scapy 2.5 takes, as the same four bytes', () => {
    expect(toHex(dhcp('("time_zone", 4294963696), "end"').build())).toBe('0204fffff1f0ff');
    expect(optionsOf('("time_zone", 4294963696)').get(2)).toBe(-3600);
    expect(toHex(dhcp('("time_zone", 0x80000000)').build())).toBe('020480000000');
  });

  it('keeps signed input and still refuses values outside 32 bits', () => {
    expect(toHex(dhcp('("time_zone", -3600)').build())).toBe('0204fffff1f0');
    expect(() => dhcp('("time_zone", 0x100000000)')).toThrow(ScapyEvalError);
    expect(() => dhcp('("time_zone", 0x100000000)')).toThrow(/time_zone/);
  });

  it('prints a west-of-UTC offset unsigned, the form scapy 2.5 builds', () => {
    const text = toScapy(dhcp('("time_zone", -3600), "end"'));
    expect(text).toContain("('time_zone', 4294963696)");
    expect(toHex(fromScapy(text).build())).toBe('0204fffff1f0ff');
  });
});

describe('param_req_list (option 55) by names in scapy expressions', () => {
  // Found by the random scapy sweep's CLI pass: names were taken as their UTF-8 bytes and refused.
  it('takes option names and codes, in a list or as several values', () => {
    expect(optionsOf('("param_req_list", ["subnet_mask", "router", 6])').get(55)).toEqual([1, 3, 6]);
    expect(optionsOf('("param_req_list", "router", 6)').get(55)).toEqual([3, 6]);
    expect(toHex(dhcp('("param_req_list", ["router", 15])').build())).toBe('3702030f');
  });

  it('an unknown name is a typed error naming the option and the name', () => {
    expect(() => dhcp('("param_req_list", ["no-such-option"])')).toThrow(ScapyEvalError);
    expect(() => dhcp('("param_req_list", ["no-such-option"])')).toThrow(/param_req_list.*no-such-option/);
  });

  it('prints codes, the form scapy 2.5 builds', () => {
    expect(toScapy(dhcp('("param_req_list", ["router", 6])'))).toContain("('param_req_list', [3, 6])");
  });
});
