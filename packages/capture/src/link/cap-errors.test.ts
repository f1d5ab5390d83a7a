import { describe, expect, it } from '@jest/globals';
import {
  InterfaceDownError,
  InvalidFilterError,
  LinkOpenError,
  NoSuchInterfaceError,
  PermissionError,
} from '../errors.js';
import { capLinktype, capOpenError } from './cap-errors.js';

const existing = () => ['lo', 'veth0'];

describe('capOpenError maps libpcap messages', () => {
  it('to NoSuchInterfaceError listing what exists', () => {
    const error = capOpenError('eth9', '', 'No such device exists', existing);
    expect(error).toBeInstanceOf(NoSuchInterfaceError);
    expect(error.message).toBe('eth9: no such interface; existing: lo, veth0');
  });

  it('to PermissionError with the fix', () => {
    const error = capOpenError(
      'eth0',
      '',
      "You don't have permission to capture on that device (socket: Operation not permitted)",
      existing,
    );
    expect(error).toBeInstanceOf(PermissionError);
    expect(error.message).toContain(
      'capturing on eth0 needs root or CAP_NET_RAW (try sudo, or setcap cap_net_raw+ep $(which node))',
    );
  });

  it('to InterfaceDownError', () => {
    expect(capOpenError('veth0', '', 'That device is not up', existing)).toBeInstanceOf(InterfaceDownError);
  });

  it('to InvalidFilterError carrying the filter and libpcap text', () => {
    const error = capOpenError('lo', 'udp port', "can't parse filter expression: syntax error", existing);
    expect(error).toBeInstanceOf(InvalidFilterError);
    expect(error.message).toContain('"udp port"');
    expect(error.message).toContain('syntax error');
  });

  it('to LinkOpenError otherwise', () => {
    expect(capOpenError('lo', '', 'Unable to set buffer size', existing)).toBeInstanceOf(LinkOpenError);
    expect(capOpenError('lo', 'udp', 'Unable to set buffer size', existing)).toBeInstanceOf(LinkOpenError);
  });
});

describe('capLinktype', () => {
  it('maps cap names and unknown DLT numbers', () => {
    expect(capLinktype('ETHERNET')).toBe(1);
    expect(capLinktype('LINKTYPE_LINUX_SLL')).toBe(113);
    expect(capLinktype('RAW')).toBe(101);
    expect(capLinktype('NULL')).toBe(0);
    expect(capLinktype('IEEE802_11_RADIO')).toBe(127);
    expect(capLinktype('Unknown linktype 276')).toBe(276);
    expect(capLinktype('garbage')).toBeUndefined();
  });
});
