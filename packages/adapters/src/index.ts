/**
 * `@switchboard/adapters`: connections to CRMs, ERPs and SIP backends. Node-only parts (the
 * Kamailio routing service over evapi) live in the `./kamailio` entry.
 *
 * @packageDocumentation
 */
export {
  renderKamailioConfig,
  validateKamailioConfig,
  INTERACTION_HEADER,
} from './kamailio/kamailio-config.js';
export type {
  KamailioConfigOptions,
  KamailioTlsOptions,
  KamailioFloodOptions,
} from './kamailio/kamailio-config.js';
export { KamailioRpcClient } from './kamailio/kamailio-rpc-client.js';
export type {
  KamailioRpcClientOptions,
  KamailioRegistration,
  KamailioContact,
} from './kamailio/kamailio-rpc-client.js';
export { KamailioError } from './kamailio/kamailio-error.js';
export type { KamailioErrorCode } from './kamailio/kamailio-error.js';
