/**
 * Helpers for testing code built on the core: an engine on a virtual clock with repeatable ids.
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
