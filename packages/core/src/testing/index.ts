/**
 * Helpers for testing code built on the core: an engine on a virtual clock with repeatable ids, the
 * `ContactCenter` contract suite, and scripted IVR call cases (`runFlowCase`, `runFlowSuite`).
 *
 * @packageDocumentation
 */
export { createRoutingFixture } from './routing-fixture.js';
export type { RoutingFixture, RoutingFixtureOptions } from './routing-fixture.js';
export { contactCenterContract, ContractFailure } from './contact-center-contract.js';
export type {
  ContactCenterHarness,
  ContractCase,
  MakeContactCenter,
} from './contact-center-contract.js';
export { runFlowCase, runFlowSuite, validateFlowTestSuite, pathOf } from './run-flow-case.js';
export type {
  FlowTestCase,
  FlowTestSuite,
  FlowCaseResult,
  RunFlowCaseOptions,
  WaitStep,
} from './run-flow-case.js';
