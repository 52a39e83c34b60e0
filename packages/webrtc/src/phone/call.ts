import type { CallControl } from './phone-control.js';
import { DisposedError, Subscriptions } from '@switchboard/core/shared';
import type {
  Disposable,
  Listener,
  Subscribable,
  TimerHandle,
  Unsubscribe,
} from '@switchboard/core/shared';
import { InteractionTracker } from '@switchboard/core/interactions';
import type { InteractionSnapshot } from '@switchboard/core/interactions';
import { callCommandMachine, callMachine, type CallCommand } from './call-machine.js';
import type { CallStatus, CallTransition } from './call-machine.js';
import { PhoneError } from './phone-error.js';
import { CallMedia } from './call-media.js';
import { causeOf, endReasonOf, microphoneError } from './call-end.js';
import type {
  CallContext,
  CallEndReason,
  CallEvent,
  CallSnapshot,
  IceState,
} from './call-types.js';
import type { DtmfTransport, SipSession, SipSessionEvent } from './sip-transport.js';
import { EventListeners } from '../shared/event-listeners.js';

export type { CallEndReason, CallEvent, CallSnapshot } from './call-types.js';

const READ_HEADERS = ['X-Switchboard-Interaction', 'X-Customer-Id', 'X-Queue'];

/**
 * One call (one line) of a {@link Phone}, bound to a core interaction: every call moves an
 * `InteractionTracker` (from `@switchboard/core/interactions`) along the interaction lifecycle, so widgets and KPIs see calls with no
 * extra glue.
 *
 * A `Call` exists from the moment `phone.call()` returns, before the microphone is granted and the
 * SIP session exists: subscribe at once and no event is missed.
 *
 * @example
 * ```ts
 * const call = phone.call('sip:bob@example.com');
 * call.onEvent((e) => {
 *   if (e.type === 'ringing') showRinging();
 *   if (e.type === 'failed') showFailure(e.statusCode, e.error?.hint);
 *   if (e.type === 'ended') showEnded(e.originator);
 * });
 * call.subscribe((s) => s.iceState, (ice) => console.log(ice)); // only when the ICE state changes
 * await call.when('connected');
 * call.sendDtmf('1#');
 * call.hangup();
 * ```
 */
export class Call implements CallControl, Subscribable<CallSnapshot>, Disposable {
  readonly id: string;
  readonly direction: 'outgoing' | 'incoming';
  /** The core interaction of this call. */
  readonly interaction: InteractionTracker;
  private status: CallStatus;
  private session: SipSession | undefined;
  private snapshot: CallSnapshot | undefined;
  private readonly subscriptions = new Subscriptions<CallSnapshot>(() => this.getSnapshot());
  private readonly events = new EventListeners<CallEvent>();
  private readonly media: CallMedia;
  private muted = false;
  private remoteHold = false;
  private headers: Record<string, string> = {};
  private dtmfSent = '';
  private dtmfReceived = '';
  private progressCode: number | undefined;
  private readonly startedAt: number;
  private connectedAt: number | undefined;
  private endedAt: number | undefined;
  private endReason: CallEndReason | undefined;
  private graceTimer: TimerHandle | undefined;
  private readonly remoteUri: string;
  private readonly dialledName: string | undefined;
  private stream: MediaStream | undefined;
  private pendingHangup = false;
  private wasHeldBeforeReconnect = false;
  private disposed = false;

