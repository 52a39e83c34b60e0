/**
 * Test helpers for code that uses `@switchboard/webrtc`: an in-memory SIP network and the
 * `SipTransport` contract.
 *
 * @packageDocumentation
 */
export { FakeSipNetwork, FakeSipTransport, FakeSipSession } from './fake-sip-network.js';
export type { FakeTransportOptions } from './fake-sip-network.js';
export { sipTransportContract } from './sip-transport-contract.js';
export type { ContractCase, SipTransportContractSetup } from './sip-transport-contract.js';
