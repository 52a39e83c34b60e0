import { DisposedError, Subscriptions } from '@switchboard/core/shared';
import type { Disposable, Listener, Subscribable, Unsubscribe } from '@switchboard/core/shared';
import { PhoneError } from '../phone/phone-error.js';
import type { MediaSource } from '../phone/phone.js';
import { EventListeners } from '../shared/event-listeners.js';

/** One audio device. */
export interface AudioDevice {
  readonly deviceId: string;
  readonly label: string;
  readonly kind: 'audioinput' | 'audiooutput';
}

/** A read-only view of the devices and the choices. */
export interface DeviceSnapshot {
  readonly microphones: readonly AudioDevice[];
  readonly speakers: readonly AudioDevice[];
  /** `undefined` = the system default. */
  readonly microphoneId: string | undefined;
  readonly speakerId: string | undefined;
  readonly ringerId: string | undefined;
  /** Whether this browser can route audio to a chosen output (`setSinkId`). */
  readonly canChooseOutput: boolean;
}

/** Events of a {@link DeviceManager}. */
export type DeviceEvent =
  | { readonly type: 'devices-changed'; readonly snapshot: DeviceSnapshot }
  | {
      readonly type: 'device-lost';
      readonly kind: 'microphone' | 'speaker' | 'ringer';
      readonly deviceId: string;
    }
  | { readonly type: 'microphone-switched'; readonly deviceId: string | undefined };

interface SinkElement {
  setSinkId?: (id: string) => Promise<void>;
}

/** Options of {@link DeviceManager}. */
export interface DeviceManagerOptions {
  /** Default: `navigator.mediaDevices`, read when first needed (never at import). */
  readonly mediaDevices?: MediaDevices;
  /** Extra audio constraints (echo cancellation etc.). */
  readonly audioConstraints?: MediaTrackConstraints;
}

/**
 * Chooses microphone, speaker and ringer output, with or without a call. A microphone switch during
 * calls replaces the sending track on every live peer connection (`RTCRtpSender.replaceTrack`, no
 * renegotiation, so no one-way audio); a speaker switch moves every playing element
 * (`setSinkId` where supported). When the chosen device is unplugged, it falls back to the
 * system default and reports `device-lost`.
 *
 * It is the phone's {@link MediaSource}: pass it as `media` to {@link Phone}.
 *
 * @example
 * ```ts
 * const devices = new DeviceManager();
 * const phone = new Phone({ transport, media: devices });
 * await devices.refresh();
 * await devices.selectMicrophone(devices.getSnapshot().microphones[1]?.deviceId);
 * ```
 */
export class DeviceManager implements MediaSource, Subscribable<DeviceSnapshot>, Disposable {
  private microphones: AudioDevice[] = [];
  private speakers: AudioDevice[] = [];
  private microphoneId: string | undefined;
  private speakerId: string | undefined;
  private ringerId: string | undefined;
  private readonly streams = new Set<MediaStream>();
  private readonly connections = new Set<RTCPeerConnection>();
  private readonly outputs = new Set<HTMLMediaElement>();
  private readonly ringerOutputs = new Set<HTMLMediaElement>();
  private readonly subscriptions = new Subscriptions<DeviceSnapshot>(() => this.getSnapshot());
  private readonly events = new EventListeners<DeviceEvent>();
  private snapshot: DeviceSnapshot | undefined;
  /** The `devicechange` target being watched, once {@link DeviceManager.refresh} ran. */
  private watched: MediaDevices | undefined;
  private readonly onDeviceChangeEvent = (): void => void this.onDeviceChange();
  private disposed = false;

  constructor(private readonly options: DeviceManagerOptions = {}) {}

  private get devices(): MediaDevices {
    const devices =
      this.options.mediaDevices ??
      (globalThis as { navigator?: { mediaDevices?: MediaDevices } }).navigator?.mediaDevices;
    if (!devices) {
      throw new PhoneError('SIP_DEVICE_UNAVAILABLE', 'this environment has no media devices', {
        hint: 'Use a browser with microphone support.',
      });
    }
    return devices;
  }

