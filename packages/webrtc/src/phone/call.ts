import { InvalidTransitionError } from '@switchboard/core/shared';
import type { Clock, Listener, TimerHandle, Unsubscribe } from '@switchboard/core/shared';
import { InteractionTracker } from '@switchboard/core/interactions';
import type { InteractionSnapshot } from '@switchboard/core/interactions';
import { callMachine } from './call-machine.js';
import type { CallStatus, CallTransition } from './call-machine.js';
import { PhoneError } from './phone-error.js';
import { QualityMonitor } from '../quality/quality-monitor.js';
import type { QualityThresholds, QualityWarningKind } from '../quality/quality-monitor.js';
import type { QualitySample } from '../quality/quality-sample.js';
import type {
  DtmfTransport,
  SipCallOptions,
  SipSession,
  SipSessionEvent,
} from './sip-transport.js';

/** Why and how a call ended. */
export interface CallEndReason {
  /** Who ended it. */
  readonly originator: 'local' | 'remote' | 'system';
  /** SIP-level cause (`Terminated`, `Busy`, `Rejected`, `Canceled`, `Transport lost`, ...). */
  readonly cause: string;
  /** SIP status code, when a response ended it. */
  readonly statusCode: number | undefined;
  /** A typed error when the call failed rather than ended normally. */
  readonly error: PhoneError | undefined;
}

/** A read-only view of a call, replaced on every change. */
export interface CallSnapshot {
  readonly id: string;
  readonly direction: 'outgoing' | 'incoming';
  readonly status: CallStatus;
  readonly remoteUri: string;
  readonly remoteDisplayName: string | undefined;
  /** The core interaction this call is. */
  readonly interactionId: string;
  /** Whether the microphone is muted. */
  readonly muted: boolean;
  /** Whether the other party put us on hold. */
  readonly remoteHold: boolean;
  /** Custom (`X-`) headers the call arrived or was answered with. */
  readonly headers: Readonly<Record<string, string>>;
  /** DTMF digits sent and received so far. */
  readonly dtmfSent: string;
  readonly dtmfReceived: string;
  readonly startedAt: number;
  readonly connectedAt: number | undefined;
  readonly endedAt: number | undefined;
  readonly endReason: CallEndReason | undefined;
  /** The latest quality sample (RTT, jitter, loss, bitrate, MOS), once measured. */
  readonly quality: QualitySample | undefined;
  /** Quality warnings active now. */
  readonly qualityWarnings: readonly QualityWarningKind[];
}

/** What a {@link Call} needs from its phone. @internal */
export interface CallContext {
  readonly clock: Clock;
  readonly dtmfTransport: DtmfTransport;
  readonly reconnectGraceMs: number;
  readonly iceRestartDelayMs: number;
  readonly wrapUp: 'manual' | 'auto';
  /** Quality sampling; false disables it. */
  readonly quality:
    false | { readonly intervalMs: number; readonly thresholds?: Partial<QualityThresholds> };
  /** Options for any new session (media, ICE servers, headers). */
  callOptions(extraHeaders: readonly string[]): Promise<SipCallOptions>;
  isTransportUp(): boolean;
  adopt(call: Call): void;
  releaseMedia(call: Call): void;
  /** A peer connection was created for this call. */
  peerConnection(connection: RTCPeerConnection): void;
  agentId: string | undefined;
}

/** What a {@link Call} can notify besides snapshot changes. */
export type CallEvent =
  | { readonly type: 'status-changed'; readonly status: CallStatus; readonly previous: CallStatus }
  | { readonly type: 'dtmf'; readonly tone: string; readonly originator: 'local' | 'remote' }
  | { readonly type: 'transfer-progress'; readonly status: 'accepted' | 'succeeded' | 'failed' }
  | { readonly type: 'ice-restart'; readonly ok: boolean }
  | {
      readonly type: 'quality-warning';
      readonly kind: QualityWarningKind;
      readonly active: boolean;
      readonly sample: QualitySample;
    };

