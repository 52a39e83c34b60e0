// The options behind examples/kamailio/kamailio.cfg. Regenerate the file with:
//   node --conditions=source --import tsx examples/kamailio/render.ts > examples/kamailio/kamailio.cfg
import type { KamailioConfigOptions } from '../../packages/adapters/src/kamailio/kamailio-config.js';

/** Example: Kamailio on 127.0.0.1 (UDP 5060, WebSocket 8080, evapi 8448), three agents, one queue. */
export const exampleOptions: KamailioConfigOptions = {
  host: '127.0.0.1',
  udpPort: 5060,
  wsPort: 8080,
  evapiPort: 8448,
  users: { alice: 'change-me-alice', bob: 'change-me-bob', carol: 'change-me-carol' },
  queues: ['support'],
  ringTimeoutMs: 20000,
  logLevel: 1,
};
