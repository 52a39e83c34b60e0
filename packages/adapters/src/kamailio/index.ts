/**
 * Kamailio adapter: the configuration for WebRTC agents, the routing service behind it (evapi, Node
 * only), and a JSON-RPC management client.
 *
 * @packageDocumentation
 */
export {
  renderKamailioConfig,
  validateKamailioConfig,
  INTERACTION_HEADER,
} from './kamailio-config.js';
export type {
  KamailioConfigOptions,
  KamailioTlsOptions,
  KamailioFloodOptions,
  KamailioRtpengineOptions,
  KamailioOutboundTrunkOptions,
  MediaCodec,
} from './kamailio-config.js';
export { KamailioRoutingService } from './kamailio-routing-service.js';
export type {
  KamailioRoutingServiceOptions,
  OverflowAction,
  RoutingServiceEvent,
  RingOutcome,
} from './kamailio-routing-service.js';
export { EvapiConnection } from './evapi-connection.js';
export type { EvapiChannel, EvapiConnectionOptions } from './evapi-connection.js';
export { encodeNetstring, NetstringDecoder, DEFAULT_MAX_NETSTRING_BYTES } from './netstring.js';
export type { NetstringDecoderOptions } from './netstring.js';
export {
  parseEvapiMessage,
  INTERACTION_ID_PATTERN,
  QUEUE_ID_PATTERN,
  MAX_CALL_ID_LENGTH,
  MAX_CALLER_TEXT_LENGTH,
} from './evapi-messages.js';
export type {
  EvapiMessage,
  RouteRequestMessage,
  RouteOutcomeMessage,
  CallIdMessage,
  TransactionRef,
} from './evapi-messages.js';
export { KamailioRpcClient } from './kamailio-rpc-client.js';
export type {
  KamailioRpcClientOptions,
  KamailioRegistration,
  KamailioContact,
} from './kamailio-rpc-client.js';
export { KamailioError } from './kamailio-error.js';
export { KamailioIvrService } from './kamailio-ivr-service.js';
export type { KamailioIvrServiceOptions, IvrServiceEvent } from './kamailio-ivr-service.js';
export { RtpengineNgClient, RtpengineDtmfListener, parseDtmfEvent } from './rtpengine-ng-client.js';
export type { RtpengineNgClientOptions, RtpengineDtmfEvent } from './rtpengine-ng-client.js';
export { EspeakPrompts } from './espeak-prompts.js';
export { RtpengineRecorder } from './rtpengine-recorder.js';
export type { RtpengineRecorderOptions, CallRecording } from './rtpengine-recorder.js';
export type { EspeakPromptsOptions } from './espeak-prompts.js';
export { bencode, bdecode, MAX_BENCODE_DEPTH } from './bencode.js';
export type { BencodeValue, BencodeDictionary } from './bencode.js';
export type { KamailioErrorCode } from './kamailio-error.js';