/**
 * One call (one line) of a {@link Phone}, bound to a core interaction: every call moves an
 * {@link InteractionTracker} along the interaction lifecycle, so widgets and KPIs see calls with no
 * extra glue.
 *
 * @example
 * ```ts
 * const call = phone.call('sip:bob@example.com');
 * call.subscribe((s) => console.log(s.status));
 * call.sendDtmf('1#');
 * call.hangup();
 * ```
 */
export class Call {
  readonly id: string;
  readonly direction: 'outgoing' | 'incoming';
  /** The core interaction of this call. */
  readonly interaction: InteractionTracker;
  private status: CallStatus;
  private session: SipSession | undefined;
  private snapshot: CallSnapshot | undefined;
  private readonly listeners = new Set<Listener<CallSnapshot>>();
  private readonly eventListeners = new Set<Listener<CallEvent>>();
  private muted = false;
  private remoteHold = false;
  private headers: Record<string, string> = {};
  private dtmfSent = '';
  private dtmfReceived = '';
  private readonly startedAt: number;
  private connectedAt: number | undefined;
  private endedAt: number | undefined;
  private endReason: CallEndReason | undefined;
  private graceTimer: TimerHandle | undefined;
  private iceTimer: TimerHandle | undefined;
  private remoteUri: string;
  private stream: MediaStream | undefined;
  private pendingHangup = false;
  private wasHeldBeforeReconnect = false;
  private monitor: QualityMonitor | undefined;
  private readonly warnings = new Set<QualityWarningKind>();

  constructor(
    private readonly ctx: CallContext,
    init: {
      id: string;
      direction: 'outgoing' | 'incoming';
      remoteUri: string;
      interactionId: string;
      attributes?: Record<string, string>;
    },
  ) {
    this.id = init.id;
    this.direction = init.direction;
    this.remoteUri = init.remoteUri;
    this.status = init.direction === 'outgoing' ? 'dialing' : 'ringing';
    this.startedAt = ctx.clock.now();
    this.interaction = new InteractionTracker({
      id: init.interactionId,
      channel: 'voice',
      clock: ctx.clock,
      attributes: { direction: init.direction, remote: init.remoteUri, ...(init.attributes ?? {}) },
      ...(ctx.agentId !== undefined ? { agentId: ctx.agentId } : {}),
    });
    if (init.direction === 'incoming')
      this.interaction.apply('offer', 'call-ringing', { detail: { remote: init.remoteUri } });
    else this.interaction.note('call-dialing', { remote: init.remoteUri });
  }

  /** The SIP session, once there is one. */
  get sipSession(): SipSession | undefined {
    return this.session;
  }

  /** The local media stream sent on this call, once acquired. */
  get localStream(): MediaStream | undefined {
    return this.stream;
  }

  /** @internal */
  setLocalStream(stream: MediaStream | undefined): void {
    this.stream = stream;
  }

  getSnapshot(): CallSnapshot {
    this.snapshot ??= {
      id: this.id,
      direction: this.direction,
      status: this.status,
      remoteUri: this.remoteUri,
      remoteDisplayName: this.session?.remoteDisplayName,
      interactionId: this.interaction.getSnapshot().id,
      muted: this.muted,
      remoteHold: this.remoteHold,
      headers: { ...this.headers },
      dtmfSent: this.dtmfSent,
      dtmfReceived: this.dtmfReceived,
      startedAt: this.startedAt,
      connectedAt: this.connectedAt,
      endedAt: this.endedAt,
      endReason: this.endReason,
      quality: this.monitor?.latest,
      qualityWarnings: [...this.warnings],
    };
    return this.snapshot;
  }

  /** The core interaction's snapshot (status and the whole timeline). */
  getInteraction(): InteractionSnapshot {
    return this.interaction.getSnapshot();
  }

