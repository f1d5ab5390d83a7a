import { tail } from './text-tail.js';

/** Every error the lab raises derives from this, so callers can tell lab trouble from test failures. */
export class LabError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The machine cannot host a lab (not root, no iproute2): tests should skip, not fail. */
export class LabUnavailableError extends LabError {
  constructor(readonly reason: string) {
    super(`network-namespace lab unavailable: ${reason}`);
  }
}

/** A caller passed an option the lab cannot honour. */
export class LabOptionError extends LabError {
  constructor(
    readonly field: string,
    readonly value: unknown,
    fix: string,
  ) {
    super(`lab option ${field}=${JSON.stringify(value)} is invalid: ${fix}`);
  }
}

/** exec/spawn/add* on a lab whose close() already ran. */
export class LabClosedError extends LabError {
  constructor(readonly labId: string) {
    super(`lab ${labId} is closed: create a new lab with createLab()`);
  }
}

/** All 511 lab subnets in 198.18.0.0/15 are held by live labs. */
export class LabSubnetsExhaustedError extends LabError {
  constructor() {
    super('no free lab subnet in 198.18.0.0/15: close labs you no longer need (or run sweepStaleLabs())');
  }
}

/** A set-up or tear-down command (ip, sysctl...) exited non-zero. */
export class LabCommandError extends LabError {
  constructor(
    readonly argv: readonly string[],
    readonly code: number,
    readonly stderr: string,
  ) {
    super(`command failed (exit ${code}): ${argv.join(' ')}\n${tail(stderr)}`);
  }
}

/** A command or process did not finish (or print what we waited for) in time. */
export class LabTimeoutError extends LabError {
  constructor(
    readonly what: string,
    readonly timeoutMs: number,
    readonly stderrTail: string,
  ) {
    super(`${what} timed out after ${timeoutMs} ms${stderrTail ? `; stderr tail:\n${stderrTail}` : ''}`);
  }
}

/** A peer (dnsmasq, kea, udhcpc, tcpdump...) exited or failed before becoming ready. */
export class PeerStartError extends LabError {
  constructor(
    readonly peer: string,
    readonly reason: string,
    readonly stderrTail: string,
  ) {
    super(`${peer} failed to start: ${reason}${stderrTail ? `; stderr tail:\n${stderrTail}` : ''}`);
  }
}
