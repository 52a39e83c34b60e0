import type { Call } from '../phone/call.js';
import { MonitorError } from './monitor-error.js';
import type { MonitorMixer } from './monitor-mixer.js';
import type { MonitorMode } from './monitor-mode.js';

/** Options of {@link createWebAudioMixer}. */
export interface WebAudioMixerOptions {
  /** Makes the audio context (tests and apps that share one pass theirs). Default `new AudioContext()`. */
  readonly createContext?: () => AudioContext;
  /**
   * Plays what the agent hears of the supervisor (whisper, barge), e.g. `devices.playRemote`, which
   * follows the agent's chosen speaker. Default: the audio context's output (the system default).
   */
  readonly playToAgent?: (stream: MediaStream) => void;
}

const audioTracks = (tracks: readonly (MediaStreamTrack | null)[]): MediaStreamTrack[] =>
  tracks.filter((t): t is MediaStreamTrack => t !== null && t.kind === 'audio');

/**
 * The browser's {@link MonitorMixer}, on WebAudio:
 *
 * ```text
 *  customer (received) --+--> toSupervisor (the monitor call's track)
 *  agent microphone -----+--> toCustomer (barge only; replaces the agent's track on the call)
 *  supervisor (received) ----> agent's speakers (whisper, barge; `playToAgent` or the default output)
 *                        '---> toCustomer (barge)
 * ```
 *
 * @throws MonitorError `MONITOR_MIX_FAILED` when the customer call has no media yet or WebAudio
 *   cannot be used.
 *
 * @example
 * ```ts
 * import { MonitorResponder, createWebAudioMixer } from '@switchboard/webrtc';
 * // the whisper plays on the speaker the agent chose for calls
 * const monitoring = new MonitorResponder(phone, {
 *   allow: ({ mode }) => mode !== 'barge',
 *   mixer: (customer) => createWebAudioMixer(customer, { playToAgent: (s) => devices.playRemote(s) }),
 * });
 * ```
 */
export async function createWebAudioMixer(
  customer: Pick<Call, 'peerConnection'>,
  options: WebAudioMixerOptions = {},
): Promise<MonitorMixer> {
  const pc = customer.peerConnection;
  if (!pc) throw new MonitorError('MONITOR_MIX_FAILED', 'the call to monitor has no media yet');
  let context: AudioContext;
  try {
    context = options.createContext?.() ?? new AudioContext();
    // a context made without a user gesture may start suspended; the agent has interacted with
    // the page (answered the call), so resuming is allowed
    await context.resume();
  } catch (error) {
    throw new MonitorError('MONITOR_MIX_FAILED', 'WebAudio is not available', { cause: error });
  }
  return new WebAudioMixer(context, pc, options.playToAgent);
}

class WebAudioMixer implements MonitorMixer {
  private readonly toSupervisorNode: MediaStreamAudioDestinationNode;
  private readonly toCustomerNode: MediaStreamAudioDestinationNode;
  private readonly toAgentNode: MediaStreamAudioDestinationNode;
  private readonly ear: GainNode;
  private readonly intoCustomer: GainNode;
  private readonly sender: RTCRtpSender | undefined;
  private agentTrack: MediaStreamTrack | null;
  private microphone: MediaStreamAudioSourceNode | undefined;
  private mode: MonitorMode = 'listen';
  // A microphone switch (DeviceManager) replaces the sender's track and tells nobody; looking twice
  // a second is cheap and keeps the supervisor's mix (and a barge) on the agent's current device.
  private readonly following: ReturnType<typeof setInterval>;
  private readonly primed: HTMLAudioElement[] = [];
  private supervisorAttached = false;
  private disposed = false;

