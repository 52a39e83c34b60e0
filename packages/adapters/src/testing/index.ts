/**
 * Test kit for adapters: the CRM adapter conformance suite that third parties run against their
 * own adapters (Node; it uses `node:assert`). See the package README for a walk-through.
 *
 * @example
 * ```ts
 * import { test } from 'node:test';
 * import { runCrmConformance } from '@switchboard/adapters/testing';
 * runCrmConformance(harness, test);
 * ```
 *
 * @packageDocumentation
 */
export { crmConformanceCases, runCrmConformance } from './crm-conformance.js';
export type {
  CrmConformanceFixture,
  CrmConformanceHarness,
  ConformanceCase,
} from './crm-conformance.js';
