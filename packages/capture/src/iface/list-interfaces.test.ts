import { describe, expect, it } from '@jest/globals';
import { NoSuchInterfaceError } from '../errors.js';
import { getInterface, listInterfaces } from './list-interfaces.js';

describe('listInterfaces', () => {
  it('lists loopback with its kernel facts', () => {
    const lo = listInterfaces().find((i) => i.name === 'lo');
    expect(lo).toBeDefined();
    expect(lo?.loopback).toBe(true);
    expect(lo?.up).toBe(true);
    expect(lo?.index).toBe(1);
    expect(lo?.mac).toBe('00:00:00:00:00:00');
    expect(lo?.mtu).toBeGreaterThan(0);
    expect(lo?.ipv4).toContainEqual({ address: '127.0.0.1', prefixLength: 8 });
  });

  it('is sorted by index with unique names', () => {
    const all = listInterfaces();
    const indexes = all.map((i) => i.index);
    expect([...indexes].sort((a, b) => a - b)).toEqual(indexes);
    expect(new Set(all.map((i) => i.name)).size).toBe(all.length);
  });
});

describe('getInterface', () => {
  it('throws NoSuchInterfaceError naming the interface and the existing ones', () => {
    expect(() => getInterface('nosuch9')).toThrow(NoSuchInterfaceError);
    expect(() => getInterface('nosuch9')).toThrow(/^nosuch9: no such interface; existing: .*\blo\b/);
  });

  it('returns the same facts as listInterfaces', () => {
    expect(getInterface('lo')).toEqual(listInterfaces().find((i) => i.name === 'lo'));
  });
});
