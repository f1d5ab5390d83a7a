import { describe, expect, it } from '@jest/globals';
import { LabOptionError } from './errors.js';
import {
  firstSlot,
  labAddressing,
  labId,
  labIdOfNamespace,
  labNames,
  ownerPidOfId,
  slotCount,
} from './lab-naming.js';

describe('lab ids', () => {
  it('encode the owner pid so it can be read back', () => {
    for (const pid of [1, 999, 4_194_304]) {
      expect(ownerPidOfId(labId(pid, 7))).toBe(pid);
    }
  });

  it('differ for each lab of a process', () => {
    expect(labId(4242, 1)).not.toBe(labId(4242, 2));
  });

  it('keep interface names within the 15-character kernel limit for the largest pid', () => {
    const names = labNames(labId(4_194_304, 46_655));
    expect(names.hostIface.length).toBeLessThanOrEqual(15);
    expect(names.peerIface.length).toBeLessThanOrEqual(15);
    expect(names.hostIface).not.toBe(names.peerIface);
  });

  it('are found back in namespace names, readable label or not', () => {
    const id = labId(1234, 5);
    expect(labIdOfNamespace(labNames(id).peerNs)).toBe(id);
    expect(labIdOfNamespace(labNames(id, 'Kea lease test!').clientNs)).toBe(id);
    expect(labIdOfNamespace('docker-ns')).toBeUndefined();
    expect(labIdOfNamespace('wc-peer')).toBeUndefined();
  });

  it('turn a name into a namespace-safe label', () => {
    expect(labNames('wcabc001', 'DHCP: renew/rebind').peerNs).toBe('wcabc001-dhcp-renew-rebind-peer');
  });

  it('reject a name with nothing usable in it, naming the field', () => {
    expect(() => labNames('wcabc001', '!!!')).toThrow(LabOptionError);
    expect(() => labNames('wcabc001', '!!!')).toThrow(/name="!!!"/);
  });
});

describe('lab addressing', () => {
  it('stays inside 198.18.0.0/15 and never uses 198.18.0.0/24', () => {
    const subnets = new Set<string>();
    for (let slot = firstSlot; slot < firstSlot + slotCount; slot += 1) {
      const { subnet, peerAddress, hostAddress } = labAddressing(slot);
      expect(subnet).toMatch(/^198\.(18|19)\.\d{1,3}\.0\/24$/);
      expect(peerAddress.endsWith('.1')).toBe(true);
      expect(hostAddress.endsWith('.2')).toBe(true);
      subnets.add(subnet);
    }
    expect(subnets.size).toBe(slotCount);
    expect(subnets.has('198.18.0.0/24')).toBe(false);
    expect(labAddressing(firstSlot + slotCount - 1).subnet).toBe('198.19.255.0/24');
  });

  it('gives distinct locally administered MACs to both ends', () => {
    const { hostMac, peerMac } = labAddressing(300);
    expect(hostMac).toBe('02:77:63:01:2c:02');
    expect(peerMac).toBe('02:77:63:01:2c:01');
  });

  it('rejects slots outside the range', () => {
    expect(() => labAddressing(0)).toThrow(LabOptionError);
    expect(() => labAddressing(firstSlot + slotCount)).toThrow(/slot=512/);
  });
});
