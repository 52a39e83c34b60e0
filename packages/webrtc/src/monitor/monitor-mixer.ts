import type { Call } from '../phone/call.js';
import type { MonitorMode } from './monitor-mode.js';

/**
 * The agent's side of the audio of one monitor session (a port: WebAudio in browsers, a fake in
 * tests). The agent's browser is the mixer, so no media server has to mix: it sends the supervisor
 * the customer and the agent together, plays the supervisor to the agent in `whisper` and `barge`,
 * and in `barge` also mixes the supervisor into what the customer receives.
 */
export interface MonitorMixer {
  /** What the monitor call sends to the supervisor: the customer's and the agent's audio, mixed. */
  readonly toSupervisor: MediaStream;
  /** The monitor call's media exists: the supervisor's audio is on `connection`'s receivers. */
  setSupervisor(connection: RTCPeerConnection): void;
  /** Routes the supervisor's audio for `mode`; resolves once the customer's track is switched. */
  setMode(mode: MonitorMode): Promise<void>;
  /** Undoes everything: the customer hears the agent's own track again, audio nodes are closed. */
  dispose(): void;
}

/** Builds the {@link MonitorMixer} for the agent's `customer` call (connected, with media). */
export type MonitorMixerFactory = (customer: Call) => MonitorMixer | Promise<MonitorMixer>;
