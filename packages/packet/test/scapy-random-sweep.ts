/**
 * The long randomized sweep against scapy 2.5 (not part of jest): many seeded batches of random one-liners,
 * every disagreement printed with its expression, plus one pass of the CLI contract
 * (`wirecraft build --hex` with expressions on stdin == scapy's hex).
 *
 *   node --conditions=@wirecraft/source --import tsx packages/packet/test/scapy-random-sweep.ts [cases] [seed] [--cli]
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { askScapy, scapyUnavailable } from './scapy-oracle.js';
import { type Disagreement, compareWithScapy } from './scapy-random-compare.js';
import { sampleScapyCases } from './scapy-random-exprs.js';

const BATCH = 400;
const [total = 2000, seed = Date.now() % 1_000_000] = process.argv
  .slice(2)
  .filter((a) => !a.startsWith('--'))
  .map(Number);
const withCli = process.argv.includes('--cli');

const unavailable = scapyUnavailable();
if (unavailable) {
  console.error(`cannot sweep: ${unavailable}`);
  process.exit(2);
}

const disagreements: Disagreement[] = [];
let run = 0;
let rejects = 0;
let bothReject = 0;
let compared = 0;
for (let batch = 0; run < total; batch++) {
  const cases = sampleScapyCases(seed + batch, Math.min(BATCH, total - run));
  const result = compareWithScapy(cases);
  run += result.run;
  rejects += result.scapyRejects;
  bothReject += result.bothReject.length;
  for (const d of result.bothReject) console.log(JSON.stringify({ ...d, kind: 'both-reject' }));
  compared += result.compared;
  disagreements.push(...result.disagreements);
  console.error(`seed ${seed + batch}: ${result.run} cases, ${result.disagreements.length} disagree`);
}

for (const d of disagreements) {
  console.log(JSON.stringify(d));
}
console.error(
  `seed ${seed}: ${run} cases, ${compared} agree on bytes and fields, ${rejects} refused by scapy (${bothReject} by us too), ${disagreements.length} disagreements`,
);

if (withCli) {
  const cases = sampleScapyCases(seed, 300).filter((c) => c.first === 'Ether');
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  const cli = spawnSync('pnpm', ['-s', 'wirecraft', 'build', '--hex'], {
    cwd: root,
    input: cases.map((c) => c.expr).join('\n'),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  // A line that fails prints nothing on stdout and 'line N: ...' on stderr: put its hole back.
  const failed = new Set(
    [...cli.stderr.matchAll(/^wirecraft build: line (\d+):/gm)].map((m) => Number(m[1]) - 1),
  );
  const printed = cli.stdout.split('\n').filter((l) => l !== '');
  const lines = cases.map((_, i) => (failed.has(i) ? undefined : printed.shift()));
  const scapy = askScapy(cases.map((c) => ({ build: c.expr })));
  let agree = 0;
  let differ = 0;
  scapy.forEach((answer, i) => {
    if (!('hex' in answer)) return;
    if (lines[i] === answer.hex) agree++;
    else {
      differ++;
      console.log(JSON.stringify({ kind: 'cli', expr: cases[i].expr, ours: lines[i], scapy: answer.hex }));
    }
  });
  console.error(
    `CLI: status ${cli.status}, ${cases.length - failed.size} lines for ${cases.length} expressions (${failed.size} refused); ${agree} equal scapy's hex, ${differ} differ`,
  );
}
