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
export { DEFAULT_CHECK_TIMEOUT_MS } from './run-probes.js';
export { DEFAULT_REPLY_TIMEOUT_MS } from './check-session.js';
export { MAX_RECORDED_LINES } from './recording-link.js';
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
export { NamespaceServerStartError } from './lab/namespace-server.js';
export { escapeXml, failureDetails, formatDifference, type JunitOptions, toJunitXml } from './junit.js';
export { loadProbeFiles, ProbeFileError, probeSetProblem, probeSetsOf } from './load-probe-files.js';
export { rfc2131 } from './suites/rfc2131.js';
export {
  type CompareReplayOptions,
  compareReplay,
  ReplayCompareError,
  type ReplayComparison,
  type ReplayOutcome,
  type ReplayStep,
} from './replay-compare.js';
export { type RecordedCapture, type RecordedExchange, recordedExchanges } from './replay-exchanges.js';
export { diffReplies, type ReplyDiff, VARIABLE_FIELDS } from './replay-field-diff.js';
export { type ReplayRewriteOptions, ReplayRewriter } from './replay-rewrite.js';