  /** Calls are made by `Phone`, never constructed directly. @internal */
  constructor(
    private readonly ctx: CallContext,
    init: {
      id: string;
      direction: 'outgoing' | 'incoming';
      remoteUri: string;
      interactionId: string;
      displayName?: string;
      attributes?: Record<string, string>;
    },
  ) {
    this.id = init.id;
    this.direction = init.direction;
    this.remoteUri = init.remoteUri;
    this.dialledName = init.displayName;
    this.status = init.direction === 'outgoing' ? 'dialing' : 'ringing';
    this.startedAt = ctx.clock.now();
    this.media = new CallMedia(ctx, {
      changed: () => this.changed(),
      emit: (event) => this.emit(event),
      note: (type, detail) => this.interaction.note(type, detail),
      iceLost: () => {
        if (this.ctx.isTransportUp()) this.restartIce();
      },
    });
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

  /** The SIP session, once there is one (after the microphone is granted, for outgoing calls). */
  get sipSession(): SipSession | undefined {
    return this.session;
  }

  /** The peer connection carrying this call's media, once there is one. */
  get peerConnection(): RTCPeerConnection | undefined {
    return this.media.connection;
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
      remoteDisplayName: this.session?.remoteDisplayName ?? this.dialledName,
      interactionId: this.interaction.getSnapshot().id,
      muted: this.muted,
      remoteHold: this.remoteHold,
      headers: { ...this.headers },
      dtmfSent: this.dtmfSent,
      dtmfReceived: this.dtmfReceived,
      progressCode: this.progressCode,
      iceState: this.media.iceState,
      startedAt: this.startedAt,
      connectedAt: this.connectedAt,
      endedAt: this.endedAt,
      endReason: this.endReason,
      quality: this.media.latest,
      qualityWarnings: this.media.warnings,
    };
    return this.snapshot;
  }

  /** The core interaction's snapshot (status and the whole timeline). */
  getInteraction(): InteractionSnapshot {
    return this.interaction.getSnapshot();
  }

  /** ICE state of the media path; `undefined` until the peer connection exists. */
  get iceState(): IceState | undefined {
    return this.media.iceState;
  }

  /**
   * WebRTC statistics of the call (`RTCPeerConnection.getStats()`): inbound/outbound RTP, candidate
   * pairs, codecs. Rejects with `SIP_NOT_READY` before the peer connection exists.
   */
  getStats(): Promise<RTCStatsReport> {
    return this.media.getStats();
  }

  /**
   * Calls `listener` with the snapshot after each batch of changes (once per microtask), or with
   * `selector(snapshot)` only when that slice changed (`isEqual`, default `Object.is`). Returns the
   * unsubscribe function. For every individual event (each DTMF tone, each status), use
   * {@link Call.onEvent}.
   */
  readonly subscribe: Subscribable<CallSnapshot>['subscribe'] = this.subscriptions.subscribe;

  /**
   * Listens to call events: `ringing`, `progress`, `failed` or `ended` (with originator and SIP
   * status), status and ICE state changes, DTMF as each tone is played or received, transfer
   * progress, ICE restarts and quality warnings.
   */
  onEvent(listener: Listener<CallEvent>): Unsubscribe {
    return this.events.add(listener);
  }

  /** @internal Lets `using` release it: the same as `dispose()`. */
  [Symbol.dispose](): void {
    this.dispose();
  }

  /**
   * Ends the call if it is still up (a local hang-up, with its `failed`/`ended` event), stops its
   * timers and quality sampling, and drops every listener. Idempotent; afterwards commands throw
   * `DisposedError`. The phone disposes its calls when it is disposed.
   */
  dispose(): void {
    if (this.disposed) return;
    if (this.status !== 'ended') this.hangup();
    this.disposed = true;
    this.clearGrace();
    this.media.stop();
    this.subscriptions.dispose();
    this.events.clear();
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
    this.alive('answer');
    this.transition('answer');
    void this.ctx.callOptions(extraHeaders).then(
      (options) => {
        if (this.status === 'ended') return;
        this.stream = options.mediaStream;
        this.session?.answer(options);
      },
      (error: unknown) => this.fail(microphoneError(error), 'local'),
    );
  }

  /** Rejects a ringing incoming call (486 Busy Here by default). */
  reject(statusCode = 486): void {
    this.alive('reject');
    this.require('reject');
    this.interaction.apply('reject', 'call-rejected', { detail: { statusCode } });
    this.session?.terminate({ statusCode });
  }