  subscribe(listener: Listener<CallSnapshot>): Unsubscribe {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Listens to call events (status changes, DTMF, transfer progress, ICE restarts). */
  onEvent(listener: Listener<CallEvent>): Unsubscribe {
    this.eventListeners.add(listener);
    return () => {
      this.eventListeners.delete(listener);
    };
  }

  /** Resolves when the call reaches `status` (or rejects with the end reason if it ends first). */
  when(status: CallStatus): Promise<CallSnapshot> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const snap = this.getSnapshot();
        if (snap.status === status) {
          resolve(snap);
          return true;
        }
        if (snap.status === 'ended') {
          reject(
            snap.endReason?.error ??
              new PhoneError(
                'SIP_NOT_READY',
                `call ended (${snap.endReason?.cause ?? 'unknown'}) before '${status}'`,
              ),
          );
          return true;
        }
        return false;
      };
      if (check()) return;
      const off = this.onEvent((e) => {
        if (e.type === 'status-changed' && check()) off();
      });
    });
  }

  /** Answers a ringing incoming call. */
  answer(extraHeaders: readonly string[] = []): void {
    this.transition('answer');
    void this.ctx.callOptions(extraHeaders).then(
      (options) => {
        if (this.status === 'ended') return;
        this.stream = options.mediaStream;
        this.session?.answer(options);
      },
      (error: unknown) => this.fail(toPhoneError(error), 'local'),
    );
  }

  /** Rejects a ringing incoming call (486 Busy Here by default). */
  reject(statusCode = 486): void {
    if (this.status !== 'ringing')
      throw new InvalidTransitionError(
        'call',
        this.status,
        'reject',
        callMachine.allowedEvents(this.status),
        this.id,
      );
    this.interaction.apply('reject', 'call-rejected', { detail: { statusCode } });
    this.session?.terminate({ statusCode });
  }

  /** Hangs up (or cancels an unanswered outgoing call). */
  hangup(): void {
    if (this.status === 'ended') return;
    if (!this.session) {
      this.pendingHangup = true;
      this.finish({
        originator: 'local',
        cause: 'Canceled',
        statusCode: undefined,
        error: undefined,
      });
      return;
    }
    this.session.terminate();
  }

  hold(): void {
    if (this.status !== 'connected')
      throw new InvalidTransitionError(
        'call',
        this.status,
        'hold',
        callMachine.allowedEvents(this.status),
        this.id,
      );
    this.session?.hold();
  }

  unhold(): void {
    if (this.status !== 'held')
      throw new InvalidTransitionError(
        'call',
        this.status,
        'unhold',
        callMachine.allowedEvents(this.status),
        this.id,
      );
    this.session?.unhold();
  }

  /** Mutes or unmutes the microphone (the track is disabled, the call keeps its media path). */
  setMuted(muted: boolean): void {
    if (this.muted === muted) return;
    this.muted = muted;
    for (const track of this.stream?.getAudioTracks() ?? []) track.enabled = !muted;
    this.interaction.note(muted ? 'call-muted' : 'call-unmuted');
    this.changed();
  }

  /** Sends DTMF digits (`0-9 * # A-D`), by RFC 4733 or SIP INFO (default: the phone's setting). */
  sendDtmf(tones: string, transport: DtmfTransport = this.ctx.dtmfTransport): void {
    if (!/^[0-9A-D#*,]+$/i.test(tones)) {
      throw new PhoneError(
        'SIP_INVALID_TARGET',
        `invalid DTMF ${JSON.stringify(tones)}: use 0-9, *, #, A-D`,
        { hint: 'Use the keypad digits only.' },
      );
    }
    if (this.status !== 'connected' && this.status !== 'early-media') {
      throw new InvalidTransitionError(
        'call',
        this.status,
        'send-dtmf',
        ['connected', 'early-media'],
        this.id,
      );
    }
    this.session?.sendDtmf(tones.toUpperCase(), transport);
  }

  /** Blind transfer: asks the other party to call `targetUri` (REFER). */
  transfer(targetUri: string): void {
    if (this.status !== 'connected' && this.status !== 'held') {
      throw new InvalidTransitionError(
        'call',
        this.status,
        'transfer',
        ['connected', 'held'],
        this.id,
      );
    }
    this.interaction.note('transfer-requested', { target: targetUri, kind: 'blind' });
    this.session?.refer(targetUri);
  }

  /** Attended transfer: connects the other party of this call with the other party of `consultation`. */
  attendedTransfer(consultation: Call): void {
    if (
      !consultation.session ||
      (consultation.status !== 'connected' && consultation.status !== 'held')
    ) {
      throw new PhoneError(
        'SIP_TRANSFER_FAILED',
        'the consultation call must be connected or held',
        { hint: 'Wait until the consultation call is answered.' },
      );
    }
    this.interaction.note('transfer-requested', {
      target: consultation.remoteUri,
      kind: 'attended',
    });
    this.session?.refer(consultation.remoteUri, consultation.session);
  }

  /** Restarts ICE with a re-INVITE (after a network change); the call keeps going. */
  restartIce(): void {
    if (!this.session || (this.status !== 'connected' && this.status !== 'held')) return;
    this.interaction.note('ice-restart-requested');
    this.session.renegotiate({ iceRestart: true });
  }

  /** Completes after-call work: the interaction moves from wrap-up to completed. */
  completeWrapUp(disposition?: string): void {
    this.interaction.apply(
      'complete',
      'wrap-up-completed',
      disposition ? { detail: { disposition } } : undefined,
    );
  }

  /** @internal Binds the SIP session and follows its events. */
  attach(session: SipSession): void {
    this.session = session;
    if (this.pendingHangup) {
      session.terminate();
      return;
    }
    session.on((event) => this.onSessionEvent(event));
    this.changed();
  }

  /** @internal The phone's transport dropped. */
  transportLost(): void {
    if (this.status === 'connected' || this.status === 'held') {
      this.wasHeldBeforeReconnect = this.status === 'held';
      this.transition('transport-lost');
      this.interaction.note('call-reconnecting');
      this.graceTimer = this.ctx.clock.setTimeout(() => {
        this.graceTimer = undefined;
        if (this.status !== 'reconnecting') return;
        const error = new PhoneError(
          'SIP_TRANSPORT_LOST',
          `signalling did not come back within ${this.ctx.reconnectGraceMs} ms`,
          {
            retryable: true,
            hint: 'The connection to the phone server was lost. Check the network and call again.',
          },
        );
        this.finish({
          originator: 'system',
          cause: 'Transport lost',
          statusCode: undefined,
          error,
        });
        this.session?.terminate();
      }, this.ctx.reconnectGraceMs);
    }
  }

  /** @internal The phone is connected and registered again. */
  transportRecovered(): void {
    if (this.status !== 'reconnecting') return;
    this.clearGrace();
    this.transition(this.wasHeldBeforeReconnect ? 'recovered-held' : 'recovered');
    this.interaction.note('call-recovered');
    const state = this.session?.connection?.iceConnectionState;
    if (state === 'disconnected' || state === 'failed') this.restartIce();
  }

  /** @internal Ends the call locally with a typed error (e.g. no microphone). */
  fail(error: PhoneError, originator: 'local' | 'system'): void {
    this.finish({ originator, cause: error.message, statusCode: error.statusCode, error });
    this.session?.terminate();
  }

  private onSessionEvent(event: SipSessionEvent): void {
    switch (event.type) {
      case 'progress':
        if (event.earlyMedia && this.status === 'dialing') {
          this.transition('early-media');
          this.interaction.note('call-early-media', { statusCode: event.statusCode });
        } else {
          this.interaction.note('call-progress', { statusCode: event.statusCode });
        }
        break;
      case 'accepted':
        this.readHeaders();
        if (
          this.direction === 'outgoing' &&
          (this.status === 'dialing' || this.status === 'early-media')
        ) {
          this.connectedAt = this.ctx.clock.now();
          this.transition('answered');
          this.interaction.apply('connect', 'call-connected');
        }
        break;
      case 'confirmed':
        if (this.direction === 'incoming' && this.status === 'answering') {
          this.connectedAt = this.ctx.clock.now();
          this.transition('confirmed');
          this.interaction.apply(
            'accept',
            'call-answered',
            this.ctx.agentId ? { agentId: this.ctx.agentId } : undefined,
          );
        }
        break;
      case 'hold':
        if (event.originator === 'local' && this.status === 'connected') {
          this.transition('hold');
          this.interaction.apply('hold', 'call-held');
        } else if (event.originator === 'remote') {
          this.remoteHold = true;
          this.interaction.note('call-held-by-remote');
          this.changed();
        }
        break;
      case 'unhold':
        if (event.originator === 'local' && this.status === 'held') {
          this.transition('unhold');
          this.interaction.apply('resume', 'call-resumed');
        } else if (event.originator === 'remote') {
          this.remoteHold = false;
          this.interaction.note('call-resumed-by-remote');
          this.changed();
        }
        break;
      case 'dtmf':
        if (event.originator === 'remote') this.dtmfReceived += event.tone;
        else this.dtmfSent += event.tone;
        this.interaction.note(event.originator === 'remote' ? 'dtmf-received' : 'dtmf-sent', {
          tone: event.tone,
          transport: event.transport,
        });
        this.emit({
          type: 'dtmf',
          tone: event.tone,
          originator: event.originator === 'remote' ? 'remote' : 'local',
        });
        this.changed();
        break;
      case 'refer-requested':
        this.interaction.note('transfer-received', { target: event.target });
        void this.ctx.callOptions([]).then(
          (options) => {
            const next = event.accept(options);
            const call = new Call(this.ctx, {
              id: `${this.id}-referred`,
              direction: 'outgoing',
              remoteUri: event.target,
              interactionId: `${this.interaction.getSnapshot().id}-transfer`,
              attributes: { referredBy: this.remoteUri },
            });
            call.setLocalStream(options.mediaStream);
            call.attach(next);
            this.ctx.adopt(call);
          },
          () => event.reject(),
        );
        break;
      case 'refer-progress':
        this.interaction.note('transfer-progress', {
          status: event.status,
          ...(event.statusCode ? { statusCode: event.statusCode } : {}),
        });
        this.emit({ type: 'transfer-progress', status: event.status });
        if (
          event.status === 'succeeded' &&
          (this.status === 'connected' || this.status === 'held')
        ) {
          this.interaction.apply('transfer', 'call-transferred');
          this.session?.terminate();
        }
        break;
      case 'replaced':
        this.interaction.note('call-replaced');
        break;
      case 'peer-connection':
        this.ctx.peerConnection(event.connection);
        this.watchIce(event.connection);
        break;
      case 'renegotiated':
        this.interaction.note('ice-restart', { ok: event.ok });
        this.emit({ type: 'ice-restart', ok: event.ok });
        break;
      case 'ended': {
        let error: PhoneError | undefined;
        if (event.beforeAnswer && event.originator !== 'local') {
          const code = event.statusCode;
          const unavailable = code === 404 || code === 480 || code === 410;
          error = new PhoneError(
            unavailable ? 'SIP_CALLEE_UNAVAILABLE' : 'SIP_CALL_REJECTED',
            `call failed: ${event.cause}${code ? ` (${code})` : ''}`,
            {
              statusCode: code,
              retryable: code === 486 || code === 480 || code === 503 || code === 408,
              hint: unavailable
                ? 'The person you called is not reachable now.'
                : 'The call was not accepted.',
            },
          );
          if (this.direction === 'incoming') error = undefined;
        }
        this.finish({
          originator: event.originator,
          cause: event.cause,
          statusCode: event.statusCode,
          error,
        });
        break;
      }
    }
  }

  private startQuality(): void {
    const q = this.ctx.quality;
    if (q === false || this.monitor || !this.session?.connection) return;
    const monitor = new QualityMonitor(() => this.session?.connection, {
      clock: this.ctx.clock,
      intervalMs: q.intervalMs,
      ...(q.thresholds ? { thresholds: q.thresholds } : {}),
    });
    monitor.onEvent((e) => {
      if (e.type === 'sample') {
        this.changed();
        return;
      }
      const active = e.type === 'warning';
      if (active) this.warnings.add(e.kind);
      else this.warnings.delete(e.kind);
      this.interaction.note(active ? 'quality-warning' : 'quality-recovered', {
        kind: e.kind,
        mos: e.sample.mos,
      });
      this.emit({ type: 'quality-warning', kind: e.kind, active, sample: e.sample });
      this.changed();
    });
    this.monitor = monitor;
    monitor.start();
  }

  private watchIce(pc: RTCPeerConnection): void {
    pc.addEventListener('iceconnectionstatechange', () => {
      const state = pc.iceConnectionState;
      if (state === 'failed') {
        this.restartIceWhenSignallingUp();
      } else if (state === 'disconnected') {
        if (this.iceTimer === undefined) {
          this.iceTimer = this.ctx.clock.setTimeout(() => {
            this.iceTimer = undefined;
            if (pc.iceConnectionState === 'disconnected' || pc.iceConnectionState === 'failed')
              this.restartIceWhenSignallingUp();
          }, this.ctx.iceRestartDelayMs);
        }
      } else if (this.iceTimer !== undefined) {
        this.ctx.clock.clearTimeout(this.iceTimer);
        this.iceTimer = undefined;
      }
    });
  }

  private restartIceWhenSignallingUp(): void {
    if (this.ctx.isTransportUp()) this.restartIce();
  }

  private readHeaders(): void {
    const names = ['X-Switchboard-Interaction', 'X-Customer-Id', 'X-Queue'];
    for (const name of names) {
      const value = this.session?.header(name);
      if (value !== undefined) this.headers[name] = value;
    }
  }

  /** @internal Incoming calls read their headers at once. */
  readIncomingHeaders(extra: readonly string[]): void {
    for (const name of ['X-Switchboard-Interaction', 'X-Customer-Id', 'X-Queue', ...extra]) {
      const value = this.session?.header(name);
      if (value !== undefined) this.headers[name] = value;
    }
    if (Object.keys(this.headers).length > 0) this.interaction.setAttributes({ ...this.headers });
    this.changed();
  }

  private finish(reason: CallEndReason): void {
    if (this.status === 'ended') return;
    this.clearGrace();
    if (this.iceTimer !== undefined) this.ctx.clock.clearTimeout(this.iceTimer);
    this.endedAt = this.ctx.clock.now();
    this.endReason = reason;
    const ix = this.interaction;
    const detail = {
      originator: reason.originator,
      cause: reason.cause,
      ...(reason.statusCode ? { statusCode: reason.statusCode } : {}),
    };
    if (ix.can('end')) {
      ix.apply('end', 'call-ended', { detail });
      if (this.ctx.wrapUp === 'auto') ix.apply('complete', 'wrap-up-completed');
    } else if (ix.can('abandon')) {
      ix.apply('abandon', this.direction === 'incoming' ? 'call-missed' : 'call-not-answered', {
        detail,
      });
    } else {
      ix.note('call-ended', detail);
    }
    this.transition('end');
    this.ctx.releaseMedia(this);
  }

  private clearGrace(): void {
    if (this.graceTimer !== undefined) this.ctx.clock.clearTimeout(this.graceTimer);
    this.graceTimer = undefined;
  }

  private transition(event: CallTransition): void {
    const previous = this.status;
    this.status = callMachine.transition(this.status, event, this.id);
    if (this.status === 'connected') this.startQuality();
    if (this.status === 'ended') this.monitor?.stop();
    this.changed();
    this.emit({ type: 'status-changed', status: this.status, previous });
  }

  private emit(event: CallEvent): void {
    for (const listener of [...this.eventListeners]) listener(event);
  }

  private changed(): void {
    this.snapshot = undefined;
    const snap = this.getSnapshot();
    for (const listener of [...this.listeners]) listener(snap);
  }
}

function toPhoneError(error: unknown): PhoneError {
  if (error instanceof PhoneError) return error;
  return new PhoneError('SIP_DEVICE_UNAVAILABLE', `cannot get the microphone: ${String(error)}`, {
    cause: error,
    hint: 'Allow microphone access and check that a microphone is connected.',
  });
}
