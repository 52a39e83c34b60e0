import { DisposedError, Subscriptions, systemClock } from '@switchboard/core/shared';
import type {
  Clock,
  Disposable,
  Subscribable,
  TimerHandle,
  Unsubscribe,
} from '@switchboard/core/shared';
import type { Phone } from '../phone/phone.js';

/** State of a {@link Ringer}. `blocked`: autoplay refused; show a visible fallback. */
export type RingerStatus = 'idle' | 'ringing' | 'blocked';

/** A read-only view of a ringer. */
export interface RingerSnapshot {
  readonly status: RingerStatus;
  /** Whether a user gesture has unlocked audio. */
  readonly armed: boolean;
  readonly volume: number;
  /** Whether a system notification was shown for the current ring. */
  readonly notified: boolean;
}

/** The part of the Web Audio API the ringer uses. */
export interface RingerAudioContext {
  readonly state: string;
  readonly currentTime: number;
  resume(): Promise<void>;
  createOscillator(): OscillatorNode;
  createGain(): GainNode;
  createMediaStreamDestination?(): MediaStreamAudioDestinationNode;
  readonly destination: AudioNode;
  /** Releases the audio device (called on dispose, where the context has it). */
  close?(): Promise<void>;
}

/** Options of {@link Ringer}. */
export interface RingerOptions {
  /** 0..1. Default 0.7. */
  readonly volume?: number;
  /** Tone on/off cadence. Default 2000 ms on, 4000 ms off. */
  readonly cadence?: { readonly onMs: number; readonly offMs: number };
  /** Dual-tone frequencies (Hz). Default North-American ring, 440 + 480. */
  readonly frequencies?: readonly number[];
  /** Plays through this element (so its output device can be chosen, e.g. with `DeviceManager.attachOutput(el, 'ringer')`). */
  readonly output?: HTMLMediaElement;
  /** Shows a system notification when the page is hidden. Default true. */
  readonly notifyWhenHidden?: boolean;
  readonly createAudioContext?: () => RingerAudioContext;
  readonly clock?: Clock;
}

/**
 * Incoming-call ringtone that survives autoplay rules: {@link Ringer.arm} unlocks audio on the first
 * user gesture; when audio is still refused the ringer reports `blocked` so the UI shows a visible
 * fallback; when the tab is hidden it shows a system Notification. It plays a synthesised dual tone
 * (no audio file) at its own volume, on its own output device when given an output element.
 *
 * @example
 * ```ts
 * const ringer = new Ringer({ output: devices.attachOutput(new Audio(), 'ringer') });
 * ringer.arm(document);
 * bindRinger(phone, ringer);
 * ```
 */
export class Ringer implements Subscribable<RingerSnapshot>, Disposable {
  private status: RingerStatus = 'idle';
  private armed = false;
  private volume: number;
  private notified = false;
  private context: RingerAudioContext | undefined;
  private gain: GainNode | undefined;
  private oscillators: OscillatorNode[] = [];
  private cadenceTimer: TimerHandle | undefined;
  private notification: { close(): void } | undefined;
  private readonly subscriptions = new Subscriptions<RingerSnapshot>(() => this.getSnapshot());
  private snapshot: RingerSnapshot | undefined;
  private readonly disarms = new Set<Unsubscribe>();
  private disposed = false;
  private readonly clock: Clock;

  constructor(private readonly options: RingerOptions = {}) {
    this.volume = clamp(options.volume ?? 0.7);
    this.clock = options.clock ?? systemClock;
  }

  getSnapshot(): RingerSnapshot {
    this.snapshot ??= {
      status: this.status,
      armed: this.armed,
      volume: this.volume,
      notified: this.notified,
    };
    return this.snapshot;
  }

  /** Snapshot subscriptions, batched per microtask, optionally through a selector. */
  readonly subscribe: Subscribable<RingerSnapshot>['subscribe'] = this.subscriptions.subscribe;

  /** @internal Lets `using` release it: the same as `dispose()`. */
  [Symbol.dispose](): void {
    this.dispose();
  }

  /**
   * Stops ringing, removes the gesture listeners of {@link Ringer.arm}, closes its audio context and
   * drops every listener. Idempotent; afterwards `start`, `unlock`, `arm` and `setVolume` throw
   * `DisposedError` (`stop` stays a harmless no-op, so a binding that outlives it does no harm).
   */
  dispose(): void {
    if (this.disposed) return;
    this.stop();
    this.disposed = true;
    for (const disarm of [...this.disarms]) disarm();
    void this.context?.close?.().catch(() => undefined);
    this.context = undefined;
    this.subscriptions.dispose();
  }

  /** Unlocks audio on the first pointer or key gesture on `target`. */
  arm(target: EventTarget): Unsubscribe {
    this.alive('arm');
    const onGesture = () => {
      off();
      if (!this.disposed) void this.unlock();
    };
    const off = () => {
      this.disarms.delete(off);
      target.removeEventListener('pointerdown', onGesture);
      target.removeEventListener('keydown', onGesture);
    };
    this.disarms.add(off);
    target.addEventListener('pointerdown', onGesture);
    target.addEventListener('keydown', onGesture);
    return off;
  }

