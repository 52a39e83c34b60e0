import { DisposedError, systemClock } from '@switchboard/core/shared';
import type {
  Clock,
  Disposable,
  Listener,
  TimerHandle,
  Unsubscribe,
} from '@switchboard/core/shared';
import { EventListeners } from '../shared/event-listeners.js';
import { qualityBetween, readAudioStats } from './quality-sample.js';
import type { AudioStatsSnapshot, QualitySample } from './quality-sample.js';

/** Thresholds above (or below, for MOS) which a warning is raised. */
export interface QualityThresholds {
  readonly rttMs: number;
  readonly jitterMs: number;
  readonly packetLossPct: number;
  readonly mos: number;
}

/** Kinds of quality warnings. */
export type QualityWarningKind =
  'high-rtt' | 'high-jitter' | 'high-packet-loss' | 'low-mos' | 'no-inbound-audio';

/** Events of a {@link QualityMonitor}. */
export type QualityEvent =
  | { readonly type: 'sample'; readonly sample: QualitySample }
  | { readonly type: 'warning'; readonly kind: QualityWarningKind; readonly sample: QualitySample }
  | {
      readonly type: 'warning-cleared';
      readonly kind: QualityWarningKind;
      readonly sample: QualitySample;
    };

/** Anything with `getStats()`, such as an `RTCPeerConnection`. */
export interface StatsSource {
  getStats(): Promise<unknown>;
}

/** Default thresholds (common SDK values). */
export const DEFAULT_QUALITY_THRESHOLDS: QualityThresholds = {
  rttMs: 400,
  jitterMs: 30,
  packetLossPct: 3,
  mos: 3.5,
};

/**
 * Samples a call's `getStats()` every `intervalMs` and reports RTT, jitter, loss, bitrate and a MOS
 * estimate, with warnings raised and cleared as thresholds are crossed.
 *
 * @example
 * ```ts
 * const monitor = new QualityMonitor(() => call.peerConnection);
 * monitor.onEvent((e) => e.type === 'warning' && toast(e.kind));
 * monitor.start();
 * ```
 */
export class QualityMonitor implements Disposable {
  private timer: TimerHandle | undefined;
  private previous: AudioStatsSnapshot | undefined;
  private readonly active = new Set<QualityWarningKind>();
  private readonly events = new EventListeners<QualityEvent>();
  private disposed = false;
  private readonly clock: Clock;
  private readonly thresholds: QualityThresholds;
  private last: QualitySample | undefined;

  constructor(
    private readonly connection: () => StatsSource | undefined,
    private readonly options: {
      clock?: Clock;
      intervalMs?: number;
      thresholds?: Partial<QualityThresholds>;
    } = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.thresholds = { ...DEFAULT_QUALITY_THRESHOLDS, ...(options.thresholds ?? {}) };
  }

  /** The latest sample. */
  get latest(): QualitySample | undefined {
    return this.last;
  }

  onEvent(listener: Listener<QualityEvent>): Unsubscribe {
    return this.events.add(listener);
  }

  /** @internal Lets `using` release it: the same as `dispose()`. */
  [Symbol.dispose](): void {
    this.dispose();
  }

  /** Stops sampling and drops every listener. Idempotent; afterwards `start` and `sampleNow` throw `DisposedError`. */
  dispose(): void {
    if (this.disposed) return;
    this.stop();
    this.disposed = true;
    this.events.clear();
  }

  start(): void {
    if (this.disposed) throw new DisposedError('QualityMonitor', 'start');
    if (this.timer !== undefined) return;
    const loop = () => {
      this.timer = this.clock.setTimeout(() => {
        void this.sampleNow().finally(() => {
          if (this.timer !== undefined) loop();
        });
      }, this.options.intervalMs ?? 2000);
    };
    loop();
  }

  stop(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Takes one sample now (the first call only records a baseline). */
  async sampleNow(): Promise<QualitySample | undefined> {
    if (this.disposed) throw new DisposedError('QualityMonitor', 'sampleNow');
    const pc = this.connection();
    if (!pc) return undefined;
    const report = await pc.getStats();
    const current = readAudioStats(
      report as Parameters<typeof readAudioStats>[0],
      this.clock.now(),
    );
    const previous = this.previous;
    this.previous = current;
    if (!previous) return undefined;
    const sample = qualityBetween(previous, current);
    this.last = sample;
    this.emit({ type: 'sample', sample });
    this.judge(sample);
    return sample;
  }

  private judge(sample: QualitySample): void {
    const t = this.thresholds;
    const checks: [QualityWarningKind, boolean][] = [
      ['high-rtt', sample.rttMs > t.rttMs],
      ['high-jitter', sample.jitterMs > t.jitterMs],
      ['high-packet-loss', sample.packetLossPct > t.packetLossPct],
      ['low-mos', sample.mos < t.mos],
      ['no-inbound-audio', sample.packetsReceived === 0],
    ];
    for (const [kind, bad] of checks) {
      if (bad && !this.active.has(kind)) {
        this.active.add(kind);
        this.emit({ type: 'warning', kind, sample });
      } else if (!bad && this.active.has(kind)) {
        this.active.delete(kind);
        this.emit({ type: 'warning-cleared', kind, sample });
      }
    }
  }

  private emit(event: QualityEvent): void {
    this.events.emit(event);
  }
}
