export { findExecutable, labUnavailableReason } from './availability.js';
export {
  LabClosedError,
  LabCommandError,
  LabError,
  LabOptionError,
  LabSubnetsExhaustedError,
  LabTimeoutError,
  LabUnavailableError,
  PeerStartError,
} from './errors.js';
export { createLab } from './lab.js';
export type { Lab, LabExecOptions, LabOptions, LabSide, LabSpawnOptions } from './lab.js';
export type { LabProcess, OutputStream, SpawnOptions } from './lab-process.js';
export type { CommandOptions, CommandResult } from './run-command.js';
export { runCommand } from './run-command.js';
export { sweepStaleLabs } from './stale-sweep.js';
export type { SweepReport } from './stale-sweep.js';
export { describeLab } from './jest.js';
export type { DhclientLease } from './peers/dhclient-lease-file.js';
export { parseDhclientLeases } from './peers/dhclient-lease-file.js';
export type { DhclientClient, DhclientEvent, DhclientOptions, DhclientRun } from './peers/dhclient.js';
export { runDhclient, startDhclient } from './peers/dhclient.js';
export type { DnsmasqLease } from './peers/dnsmasq-lease-file.js';
export { parseDnsmasqLeases } from './peers/dnsmasq-lease-file.js';
export type { DnsmasqOptions, DnsmasqPeer } from './peers/dnsmasq.js';
export { startDnsmasq } from './peers/dnsmasq.js';
export type { KeaLease } from './peers/kea-lease-file.js';
export { parseKeaLeases } from './peers/kea-lease-file.js';
export type { KeaOptions, KeaPeer } from './peers/kea.js';
export { startKea } from './peers/kea.js';
export type { CaptureStats, TcpdumpCapture, TcpdumpOptions } from './peers/tcpdump.js';
export { parseCaptureStats, startTcpdump } from './peers/tcpdump.js';
export type { UdhcpcEvent } from './peers/udhcpc-event.js';
export { parseUdhcpcEvents } from './peers/udhcpc-event.js';
export type { UdhcpcClient, UdhcpcOptions, UdhcpcRun } from './peers/udhcpc.js';
export { runUdhcpc, startUdhcpc } from './peers/udhcpc.js';
