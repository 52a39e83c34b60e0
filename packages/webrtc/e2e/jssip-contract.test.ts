// The SipTransport contract over JsSipTransport against the real Kamailio (the same cases run over
// FakeSipTransport in Node), so the SIP stack can be swapped without touching the Phone.
import { JsSipTransport } from '../src/jssip/jssip-transport.js';
import { sipTransportContract } from '../src/testing/sip-transport-contract.js';
import { e2eConfig } from './helpers.js';

const cfg = await e2eConfig();
const streams: MediaStream[] = [];
const cases = sipTransportContract({
  create: (user) =>
    new JsSipTransport({
      uri: `sip:${user}@${cfg.domain}`,
      password: cfg.users[user] ?? '',
      servers: [cfg.primary],
    }),
  createWithWrongPassword: () =>
    new JsSipTransport({
      uri: `sip:alice@${cfg.domain}`,
      password: 'wrong',
      servers: [cfg.primary],
    }),
  uriOf: (user) => `sip:${user}@${cfg.domain}`,
  mediaOptions: async () => {
    const mediaStream = await navigator.mediaDevices.getUserMedia({ audio: true });
    streams.push(mediaStream);
    return { mediaStream };
  },
  stepTimeoutMs: 8000,
});

describe('SipTransport contract: JsSipTransport through Kamailio', () => {
  after(() => streams.forEach((s) => s.getTracks().forEach((t) => t.stop())));
  for (const c of cases) it(c.name, () => c.run());
});
