// Counts passed and failed tests of a finished web-test-runner run, for a plain closing line
// ('N passed, N failed') that CI logs can read.
import type { TestRunner } from '@web/test-runner';

interface Suite {
  tests: { passed: boolean; skipped: boolean }[];
  suites: Suite[];
}

export function countResults(runner: TestRunner): {
  passed: number;
  failed: number;
  skipped: number;
} {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const walk = (suite: Suite) => {
    for (const t of suite.tests) {
      if (t.skipped) skipped++;
      else if (t.passed) passed++;
      else failed++;
    }
    for (const s of suite.suites) walk(s);
  };
  for (const session of runner.sessions.all()) {
    if (session.testResults) walk(session.testResults as unknown as Suite);
    // a file that failed to load counts as one failure
    if (!session.passed && (!session.testResults || session.errors.length > 0))
      failed += session.errors.length > 0 ? 1 : 0;
  }
  return { passed, failed, skipped };
}
