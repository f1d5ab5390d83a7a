import type { describe as JestDescribe } from '@jest/globals';
import { labUnavailableReason } from './availability.js';
import { LabError } from './errors.js';

type Describe = typeof JestDescribe;
const warned = new Set<string>();

/**
 * `describe` for suites that need a lab: skipped (with one printed reason per process) when this machine
 * cannot host one, run as usual otherwise. It reads jest's injected `describe` at call time instead of
 * importing '@jest/globals', so importing @wirecraft/lab outside jest stays harmless.
 */
export function describeLab(title: string, body: () => void): void {
  const describe = jestDescribe();
  const reason = labUnavailableReason();
  if (reason === undefined) {
    describe(title, body);
    return;
  }
  if (!warned.has(reason)) {
    warned.add(reason);
    console.warn(`[@wirecraft/lab] skipping lab suites (${reason}): "${title}" and any others`);
  }
  describe.skip(title, body);
}

function jestDescribe(): Describe {
  const candidate: unknown = Reflect.get(globalThis, 'describe');
  if (typeof candidate !== 'function') {
    throw new LabError('describeLab() needs jest globals: run it inside jest with injectGlobals enabled');
  }
  return candidate as Describe;
}
