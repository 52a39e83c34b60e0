// Helpers of the media suites (browser side): phones registered on the Kamailio that has rtpengine,
// a microphone that plays a steady tone (WebAudio), the plain-RTP trunk peer driven over server
// commands, and the received audio energy of a call from getStats.
import { executeServerCommand } from '@web/test-runner-commands';
import { makePhone, waitFor } from './helpers.js';
import type { Phone } from '../src/phone/phone.js';
import type { Call } from '../src/phone/call.js';

export interface MediaConfig {
  wsUrl: string;
  domain: string;
  trunkNumber: string;
  ivrAddress: string;
}

/** What the trunk peer measured on its RTP socket (see scripts/e2e/rtp-peer.ts). */
export interface PeerStats {
  packetsSent: number;
  packetsReceived: number;
  loudPackets: number;
  maxRms: number;
  dtmfReceived: string;
  payloadType: number | undefined;
  inCall: boolean;
  calls: number;
  ended: number;
}

let cached: MediaConfig | undefined;
export async function mediaConfig(): Promise<MediaConfig> {
  cached ??= await executeServerCommand<MediaConfig, undefined>('sb-media-config');
  return cached;
}

/** A microphone playing a 660 Hz tone, so the far end can measure speech-level energy. */
export const toneMicrophone = {
  acquire: async (): Promise<MediaStream> => {
    const context = new AudioContext({ sampleRate: 48_000 });
    const oscillator = context.createOscillator();
    oscillator.frequency.value = 660;
    const gain = context.createGain();
    gain.gain.value = 0.4;
    const destination = context.createMediaStreamDestination();
    oscillator.connect(gain).connect(destination);
    oscillator.start();
    await context.resume();
    return destination.stream;
  },
  release: (stream: MediaStream | undefined) => stream?.getTracks().forEach((t) => t.stop()),
  /** Plays the far end (Chromium decodes, and reports audio levels, only for played tracks). */
  playRemote: (stream: MediaStream) => {
    const audio = new Audio();
    audio.srcObject = stream;
    void audio.play();
  },
};

/** A phone registered on the media Kamailio, with the tone microphone. */
export async function mediaPhone(user: string): Promise<Phone> {
  const cfg = await mediaConfig();
  return makePhone(user, { media: toneMicrophone }, { servers: [cfg.wsUrl] });
}

export function setupMediaRouting(agents: { id: string; skills: Record<string, number> }[]) {
  return executeServerCommand('sb-media-routing-setup', { agents });
}

export function peer<T = unknown>(
  payload:
    | { action: 'call'; target: string }
    | { action: 'hangup' | 'stats' | 'reset' }
    | { action: 'dtmf'; digits: string },
): Promise<T> {
  return executeServerCommand<T, typeof payload>('sb-media-peer', payload);
}

export const peerStats = () => peer<PeerStats>({ action: 'stats' });

/** rtpengine's current sessions. */
export async function relaySessions(): Promise<number> {
  return (await executeServerCommand<{ calls: number }, undefined>('sb-media-sessions')).calls;
}

/** Audio received by a call: packets and total audio energy (getStats inbound-rtp). */
export async function inboundAudio(call: Call): Promise<{ packets: number; energy: number }> {
  let packets = 0;
  let energy = 0;
  if (!call.peerConnection) return { packets, energy };
  (await call.getStats()).forEach(
    (r: { type: string; kind?: string; packetsReceived?: number; totalAudioEnergy?: number }) => {
      if (r.type === 'inbound-rtp' && r.kind === 'audio') {
        packets += r.packetsReceived ?? 0;
        energy += r.totalAudioEnergy ?? 0;
      }
    },
  );
  return { packets, energy };
}

/**
 * Waits until audio flows both ways on `call` (a browser agent's leg of a call with the plain-RTP
 * peer): the peer decodes loud G.711 packets (the agent's tone) and the browser's received audio
 * energy grows (the peer's tone).
 */
export async function expectTwoWayAudio(call: Call, what: string): Promise<void> {
  await peer({ action: 'reset' });
  const before = await inboundAudio(call);
  let last = '';
  await waitFor(
    async () => {
      const [stats, now] = await Promise.all([peerStats(), inboundAudio(call)]);
      last = JSON.stringify({ peer: stats, before, browser: now });
      return (
        stats.loudPackets >= 25 &&
        now.packets >= before.packets + 25 &&
        now.energy >= before.energy + 0.005
      );
    },
    15_000,
    `two-way audio (${what})`,
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}: ${last}`);
  });
}

/** What the IVR service reported (scripts/e2e/media-environment.ts). */
export function ivrEvents(): Promise<
  {
    type: string;
    callId?: string;
    nodeId?: string;
    digits?: string;
    queueId?: string;
    reason?: string;
  }[]
> {
  return executeServerCommand('sb-media-ivr-events');
}
