import { estimateMos } from './mos.js';

/** Result of {@link runPreCallTest}. */
export interface PreCallResult {
  /** Whether a microphone stream could be opened. */
  readonly microphone: 'ok' | 'denied' | 'missing';
  /** Peak input level 0..1 over the test (0 suggests a muted or silent microphone). */
  readonly inputLevel: number;
  /** Candidate types gathered (`host`, `srflx`, `relay`). */
  readonly candidateTypes: readonly string[];
  /** Time until the first candidate, ms. */
  readonly firstCandidateMs: number | undefined;
  /** Whether media flowed over a local loopback peer connection with the given ICE servers. */
  readonly mediaFlow: boolean;
  /** Round-trip time of that connection, ms. */
  readonly rttMs: number | undefined;
  /** MOS estimate from what was measured. */
  readonly mos: number | undefined;
}

/**
 * Checks the microphone and the network before a shift: opens the microphone and measures its
 * level, gathers ICE candidates with the configured servers (which candidate types are reachable
 * and how fast), and sends audio over a local peer connection to measure RTT and loss.
 *
 * @example
 * ```ts
 * const result = await runPreCallTest({ iceServers: [{ urls: 'stun:stun.example.com' }], durationMs: 2000 });
 * if (result.microphone !== 'ok') showMicHelp();
 * ```
 */
export async function runPreCallTest(
  options: { iceServers?: RTCIceServer[]; durationMs?: number } = {},
): Promise<PreCallResult> {
  const durationMs = options.durationMs ?? 2000;
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
  } catch (error) {
    const denied = (error as { name?: string }).name === 'NotAllowedError';
    return {
      microphone: denied ? 'denied' : 'missing',
      inputLevel: 0,
      candidateTypes: [],
      firstCandidateMs: undefined,
      mediaFlow: false,
      rttMs: undefined,
      mos: undefined,
    };
  }
  const audio = new AudioContext();
  const analyser = audio.createAnalyser();
  audio.createMediaStreamSource(stream).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  let level = 0;

  const config: RTCConfiguration = { iceServers: options.iceServers ?? [] };
  const a = new RTCPeerConnection(config);
  const b = new RTCPeerConnection(config);
  const types = new Set<string>();
  const t0 = performance.now();
  let firstCandidateMs: number | undefined;
  a.onicecandidate = (e) => {
    if (!e.candidate) return;
    firstCandidateMs ??= performance.now() - t0;
    const type = e.candidate.type ?? /typ (\w+)/.exec(e.candidate.candidate)?.[1];
    if (type) types.add(type);
    void b.addIceCandidate(e.candidate);
  };
  b.onicecandidate = (e) => e.candidate && void a.addIceCandidate(e.candidate);
  for (const track of stream.getTracks()) a.addTrack(track, stream);
  await a.setLocalDescription(await a.createOffer());
  await b.setRemoteDescription(a.localDescription as RTCSessionDescriptionInit);
  await b.setLocalDescription(await b.createAnswer());
  await a.setRemoteDescription(b.localDescription as RTCSessionDescriptionInit);

  const end = performance.now() + durationMs;
  while (performance.now() < end) {
    analyser.getFloatTimeDomainData(samples);
    for (const s of samples) level = Math.max(level, Math.abs(s));
    await new Promise((r) => setTimeout(r, 100));
  }
  let received = 0;
  let lost = 0;
  let jitter = 0;
  let rtt: number | undefined;
  (await b.getStats()).forEach(
    (r: {
      type: string;
      kind?: string;
      packetsReceived?: number;
      packetsLost?: number;
      jitter?: number;
    }) => {
      if (r.type === 'inbound-rtp' && r.kind === 'audio') {
        received += r.packetsReceived ?? 0;
        lost += r.packetsLost ?? 0;
        jitter = r.jitter ?? 0;
      }
    },
  );
  (await a.getStats()).forEach(
    (r: { type: string; nominated?: boolean; currentRoundTripTime?: number }) => {
      if (r.type === 'candidate-pair' && r.nominated && r.currentRoundTripTime !== undefined)
        rtt = r.currentRoundTripTime * 1000;
    },
  );
  a.close();
  b.close();
  for (const track of stream.getTracks()) track.stop();
  await audio.close();
  const lossPct = received + lost === 0 ? 100 : (lost / (received + lost)) * 100;
  return {
    microphone: 'ok',
    inputLevel: Math.min(1, level),
    candidateTypes: [...types].sort(),
    firstCandidateMs,
    mediaFlow: received > 0,
    rttMs: rtt,
    mos:
      received > 0
        ? estimateMos({ rttMs: rtt ?? 0, jitterMs: jitter * 1000, packetLossPct: lossPct })
        : undefined,
  };
}
