// Prints "N passed, N failed[, N skipped]" from jest's --json output. A suite that failed to run
// (syntax error, import failure) has no failed tests, so it is counted as one failure.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? '.jest-results.json';
let results;
try {
  results = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  console.error(`jest-summary: cannot read ${file}: ${error.message}`);
  process.exit(1);
}
const brokenSuites = results.testResults.filter(
  (suite) => suite.status === 'failed' && suite.assertionResults.every((a) => a.status !== 'failed'),
).length;
const passed = results.numPassedTests;
const failed = results.numFailedTests + brokenSuites;
const skipped = results.numPendingTests + results.numTodoTests;
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || !results.success ? 1 : 0);
