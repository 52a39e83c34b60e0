import { estimateMos } from './mos.js';

/** The parts of `RTCPeerConnection.getStats()` a quality sample is computed from. */
export interface AudioStatsSnapshot {
  /** When taken, ms (any monotonic origin). */
  readonly at: number;
  readonly packetsReceived: number;
  readonly packetsLost: number;
  readonly bytesReceived: number;
  readonly bytesSent: number;
  /** Inbound jitter, seconds (as getStats reports it). */
  readonly jitterS: number;
  /** Round-trip time, seconds, from remote-inbound-rtp or the selected candidate pair. */
  readonly rttS: number | undefined;
}

/** Live quality of a call over the last interval. */
export interface QualitySample {
  readonly rttMs: number;
  readonly jitterMs: number;
  /** Loss over the interval, percent. */
  readonly packetLossPct: number;
  readonly inboundKbps: number;
  readonly outboundKbps: number;
  /** Packets received over the interval. */
  readonly packetsReceived: number;
  readonly mos: number;
}

/**
 * Computes a {@link QualitySample} from two successive stats snapshots.
 *
 * @example
 * ```ts
 * const sample = qualityBetween(previous, current);
 * if (sample.mos < 3.5) showWarning();
 * ```
 */
export function qualityBetween(
  previous: AudioStatsSnapshot,
  current: AudioStatsSnapshot,
): QualitySample {
  const seconds = Math.max(0.001, (current.at - previous.at) / 1000);
  const received = Math.max(0, current.packetsReceived - previous.packetsReceived);
  const lost = Math.max(0, current.packetsLost - previous.packetsLost);
  const packetLossPct = received + lost === 0 ? 0 : (lost / (received + lost)) * 100;
  const rttMs = (current.rttS ?? previous.rttS ?? 0) * 1000;
  const jitterMs = current.jitterS * 1000;
  return {
    rttMs: round(rttMs),
    jitterMs: round(jitterMs),
    packetLossPct: round(packetLossPct),
    inboundKbps: round(((current.bytesReceived - previous.bytesReceived) * 8) / 1000 / seconds),
    outboundKbps: round(((current.bytesSent - previous.bytesSent) * 8) / 1000 / seconds),
    packetsReceived: received,
    mos: estimateMos({ rttMs, jitterMs, packetLossPct }),
  };
}

/** The fields of one WebRTC stats entry that {@link readAudioStats} reads. */
export interface StatLike {
  type: string;
  kind?: string;
  packetsReceived?: number;
  packetsLost?: number;
  bytesReceived?: number;
  bytesSent?: number;
  jitter?: number;
  roundTripTime?: number;
  currentRoundTripTime?: number;
  nominated?: boolean;
  state?: string;
}

/**
 * Reads an {@link AudioStatsSnapshot} from a `getStats()` report (or any iterable of stats).
 */
export function readAudioStats(
  report: { forEach(cb: (value: StatLike) => void): void },
  at: number,
): AudioStatsSnapshot {
  let packetsReceived = 0;
  let packetsLost = 0;
  let bytesReceived = 0;
  let bytesSent = 0;
  let jitterS = 0;
  let rttS: number | undefined;
  let pairRtt: number | undefined;
  report.forEach((s) => {
    if (s.type === 'inbound-rtp' && (s.kind ?? 'audio') === 'audio') {
      packetsReceived += s.packetsReceived ?? 0;
      packetsLost += s.packetsLost ?? 0;
      bytesReceived += s.bytesReceived ?? 0;
      jitterS = Math.max(jitterS, s.jitter ?? 0);
    } else if (s.type === 'outbound-rtp' && (s.kind ?? 'audio') === 'audio') {
      bytesSent += s.bytesSent ?? 0;
    } else if (s.type === 'remote-inbound-rtp' && s.roundTripTime !== undefined) {
      rttS = s.roundTripTime;
    } else if (
      s.type === 'candidate-pair' &&
      s.nominated &&
      s.state === 'succeeded' &&
      s.currentRoundTripTime !== undefined
    ) {
      pairRtt = s.currentRoundTripTime;
    }
  });
  return {
    at,
    packetsReceived,
    packetsLost,
    bytesReceived,
    bytesSent,
    jitterS,
    rttS: rttS ?? pairRtt,
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