  constructor(
    private readonly context: AudioContext,
    pc: RTCPeerConnection,
    playToAgent: ((stream: MediaStream) => void) | undefined,
  ) {
    this.toSupervisorNode = context.createMediaStreamDestination();
    this.toCustomerNode = context.createMediaStreamDestination();
    this.toAgentNode = context.createMediaStreamDestination();
    this.ear = context.createGain();
    this.ear.gain.value = 0;
    if (playToAgent) {
      this.ear.connect(this.toAgentNode);
      playToAgent(this.toAgentNode.stream);
    } else {
      this.ear.connect(context.destination);
    }
    this.intoCustomer = context.createGain();
    this.intoCustomer.gain.value = 0;
    this.intoCustomer.connect(this.toCustomerNode);
    for (const track of audioTracks(pc.getReceivers().map((r) => r.track)))
      this.source(track, true).connect(this.toSupervisorNode);
    this.sender = pc.getSenders().find((s) => s.track?.kind === 'audio');
    this.agentTrack = this.sender?.track ?? null;
    this.useMicrophone(this.agentTrack);
    this.following = setInterval(() => this.followMicrophone(), 500);
  }

  get toSupervisor(): MediaStream {
    return this.toSupervisorNode.stream;
  }

  setSupervisor(connection: RTCPeerConnection): void {
    if (this.disposed || this.supervisorAttached) return;
    const tracks = audioTracks(connection.getReceivers().map((r) => r.track));
    for (const track of tracks) {
      const source = this.source(track, true);
      source.connect(this.ear);
      source.connect(this.intoCustomer);
    }
    this.supervisorAttached = tracks.length > 0;
  }

  async setMode(mode: MonitorMode): Promise<void> {
    if (this.disposed) return;
    this.mode = mode;
    this.ear.gain.value = mode === 'listen' ? 0 : 1;
    this.intoCustomer.gain.value = mode === 'barge' ? 1 : 0;
    const bargeTrack = this.toCustomerNode.stream.getAudioTracks()[0] ?? null;
    if (mode === 'barge') {
      if (this.sender && this.sender.track !== bargeTrack)
        await this.sender.replaceTrack(bargeTrack);
    } else {
      await this.restoreAgentTrack();
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearInterval(this.following);
    void this.restoreAgentTrack().finally(() => {
      for (const track of [
        ...this.toSupervisorNode.stream.getTracks(),
        ...this.toCustomerNode.stream.getTracks(),
        // ended tracks also tell the player (playRemote) to let go of its element
        ...this.toAgentNode.stream.getTracks(),
      ])
        track.stop();
      void this.context.close();
    });
    for (const element of this.primed) element.srcObject = null;
  }

  private useMicrophone(track: MediaStreamTrack | null): void {
    this.microphone?.disconnect();
    this.microphone = track ? this.source(track, false) : undefined;
    this.microphone?.connect(this.toSupervisorNode);
    this.microphone?.connect(this.toCustomerNode);
  }

  /** The sender carries a track that is neither the agent's known one nor ours: a new microphone. */
  private followMicrophone(): void {
    const current = this.sender?.track ?? null;
    const bargeTrack = this.toCustomerNode.stream.getAudioTracks()[0] ?? null;
    if (this.disposed || current === null || current === this.agentTrack || current === bargeTrack)
      return;
    this.agentTrack = current;
    this.useMicrophone(current);
    // the switch took the barge off the customer's line: put it back, now with the new microphone
    if (this.mode === 'barge') void this.sender?.replaceTrack(bargeTrack).catch(() => undefined);
  }

  /** Puts the agent's own track back, unless something else (a device switch) replaced ours. */
  private async restoreAgentTrack(): Promise<void> {
    const bargeTrack = this.toCustomerNode.stream.getAudioTracks()[0];
    if (this.sender && bargeTrack && this.sender.track === bargeTrack)
      await this.sender.replaceTrack(this.agentTrack);
  }

  private source(track: MediaStreamTrack, remote: boolean): MediaStreamAudioSourceNode {
    const stream = new MediaStream([track]);
    if (remote) {
      // Chromium feeds a received WebRTC track to WebAudio only while a media element plays it
      // (crbug.com/933677); a muted element satisfies that without playing it twice.
      const element = new Audio();
      element.muted = true;
      element.srcObject = stream;
      void element.play().catch(() => undefined);
      this.primed.push(element);
    }
    return this.context.createMediaStreamSource(stream);
  }
}
