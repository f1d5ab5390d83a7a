import { describe, expect, it } from '@jest/globals';
import {
  ARP,
  DuplicateLayerError,
  Ether,
  IP,
  SLL,
  UnknownLayerError,
  defineLayer,
  layerTypeByName,
  layerTypes,
  requireLayerType,
  u8,
} from './index.js';

describe('layer registry', () => {
  it('knows every built-in layer by name, exactly and case-insensitively', () => {
    expect(layerTypeByName('Ether')).toBe(Ether);
    expect(layerTypeByName('ip')).toBe(IP);
    expect(layerTypeByName('CookedLinux')).toBe(SLL);
    for (const name of [
      'Raw',
      'Padding',
      'Dot3',
      'LLC',
      'Dot1Q',
      'Dot1AD',
      'UDP',
      'ARP',
      'CookedLinuxV2',
      'Loopback',
    ]) {
      expect(layerTypes.get(name)?.layerName).toBe(name);
    }
  });

  it('registers a layer when it is defined', () => {
    const Probe = defineLayer({ name: 'RegistryProbe', rfc: '-', fields: [u8('x', 0)] });
    expect(layerTypeByName('RegistryProbe')).toBe(Probe);
  });

  it('refuses a second layer with a taken name', () => {
    expect(() => defineLayer({ name: 'ARP', rfc: '-', fields: [u8('x', 0)] })).toThrow(DuplicateLayerError);
    expect(layerTypeByName('ARP')).toBe(ARP);
  });

  it('an unknown name is undefined, or an error listing the known layers', () => {
    expect(layerTypeByName('IPv4')).toBeUndefined();
    expect(() => requireLayerType('IPv4')).toThrow(UnknownLayerError);
    expect(() => requireLayerType('IPv4')).toThrow(/known layers: .*Ether/);
  });
});
