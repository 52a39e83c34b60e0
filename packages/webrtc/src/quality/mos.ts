/** Network figures the MOS estimate needs. */
export interface MosInput {
  /** Round-trip time, ms. */
  readonly rttMs: number;
  /** Inter-arrival jitter, ms. */
  readonly jitterMs: number;
  /** Packet loss, percent (0-100). */
  readonly packetLossPct: number;
}

/**
 * Estimates the mean opinion score (1-4.5) of a voice call from RTT, jitter and loss with the
 * simplified ITU-T G.107 E-model that common WebRTC SDKs use:
 *
 * ```text
 *  effective latency  d = rtt/2 + 2*jitter + 10 ms
 *  R = 93.2 - (d < 160 ? d/40 : (d-120)/10) - 2.5 * loss%      (clamped to 0..100)
 *  MOS = 1 + 0.035 R + 7e-6 R (R - 60) (100 - R)
 * ```
 *
 * @example
 * ```ts
 * estimateMos({ rttMs: 40, jitterMs: 2, packetLossPct: 0 }); // ~4.4
 * estimateMos({ rttMs: 600, jitterMs: 60, packetLossPct: 10 }); // < 2.5
 * ```
 */
export function estimateMos(input: MosInput): number {
  const rtt = Math.max(0, finite(input.rttMs));
  const jitter = Math.max(0, finite(input.jitterMs));
  const loss = Math.min(100, Math.max(0, finite(input.packetLossPct)));
  const latency = rtt / 2 + jitter * 2 + 10;
  let r = 93.2 - (latency < 160 ? latency / 40 : (latency - 120) / 10) - 2.5 * loss;
  r = Math.min(100, Math.max(0, r));
  const mos = 1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r);
  return Math.round(Math.min(4.5, Math.max(1, mos)) * 100) / 100;
}

function finite(value: number): number {
  return Number.isFinite(value) ? value : 0;
}
