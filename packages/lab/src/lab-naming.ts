import { LabOptionError } from './errors.js';

/**
 * How a lab's names and addresses derive from its owner pid, a per-process counter and its subnet slot.
 * The owner pid is readable back from every namespace name, so a lab whose creator died can be found
 * even if its marker file is gone.
 */

/** Slot s maps to 198.(18 + s/256).(s%256).0/24; slot 0 (198.18.0.0/24) is left for hand-written setups. */
export const firstSlot = 1;
export const slotCount = 511;

export interface LabNames {
  id: string;
  peerNs: string;
  clientNs: string;
  hostIface: string;
  peerIface: string;
}

export interface LabAddressing {
  subnet: string;
  peerAddress: string;
  hostAddress: string;
  hostMac: string;
  peerMac: string;
}

const counterDigits = 3;
const counterModulus = 36 ** counterDigits;
const idPattern = /^wc([0-9a-z]+)([0-9a-z]{3})$/;
const namespacePattern = /^(wc[0-9a-z]+)(?:-[a-z0-9-]*)?-(?:peer|client)$/;
const maxNameLength = 24;

export function labId(pid: number, counter: number): string {
  return `wc${pid.toString(36)}${(counter % counterModulus).toString(36).padStart(counterDigits, '0')}`;
}

/** The pid that created a lab, read back from its id; undefined when the id is not one of ours. */
export function ownerPidOfId(id: string): number | undefined {
  const match = idPattern.exec(id);
  if (!match) return undefined;
  return Number.parseInt(match[1], 36);
}

/** The lab id of one of our namespace names, or undefined for any namespace we did not name. */
export function labIdOfNamespace(namespace: string): string | undefined {
  const match = namespacePattern.exec(namespace);
  if (!match || ownerPidOfId(match[1]) === undefined) return undefined;
  return match[1];
}

export function labNames(id: string, name?: string): LabNames {
  let label = '';
  if (name !== undefined) {
    const cleaned = name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, maxNameLength)
      .replace(/-+$/, '');
    if (cleaned === '') {
      throw new LabOptionError('name', name, 'use letters or digits (it only labels the namespaces)');
    }
    label = `-${cleaned}`;
  }
  // Interface names stay within IFNAMSIZ (15): 'wc' + at most 5 pid digits + 3 counter digits + 1.
  return {
    id,
    peerNs: `${id}${label}-peer`,
    clientNs: `${id}${label}-client`,
    hostIface: `${id}h`,
    peerIface: `${id}p`,
  };
}

export function labAddressing(slot: number): LabAddressing {
  if (!Number.isInteger(slot) || slot < firstSlot || slot >= firstSlot + slotCount) {
    throw new LabOptionError(
      'slot',
      slot,
      `use an integer from ${firstSlot} to ${firstSlot + slotCount - 1}`,
    );
  }
  const second = 18 + (slot >> 8);
  const third = slot & 0xff;
  const prefix = `198.${second}.${third}`;
  // Locally administered unicast MACs: 02:77:63 ('wc') + slot, so a capture tells the ends apart at a glance.
  const macPrefix = `02:77:63:${hex(slot >> 8)}:${hex(third)}`;
  return {
    subnet: `${prefix}.0/24`,
    peerAddress: `${prefix}.1`,
    hostAddress: `${prefix}.2`,
    hostMac: `${macPrefix}:02`,
    peerMac: `${macPrefix}:01`,
  };
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
