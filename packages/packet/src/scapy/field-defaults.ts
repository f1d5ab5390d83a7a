/**
 * Defaults that scapy gives a field and we do not. Our DHCP() holds just 'end', so that a DHCP layer built
 * in code is a valid message; scapy's DHCP() has no options at all (DHCPOptionsField defaults to b""), so an
 * expression pasted from scapy must start from that to build scapy's bytes.
 */
const defaults = new Map<string, () => unknown>();

/** Registers scapy's default for a field, made afresh for every layer an expression creates. */
export function registerScapyDefault(layer: string, field: string, make: () => unknown): void {
  defaults.set(`${layer}.${field}`, make);
}

/** scapy's default for a field when it differs from ours, else undefined. */
export function scapyDefault(layer: string, field: string): (() => unknown) | undefined {
  return defaults.get(`${layer}.${field}`);
}