  getSnapshot(): DeviceSnapshot {
    this.snapshot ??= {
      microphones: this.microphones,
      speakers: this.speakers,
      microphoneId: this.microphoneId,
      speakerId: this.speakerId,
      ringerId: this.ringerId,
      canChooseOutput:
        typeof (globalThis as { HTMLMediaElement?: { prototype: SinkElement } }).HTMLMediaElement
          ?.prototype.setSinkId === 'function',
    };
    return this.snapshot;
  }

  /** Snapshot subscriptions, batched per microtask, optionally through a selector. */
  readonly subscribe: Subscribable<DeviceSnapshot>['subscribe'] = this.subscriptions.subscribe;

  /** Device events: lost devices, microphone switches, device list changes. */
  onEvent(listener: Listener<DeviceEvent>): Unsubscribe {
    return this.events.add(listener);
  }

  /** @internal Lets `using` release it: the same as `dispose()`. */
  [Symbol.dispose](): void {
    this.dispose();
  }

  /**
   * Stops watching `devicechange`, stops the microphone streams it handed out, forgets connections
   * and output elements, and drops every listener. Idempotent; afterwards commands throw
   * `DisposedError` (`release()` still stops a stream's tracks).
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.watched?.removeEventListener('devicechange', this.onDeviceChangeEvent);
    this.watched = undefined;
    for (const stream of this.streams) for (const track of stream.getTracks()) track.stop();
    this.streams.clear();
    this.connections.clear();
    this.outputs.clear();
    this.ringerOutputs.clear();
    this.subscriptions.dispose();
    this.events.clear();
  }

  private alive(command: string): void {
    if (this.disposed) throw new DisposedError('DeviceManager', command);
  }

  /** Lists devices again (labels appear after the first microphone permission) and watches changes. */
  async refresh(): Promise<DeviceSnapshot> {
    this.alive('refresh');
    const devices = this.devices;
    const all = await devices.enumerateDevices();
    if (this.disposed) return this.getSnapshot();
    this.microphones = all.filter((d) => d.kind === 'audioinput').map(toDevice);
    this.speakers = all.filter((d) => d.kind === 'audiooutput').map(toDevice);
    if (!this.watched) {
      this.watched = devices;
      devices.addEventListener('devicechange', this.onDeviceChangeEvent);
    }
    this.changed();
    return this.getSnapshot();
  }

  /** {@link MediaSource}: a microphone stream for a new call, from the chosen device. */
  async acquire(): Promise<MediaStream> {
    this.alive('acquire');
    const stream = await this.open(this.microphoneId);
    this.streams.add(stream);
    return stream;
  }

  /** {@link MediaSource}: the call ended; its tracks are stopped. */
  release(stream: MediaStream | undefined): void {
    if (!stream) return;
    this.streams.delete(stream);
    for (const track of stream.getTracks()) track.stop();
  }

  /** Lets microphone switches reach this call's connection. */
  attachConnection(pc: RTCPeerConnection): void {
    this.alive('attachConnection');
    this.connections.add(pc);
    pc.addEventListener('connectionstatechange', () => {
      if (pc.connectionState === 'closed') this.connections.delete(pc);
    });
  }

  /** Plays a call's remote audio through the chosen speaker; returns the element. */
  attachOutput(
    element: HTMLMediaElement,
    role: 'speaker' | 'ringer' = 'speaker',
  ): HTMLMediaElement {
    this.alive('attachOutput');
    (role === 'ringer' ? this.ringerOutputs : this.outputs).add(element);
    const id = role === 'ringer' ? this.ringerId : this.speakerId;
    if (id !== undefined) void applySink(element, id);
    return element;
  }

  /** Plays a remote stream through the chosen speaker (a hidden `<audio>` element, removed when the stream ends). */
  playRemote(stream: MediaStream): void {
    this.alive('playRemote');
    const doc = (globalThis as { document?: Document }).document;
    if (!doc) return;
    const audio = doc.createElement('audio');
    audio.autoplay = true;
    audio.srcObject = stream;
    this.attachOutput(audio);
    void audio.play().catch(() => undefined);
    const stop = () => {
      if (stream.getTracks().every((t) => t.readyState === 'ended')) {
        audio.srcObject = null;
        this.detachOutput(audio);
      }
    };
    for (const track of stream.getTracks()) track.addEventListener('ended', stop);
  }