  /** Unlocks audio now (call it from a user-gesture handler). */
  async unlock(): Promise<boolean> {
    this.alive('unlock');
    const ctx = this.audio();
    if (!ctx) return false;
    try {
      await ctx.resume();
    } catch {
      // still locked
    }
    if (this.disposed) return false;
    this.armed = ctx.state === 'running';
    if (this.armed && this.status === 'blocked') this.play();
    this.changed();
    return this.armed;
  }

  setVolume(volume: number): void {
    this.alive('setVolume');
    this.volume = clamp(volume);
    if (this.gain && this.context)
      this.gain.gain.setValueAtTime(
        this.status === 'ringing' ? this.volume : 0,
        this.context.currentTime,
      );
    this.changed();
  }

  /** Starts ringing for an incoming call. */
  async start(info: { title: string; body?: string }): Promise<void> {
    this.alive('start');
    if (this.status !== 'idle') return;
    const ctx = this.audio();
    if (ctx && ctx.state !== 'running') {
      try {
        await ctx.resume();
      } catch {
        // autoplay refused
      }
    }
    if (this.disposed || this.status !== 'idle') return; // disposed or stopped-and-restarted meanwhile
    if (!ctx || ctx.state !== 'running') this.status = 'blocked';
    else this.play();
    this.notifyIfHidden(info);
    this.changed();
  }

  stop(): void {
    if (this.cadenceTimer !== undefined) this.clock.clearTimeout(this.cadenceTimer);
    this.cadenceTimer = undefined;
    for (const osc of this.oscillators) {
      try {
        osc.stop();
      } catch {
        // already stopped
      }
    }
    this.oscillators = [];
    this.gain = undefined;
    this.notification?.close();
    this.notification = undefined;
    this.notified = false;
    if (this.status !== 'idle') {
      this.status = 'idle';
      this.changed();
    }
  }

  private play(): void {
    const ctx = this.context;
    if (!ctx) return;
    this.status = 'ringing';
    const gain = ctx.createGain();
    gain.gain.setValueAtTime(this.volume, ctx.currentTime);
    const output = this.options.output;
    if (output && ctx.createMediaStreamDestination) {
      const dest = ctx.createMediaStreamDestination();
      gain.connect(dest);
      output.srcObject = dest.stream;
      void output.play().catch(() => undefined);
    } else {
      gain.connect(ctx.destination);
    }
    this.gain = gain;
    for (const frequency of this.options.frequencies ?? [440, 480]) {
      const osc = ctx.createOscillator();
      osc.frequency.value = frequency;
      osc.connect(gain);
      osc.start();
      this.oscillators.push(osc);
    }
    const cadence = this.options.cadence ?? { onMs: 2000, offMs: 4000 };
    let on = true;
    const step = () => {
      this.cadenceTimer = this.clock.setTimeout(
        () => {
          on = !on;
          if (this.gain && this.context)
            this.gain.gain.setValueAtTime(on ? this.volume : 0, this.context.currentTime);
          step();
        },
        on ? cadence.onMs : cadence.offMs,
      );
    };
    step();
  }

  private notifyIfHidden(info: { title: string; body?: string }): void {
    if (this.options.notifyWhenHidden === false) return;
    const g = globalThis as {
      document?: Document;
      Notification?: {
        permission: string;
        new (title: string, options?: object): { close(): void };
      };
    };
    if (!g.document?.hidden || !g.Notification || g.Notification.permission !== 'granted') return;
    this.notification = new g.Notification(info.title, {
      body: info.body ?? '',
      tag: 'switchboard-incoming-call',
      requireInteraction: true,
    });
    this.notified = true;
  }

  private audio(): RingerAudioContext | undefined {
    if (this.context) return this.context;
    const create =
      this.options.createAudioContext ??
      (() => {
        const Ctor = (globalThis as { AudioContext?: new () => RingerAudioContext }).AudioContext;
        return Ctor ? new Ctor() : undefined;
      });
    this.context = create() ?? undefined;
    return this.context;
  }

  private alive(command: string): void {
    if (this.disposed) throw new DisposedError('Ringer', command);
  }

  private changed(): void {
    this.snapshot = undefined;
    this.subscriptions.notify();
  }
}

/** Rings while any call of `phone` is ringing. Returns the unsubscribe function. */
export function bindRinger(phone: Phone, ringer: Ringer): Unsubscribe {
  return phone.subscribe((snap) => {
    const ringing = snap.calls.find((c) => c.status === 'ringing');
    if (ringing)
      void ringer.start({
        title: 'Incoming call',
        body: ringing.remoteDisplayName ?? ringing.remoteUri,
      });
    else ringer.stop();
  });
}

function clamp(v: number): number {
  return Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0));
}
