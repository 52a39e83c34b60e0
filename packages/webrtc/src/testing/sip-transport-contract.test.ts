import { test } from 'node:test';
import { FakeSipNetwork } from './fake-sip-network.js';
import { sipTransportContract } from './sip-transport-contract.js';

const passwords = { alice: 'a-pw', bob: 'b-pw' };
const net = new FakeSipNetwork({ passwords });
const cases = sipTransportContract({
  create: (user) =>
    net.createTransport({ uri: `sip:${user}@test.local`, password: passwords[user] }),
  createWithWrongPassword: () =>
    net.createTransport({ uri: 'sip:alice@test.local', password: 'nope' }),
  uriOf: (user) => `sip:${user}@test.local`,
  mediaOptions: () => Promise.resolve({}),
  stepTimeoutMs: 1000,
});
for (const c of cases) test(`FakeSipTransport: ${c.name}`, () => c.run());