  detachOutput(element: HTMLMediaElement): void {
    this.outputs.delete(element);
    this.ringerOutputs.delete(element);
  }

  /**
   * Chooses the microphone (`undefined` = system default). During calls the new track replaces the
   * old one on every connection before the old one stops, so audio never goes one-way.
   */
  async selectMicrophone(deviceId: string | undefined): Promise<void> {
    this.alive('selectMicrophone');
    this.microphoneId = deviceId;
    if (this.connections.size > 0 || this.streams.size > 0) {
      const fresh = await this.open(deviceId);
      const track = fresh.getAudioTracks()[0];
      if (track) {
        for (const pc of this.connections) {
          for (const sender of pc.getSenders()) {
            if (sender.track?.kind === 'audio' || (sender.track === null && track)) {
              const old = sender.track;
              track.enabled = old?.enabled ?? true;
              await sender.replaceTrack(track);
            }
          }
        }
        for (const stream of this.streams) {
          for (const old of stream.getAudioTracks()) {
            stream.removeTrack(old);
            old.stop();
          }
          stream.addTrack(track);
        }
      }
    }
    this.changed();
    this.emit({ type: 'microphone-switched', deviceId });
  }

  /** Chooses the speaker for call audio (where `setSinkId` is supported). */
  async selectSpeaker(deviceId: string | undefined): Promise<void> {
    this.alive('selectSpeaker');
    this.speakerId = deviceId;
    await Promise.all([...this.outputs].map((el) => applySink(el, deviceId ?? '')));
    this.changed();
  }

  /** Chooses the output for the ringtone, separately from the call audio. */
  async selectRinger(deviceId: string | undefined): Promise<void> {
    this.alive('selectRinger');
    this.ringerId = deviceId;
    await Promise.all([...this.ringerOutputs].map((el) => applySink(el, deviceId ?? '')));
    this.changed();
  }

  private async open(deviceId: string | undefined): Promise<MediaStream> {
    try {
      return await this.devices.getUserMedia({
        audio: {
          ...(this.options.audioConstraints ?? {}),
          ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
        },
        video: false,
      });
    } catch (error) {
      throw new PhoneError(
        'SIP_DEVICE_UNAVAILABLE',
        `cannot open the microphone: ${(error as Error).message ?? String(error)}`,
        {
          cause: error,
          retryable: true,
          hint: 'Allow microphone access and check that a microphone is connected.',
        },
      );
    }
  }

  private async onDeviceChange(): Promise<void> {
    if (this.disposed) return;
    const before = { mic: this.microphoneId, speaker: this.speakerId, ringer: this.ringerId };
    await this.refresh();
    if (this.disposed) return;
    if (before.mic !== undefined && !this.microphones.some((d) => d.deviceId === before.mic)) {
      this.emit({ type: 'device-lost', kind: 'microphone', deviceId: before.mic });
      await this.selectMicrophone(undefined);
    }
    if (before.speaker !== undefined && !this.speakers.some((d) => d.deviceId === before.speaker)) {
      this.emit({ type: 'device-lost', kind: 'speaker', deviceId: before.speaker });
      await this.selectSpeaker(undefined);
    }
    if (before.ringer !== undefined && !this.speakers.some((d) => d.deviceId === before.ringer)) {
      this.emit({ type: 'device-lost', kind: 'ringer', deviceId: before.ringer });
      await this.selectRinger(undefined);
    }
    this.emit({ type: 'devices-changed', snapshot: this.getSnapshot() });
  }

  private emit(event: DeviceEvent): void {
    this.events.emit(event);
  }

  private changed(): void {
    this.snapshot = undefined;
    this.subscriptions.notify();
  }
}

function toDevice(d: MediaDeviceInfo): AudioDevice {
  return { deviceId: d.deviceId, label: d.label, kind: d.kind as 'audioinput' | 'audiooutput' };
}

async function applySink(element: HTMLMediaElement, deviceId: string): Promise<void> {
  const el = element as unknown as SinkElement;
  if (typeof el.setSinkId === 'function') await el.setSinkId(deviceId);
}
