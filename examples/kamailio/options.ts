// The options behind examples/kamailio/kamailio.cfg. Regenerate the file with:
//   node --conditions=source --import tsx examples/kamailio/render.ts > examples/kamailio/kamailio.cfg
import type { KamailioConfigOptions } from '../../packages/adapters/src/kamailio/kamailio-config.js';

/**
 * Example: agents on ws://127.0.0.1:8080, one trusted trunk (a documentation address: put your
 * carrier's here) on UDP 5060, JSON-RPC on the loopback control listener 127.0.0.1:8081 and the
 * routing service's evapi socket on 127.0.0.1:8448, three agents, one queue. For WSS add
 * `tls: { wssPort: 8443, certificate: '/etc/kamailio/tls/cert.pem', privateKey: '/etc/kamailio/tls/key.pem' }`.
 */
export const exampleOptions: KamailioConfigOptions = {
  host: '127.0.0.1',
  udpPort: 5060,
  wsPort: 8080,
  controlHost: '127.0.0.1',
  controlPort: 8081,
  evapiPort: 8448,
  users: { alice: 'change-me-alice', bob: 'change-me-bob', carol: 'change-me-carol' },
  queues: ['support'],
  trustedAddresses: ['192.0.2.10'],
  flood: { samplingSeconds: 2, maxRequests: 64, banSeconds: 300 },
  ringTimeoutMs: 20000,
  logLevel: 1,
};
