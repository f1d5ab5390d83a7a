export {
  type CheckResult,
  type CheckStatus,
  defineProbes,
  type ProbeCheck,
  type ProbeContext,
  type ProbeSet,
  ProbeSkip,
  type ProbeTarget,
  type RunProbesOptions,
  runProbes,
} from './probe.js';
export { type FieldDifference, matchPacket, type PacketPattern } from './match.js';
export { ProbeAssertionError } from './probe-assertion-error.js';
export { expectNoReply, expectPacket, type PacketExpectation } from './expect-packet.js';
export { MatcherInputError, type MatcherOutcome, type RoundTrip } from './packet-matchers.js';
export {
  type LabServerConfig,
  type LabServerKind,
  type LabTarget,
  startLabTarget,
} from './lab-target.js';
export { escapeXml, failureDetails, formatDifference, type JunitOptions, toJunitXml } from './junit.js';
export { loadProbeFiles, ProbeFileError, probeSetProblem, probeSetsOf } from './load-probe-files.js';
export { rfc2131 } from './suites/rfc2131.js';
