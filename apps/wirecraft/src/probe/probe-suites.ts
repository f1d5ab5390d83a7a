import { type ProbeSet, rfc2131 } from '@wirecraft/probe';

/** The suites `--suite` can name; each is a ProbeSet shipped with @wirecraft/probe. */
export const KNOWN_SUITES = ['rfc2131'] as const;
export type SuiteName = (typeof KNOWN_SUITES)[number];

export function suiteSet(name: SuiteName): ProbeSet {
  switch (name) {
    case 'rfc2131':
      return rfc2131;
  }
}
