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