  /** Hangs up (or cancels an unanswered outgoing call). */
  hangup(): void {
    this.alive('hangup');
    if (this.status === 'ended') return;
    if (!this.session) {
      this.pendingHangup = true;
      this.finish({
        originator: 'local',
        cause: 'Canceled',
        statusCode: undefined,
        beforeAnswer: true,
        error: undefined,
      });
      return;
    }
    this.session.terminate();
  }

  hold(): void {
    this.alive('hold');
    this.require('hold');
    this.session?.hold();
  }

  unhold(): void {
    this.alive('unhold');
    this.require('unhold');
    this.session?.unhold();
  }

  /** Mutes or unmutes the microphone (the track is disabled, the call keeps its media path). */
  setMuted(muted: boolean): void {
    this.alive('setMuted');
    if (this.muted === muted) return;
    this.muted = muted;
    for (const track of this.stream?.getAudioTracks() ?? []) track.enabled = !muted;
    this.interaction.note(muted ? 'call-muted' : 'call-unmuted');
    this.changed();
  }

  /**
   * Sends DTMF digits (`0-9 * # A-D`, `,` for a pause), by RFC 4733 or SIP INFO (default: the
   * phone's setting; INFO on a call that sends no audio). A `dtmf` event (originator `local`) fires
   * as each tone is played, not when this returns.
   */
  sendDtmf(
    tones: string,
    transport: DtmfTransport = this.stream ? this.ctx.dtmfTransport : 'info',
  ): void {
    this.alive('sendDtmf');
    if (!/^[0-9A-D#*,]+$/i.test(tones)) {
      throw new PhoneError(
        'SIP_INVALID_TARGET',
        `invalid DTMF ${JSON.stringify(tones)}: use 0-9, *, #, A-D`,
        { hint: 'Use the keypad digits only.' },
      );
    }
    this.require('send-dtmf');
    this.session?.sendDtmf(tones.toUpperCase(), transport);
  }

  /** Blind transfer: asks the other party to call `targetUri` (REFER). */
  transfer(targetUri: string): void {
    this.alive('transfer');
    this.require('transfer');
    this.interaction.note('transfer-requested', { target: targetUri, kind: 'blind' });
    this.session?.refer(targetUri);
  }

  /** Attended transfer: connects the other party of this call with the other party of `consultation`. */
  attendedTransfer(consultation: Call): void {
    this.alive('attendedTransfer');
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
    this.alive('restartIce');
    if (!this.session || (this.status !== 'connected' && this.status !== 'held')) return;
    this.interaction.note('ice-restart-requested');
    this.session.renegotiate({ iceRestart: true });
  }

  /** Completes after-call work: the interaction moves from wrap-up to completed. */
  completeWrapUp(disposition?: string): void {
    this.alive('completeWrapUp');
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
    if (this.status !== 'connected' && this.status !== 'held') return;
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
      this.fail(error, 'system');
    }, this.ctx.reconnectGraceMs);
  }

  /** @internal The phone is connected and registered again. */
  transportRecovered(): void {
    if (this.status !== 'reconnecting') return;
    this.clearGrace();
    this.transition(this.wasHeldBeforeReconnect ? 'recovered-held' : 'recovered');
    this.interaction.note('call-recovered');
    const state = this.media.iceState;
    if (state === 'disconnected' || state === 'failed') this.restartIce();
  }

  /**
   * @internal Ends the call locally with a typed error (no microphone, signalling lost). The end
   * cause is a SIP-level label for the error's code; the error itself is on the end reason.
   */
  fail(error: PhoneError, originator: 'local' | 'system'): void {
    this.finish({
      originator,
      cause: causeOf(error.code),
      statusCode: error.statusCode,
      beforeAnswer: this.connectedAt === undefined,
      error,
    });
    this.session?.terminate();
  }

  /** @internal Incoming calls read their headers at once. */
  readIncomingHeaders(extra: readonly string[]): void {
    this.readHeaders(extra);
    if (Object.keys(this.headers).length > 0) this.interaction.setAttributes({ ...this.headers });
    this.changed();
  }

  private onSessionEvent(event: SipSessionEvent): void {
    switch (event.type) {
      case 'progress':
        this.onProgress(event);
        break;
      case 'accepted':
        this.readHeaders([]);
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
      case 'unhold':
        this.onHold(event.type, event.originator);
        break;
      case 'dtmf':
        if (event.originator === 'remote') this.dtmfReceived += event.tone;
        else this.dtmfSent += event.tone;
        this.interaction.note(event.originator === 'remote' ? 'dtmf-received' : 'dtmf-sent', {
          tone: event.tone,
          transport: event.transport,
        });
        this.changed();
        this.emit({
          type: 'dtmf',
          tone: event.tone,
          originator: event.originator === 'remote' ? 'remote' : 'local',
        });
        break;
      case 'refer-requested':
        this.onReferRequested(event);
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
        this.media.attach(event.connection);
        break;
      case 'renegotiated':
        this.interaction.note('ice-restart', { ok: event.ok });
        this.emit({ type: 'ice-restart', ok: event.ok });
        break;
      case 'ended': {
        const reason = endReasonOf(event, this.direction);
        this.finish({
          ...reason,
          beforeAnswer: reason.beforeAnswer && this.connectedAt === undefined,
        });
        break;
      }
    }
  }

  private onProgress(event: Extract<SipSessionEvent, { type: 'progress' }>): void {
    const originator = event.originator === 'local' ? 'local' : 'remote';
    this.progressCode = event.statusCode;
    if (event.earlyMedia && this.status === 'dialing') {
      this.transition('early-media');
      this.interaction.note('call-early-media', { statusCode: event.statusCode });
    } else {
      // an incoming call's own 180 is already on the timeline as call-ringing
      if (originator === 'remote')
        this.interaction.note('call-progress', { statusCode: event.statusCode });
      this.changed();
    }
    if (event.statusCode === 180)
      this.emit({ type: 'ringing', originator, statusCode: event.statusCode });
    else
      this.emit({
        type: 'progress',
        originator,
        statusCode: event.statusCode,
        earlyMedia: event.earlyMedia,
      });
  }

  private onHold(kind: 'hold' | 'unhold', originator: string): void {
    const local = originator === 'local';
    if (kind === 'hold' && local && this.status === 'connected') {
      this.transition('hold');
      this.interaction.apply('hold', 'call-held');
    } else if (kind === 'unhold' && local && this.status === 'held') {
      this.transition('unhold');
      this.interaction.apply('resume', 'call-resumed');
    } else if (originator === 'remote') {
      this.remoteHold = kind === 'hold';
      this.interaction.note(kind === 'hold' ? 'call-held-by-remote' : 'call-resumed-by-remote');
      this.changed();
    }
  }

  private onReferRequested(event: Extract<SipSessionEvent, { type: 'refer-requested' }>): void {
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
  }

  private readHeaders(extra: readonly string[]): void {
    for (const name of [...READ_HEADERS, ...extra]) {
      const value = this.session?.header(name);
      if (value !== undefined) this.headers[name] = value;
    }
  }

  private finish(reason: CallEndReason): void {
    if (this.status === 'ended') return;
    this.clearGrace();
    this.media.stop();
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
    this.emit({ type: reason.beforeAnswer ? 'failed' : 'ended', ...reason });
    this.ctx.releaseMedia(this);
  }

  private clearGrace(): void {
    if (this.graceTimer !== undefined) this.ctx.clock.clearTimeout(this.graceTimer);
    this.graceTimer = undefined;
  }

  private alive(command: string): void {
    if (this.disposed) throw new DisposedError('Call', command);
  }

  private require(command: CallCommand): void {
    callCommandMachine.transition(this.status, command, this.id);
  }

  private transition(event: CallTransition): void {
    const previous = this.status;
    this.status = callMachine.transition(this.status, event, this.id);
    if (this.status === 'connected') this.media.startQuality();
    this.changed();
    this.emit({ type: 'status-changed', status: this.status, previous });
  }

  private emit(event: CallEvent): void {
    this.events.emit(event);
  }

  private changed(): void {
    this.snapshot = undefined;
    this.subscriptions.notify();
    this.ctx.callChanged(this);
  }
}
