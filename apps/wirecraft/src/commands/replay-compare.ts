import { type Frame, readCaptureFile } from '@wirecraft/capture';
import {
  compareReplay,
  ReplayCompareError,
  type ReplayComparison,
  type ReplayStep,
  recordedExchanges,
} from '@wirecraft/probe';
import { createElement } from 'react';
import { type Command, type CommandIO, UsageError } from '../cli/command.js';
import { interruptSignal, startLiveScreen } from '../output/live-screen.js';
import { outputMode, writeJsonLine } from '../output/output-mode.js';
import { parseReplayCompareArgs } from '../replay-compare/replay-compare-args.js';
import { replayStepJson, replaySummaryJson } from '../replay-compare/replay-compare-json.js';
import { openReplayTarget } from '../replay-compare/replay-compare-target.js';
import { ReplayCompareScreen } from '../screens/replay-compare-screen.js';

export const replayCompareCommand: Command = {
  name: 'replay-compare',
  summary: "replay a capture's DHCP client messages to a server; compare its answers with the recorded ones",
  usage:
    'wirecraft replay-compare FILE [--lab dnsmasq|kea|wirecraft | --iface IF] [--rewrite-xid] ' +
    '[--rewrite-chaddr] [--timeout S] [--json]',
  examples: [
    'wirecraft replay-compare fixtures/arkime_wireshark-dhcp.pcap              # vs the built-in server, virtual link',
    'wirecraft replay-compare fixtures/arkime_wireshark-dhcp.pcap --lab kea --rewrite-xid --rewrite-chaddr',
    'wirecraft replay-compare office-dora.pcapng --iface veth0 --json',
    '',
    'Each client message (BOOTP op 1) is sent in capture order, after the answer to the previous one (or',
    "--timeout S, default 2). The live answer is compared field by field with the capture's: differences",
    'are listed; fields that vary by nature (yiaddr, IP id, lengths, checksums, padding) are listed apart',
    "as 'differs (expected variable)'. --rewrite-xid/--rewrite-chaddr send fresh identities and map them",
    "back before comparing. A later message naming the recorded server's answer (server_id,",
    'requested_addr, ciaddr) is sent naming the live answer instead; every rewrite is shown.',
    'JSON: one {"type":"step",...} per client message, then {"type":"summary",...}.',
    'Exit 0 when every answer matches (or both stayed silent), 1 on any difference, 2 on a usage error.',
  ],
  async run(argv, io: CommandIO) {
    const request = parseReplayCompareArgs(argv);
    const mode = outputMode(io, request.json);
    const frames: Frame[] = [];
    for await (const frame of readCaptureFile(request.file)) frames.push(frame);
    const total = recordedExchanges(frames).exchanges.length;
    if (total === 0) {
      throw new UsageError(`${request.file} has no DHCP/BOOTP client message (op 1) to replay`);
    }
    const target = await openReplayTarget(request.target);
    const interrupt = interruptSignal();
    const setup = `${request.file} → ${target.description}`;
    const steps: ReplayStep[] = [];
    const columns = Math.min((io.stdout as NodeJS.WriteStream).columns || 80, 120);
    const draw = (comparison?: ReplayComparison) =>
      createElement(ReplayCompareScreen, {
        setup,
        steps: [...steps],
        total,
        color: mode.color,
        columns,
        ...(comparison ? { comparison } : {}),
      });
    const screen = mode.json ? undefined : startLiveScreen(io, draw());
    let comparison: ReplayComparison | undefined;
    try {
      comparison = await compareReplay(frames, {
        link: target.link,
        timeoutMs: request.timeoutMs,
        rewriteXid: request.rewriteXid,
        rewriteChaddr: request.rewriteChaddr,
        signal: interrupt.signal,
        onStep(step) {
          steps.push(step);
          if (mode.json) writeJsonLine(io.stdout, replayStepJson(step));
          screen?.update(draw());
        },
      });
    } catch (error) {
      if (error instanceof ReplayCompareError) throw new UsageError(error.message);
      throw error;
    } finally {
      await screen?.finish(draw(comparison));
      interrupt.dispose();
      await target.close();
    }
    if (mode.json) writeJsonLine(io.stdout, replaySummaryJson(request.file, target.description, comparison));
    const { counts } = comparison;
    const mismatches = counts.differs + counts['no-live-reply'] + counts['unexpected-reply'];
    if (mismatches > 0) {
      io.stderr.write(
        `wirecraft replay-compare: ${mismatches} of ${comparison.steps.length} answers differ from the capture\n`,
      );
      return 1;
    }
    if (!comparison.complete) {
      io.stderr.write('wirecraft replay-compare: stopped early\n');
      return 1;
    }
    return 0;
  },
};
