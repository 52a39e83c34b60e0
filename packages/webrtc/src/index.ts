/**
 * `@switchboard/webrtc`: a softphone on JsSIP whose calls are Switchboard interactions.
 * Importing it touches neither `window` nor `navigator`; JsSIP itself is loaded on first connect.
 *
 * @packageDocumentation
 */
export { Phone, PhoneStatus } from './phone/phone.js';
export type { PhoneOptions, PhoneSnapshot, PhoneEvent, MediaSource } from './phone/phone.js';
export { Call } from './phone/call.js';
export type { PhoneControl, CallControl } from './phone/phone-control.js';
export type { CallSnapshot, CallEndReason, CallEvent } from './phone/call.js';
export { IceState } from './phone/call-types.js';
export { CallStatus, callCommandMachine, callMachine } from './phone/call-machine.js';
export type { CallCommand, CallTransition } from './phone/call-machine.js';
export { PhoneError } from './phone/phone-error.js';
export type { PhoneErrorOptions } from './phone/phone-error.js';
export { PhoneErrorCode } from './phone/phone-error-code.js';
export { InvalidTargetError } from './phone/invalid-target-error.js';
export { parseSipAddress, MAX_TARGET_LENGTH } from './phone/sip-address.js';
export type { SipAddress, SipUriParameter } from './phone/sip-address.js';
export type { DomMediaStream, DomPeerConnection, DomRtcConfiguration } from './phone/dom-types.js';
export { ServerPool } from './phone/server-pool.js';
export type { BackoffOptions, ServerAttempt } from './phone/server-pool.js';
export type {
  SipTransport,
  SipTransportEvent,
  SipSession,
  SipSessionEvent,
  SipCallOptions,
  SipAnswerOptions,
  SipServerRef,
  SipOriginator,
  DtmfTransport,
} from './phone/sip-transport.js';
export { JsSipTransport } from './jssip/jssip-transport.js';
export type { JsSipTransportOptions } from './jssip/jssip-transport.js';
export type { WebSocketFactory, WebSocketLike } from './jssip/failover-socket.js';
export { estimateMos } from './quality/mos.js';
export type { MosInput } from './quality/mos.js';
export { qualityBetween, readAudioStats } from './quality/quality-sample.js';
export type { QualitySample, AudioStatsSnapshot, StatLike } from './quality/quality-sample.js';
export { QualityMonitor, DEFAULT_QUALITY_THRESHOLDS } from './quality/quality-monitor.js';
export type {
  QualityThresholds,
  QualityWarningKind,
  QualityEvent,
  StatsSource,
} from './quality/quality-monitor.js';
export { runPreCallTest } from './quality/pre-call-test.js';
export type { PreCallResult } from './quality/pre-call-test.js';
export { DeviceManager } from './devices/device-manager.js';
export type {
  AudioDevice,
  DeviceSnapshot,
  DeviceEvent,
  DeviceManagerOptions,
} from './devices/device-manager.js';
export { Ringer, bindRinger } from './ringer/ringer.js';
export type {
  RingerStatus,
  RingerSnapshot,
  RingerOptions,
  RingerAudioContext,
} from './ringer/ringer.js';
export { PageLifecycle, bindPageLifecycle } from './lifecycle/page-lifecycle.js';
export type { PageState, LifecycleDocument, LivenessLease } from './lifecycle/page-lifecycle.js';
export { TabCoordinator } from './tabs/tab-coordinator.js';
export type {
  TabRole,
  TabSnapshot,
  TabCoordinatorOptions,
  LockManagerLike,
  ChannelLike,
} from './tabs/tab-coordinator.js';
export { sharePhone, mirrorPhone, unmirrorPhone, runPhoneCommand } from './tabs/shared-phone.js';
export type {
  MirroredPhoneState,
  MirroredCall,
  MirroredError,
  PhoneCommand,
  PhoneTabs,
  SharePhoneOptions,
} from './tabs/shared-phone.js';
export { TabPhone } from './tabs/tab-phone.js';
export type { TabPhoneOptions, TabPhoneSnapshot } from './tabs/tab-phone.js';
export { MonitorMode, MONITOR_HEADER } from './monitor/monitor-mode.js';
export type { MonitorRequest } from './monitor/monitor-mode.js';
export { MonitorError } from './monitor/monitor-error.js';
export { MonitorErrorCode } from './monitor/monitor-error-code.js';
export type { MonitorMixer, MonitorMixerFactory } from './monitor/monitor-mixer.js';
export { createWebAudioMixer } from './monitor/web-audio-mixer.js';
export type { WebAudioMixerOptions } from './monitor/web-audio-mixer.js';
export { MonitorResponder } from './monitor/monitor-responder.js';
export type {
  MonitorResponderOptions,
  MonitorResponderSnapshot,
  MonitorResponderEvent,
  MonitorPermissionRequest,
  MonitoredCallSnapshot,
  MonitorRefusal,
} from './monitor/monitor-responder.js';
export { MonitorSession, monitorAgent } from './monitor/monitor-session.js';
export type {
  MonitorAgentOptions,
  MonitorSessionSnapshot,
  MonitorSessionStatus,
} from './monitor/monitor-session.js';
