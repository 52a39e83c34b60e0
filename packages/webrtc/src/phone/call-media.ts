import type { TimerHandle } from '@switchboard/core/shared';
import { QualityMonitor } from '../quality/quality-monitor.js';
import type { QualityWarningKind } from '../quality/quality-monitor.js';
import type { QualitySample } from '../quality/quality-sample.js';
import { PhoneError } from './phone-error.js';
import type { CallContext, CallEvent, IceState } from './call-types.js';

/** What {@link CallMedia} reports to its call. @internal */
export interface CallMediaHooks {
  /** Something the snapshot shows changed. */
  changed(): void;
  emit(event: CallEvent): void;
  note(type: string, detail?: Record<string, string | number | boolean>): void;
  /** ICE stayed `disconnected` (or `failed`): restart it if signalling is up. */
  iceLost(): void;
}

/**
 * The media side of one call: its peer connection, ICE state (with the delayed ICE restart when
 * the path stays down), live quality sampling and `getStats()`.
 *
 * @internal
 */
export class CallMedia {
  private pc: RTCPeerConnection | undefined;
  private ice: IceState | undefined;
  private iceTimer: TimerHandle | undefined;
  private monitor: QualityMonitor | undefined;
  private readonly active = new Set<QualityWarningKind>();
  private readonly onIceChange = (): void => this.iceChanged();
  private stopped = false;

  constructor(
    private readonly ctx: CallContext,
    private readonly hooks: CallMediaHooks,
  ) {}

  /** The call's peer connection, once there is one. */
  get connection(): RTCPeerConnection | undefined {
    return this.pc;
  }

  get iceState(): IceState | undefined {
    return this.ice;
  }

  get latest(): QualitySample | undefined {
    return this.monitor?.latest;
  }

  get warnings(): readonly QualityWarningKind[] {
    return [...this.active];
  }

  /** Follows `pc` (the session created it). */
  attach(pc: RTCPeerConnection): void {
    if (this.stopped) return;
    this.pc?.removeEventListener('iceconnectionstatechange', this.onIceChange);
    this.pc = pc;
    pc.addEventListener('iceconnectionstatechange', this.onIceChange);
    this.iceChanged();
  }

  /** Starts sampling quality, once the call is connected. */
  startQuality(): void {
    const q = this.ctx.quality;
    if (q === false || this.monitor || !this.pc || this.stopped) return;
    const monitor = new QualityMonitor(() => this.pc, {
      clock: this.ctx.clock,
      intervalMs: q.intervalMs,
      ...(q.thresholds ? { thresholds: q.thresholds } : {}),
    });
    monitor.onEvent((e) => {
      if (e.type === 'sample') {
        this.hooks.changed();
        return;
      }
      const active = e.type === 'warning';
      if (active) this.active.add(e.kind);
      else this.active.delete(e.kind);
      this.hooks.note(active ? 'quality-warning' : 'quality-recovered', {
        kind: e.kind,
        mos: e.sample.mos,
      });
      this.hooks.changed();
      this.hooks.emit({ type: 'quality-warning', kind: e.kind, active, sample: e.sample });
    });
    this.monitor = monitor;
    monitor.start();
  }

  /**
   * WebRTC statistics of the call's peer connection.
   *
   * @throws PhoneError `SIP_NOT_READY` (as a rejection) before the peer connection exists.
   */
  async getStats(): Promise<RTCStatsReport> {
    const pc = this.pc;
    if (!pc) {
      throw new PhoneError('SIP_NOT_READY', 'this call has no peer connection yet', {
        hint: 'Statistics exist once the call has media.',
      });
    }
    return pc.getStats();
  }

  /** The call ended: no more timers, sampling or listeners. */
  stop(): void {
    this.stopped = true;
    this.clearIceTimer();
    this.monitor?.stop();
    this.pc?.removeEventListener('iceconnectionstatechange', this.onIceChange);
  }

  private iceChanged(): void {
    const pc = this.pc;
    if (!pc) return;
    const state = pc.iceConnectionState as IceState;
    if (state !== this.ice) {
      const previous = this.ice;
      this.ice = state;
      this.hooks.changed();
      this.hooks.emit({ type: 'ice-state-changed', state, previous });
    }
    if (state === 'failed') {
      this.clearIceTimer();
      this.hooks.iceLost();
    } else if (state === 'disconnected') {
      this.iceTimer ??= this.ctx.clock.setTimeout(() => {
        this.iceTimer = undefined;
        if (pc.iceConnectionState === 'disconnected' || pc.iceConnectionState === 'failed')
          this.hooks.iceLost();
      }, this.ctx.iceRestartDelayMs);
    } else {
      this.clearIceTimer();
    }
  }

  private clearIceTimer(): void {
    if (this.iceTimer !== undefined) this.ctx.clock.clearTimeout(this.iceTimer);
    this.iceTimer = undefined;
  }
}
