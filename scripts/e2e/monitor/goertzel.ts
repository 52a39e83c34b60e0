// The Goertzel filter: the amplitude of one frequency in a block of samples, in O(n) and without an
// FFT. The monitoring scenario tells tones apart with it (the customer 440 Hz, the agent 660 Hz,
// the supervisor 1000 Hz) in the G.711 audio the plain-RTP peer receives.

/**
 * The amplitude (same scale as the samples) of `frequency` in `samples` taken at `sampleRate`:
 * a full-scale sine of amplitude A gives about A; other tones leak little when `samples` spans
 * many periods (8000 samples at 8 kHz: 1 Hz bins).
 */
export function toneAmplitude(
  samples: ArrayLike<number>,
  frequency: number,
  sampleRate: number,
): number {
  const n = samples.length;
  if (n === 0) return 0;
  const coefficient = 2 * Math.cos((2 * Math.PI * frequency) / sampleRate);
  let previous = 0;
  let beforePrevious = 0;
  for (let i = 0; i < n; i++) {
    const current = (samples[i] ?? 0) + coefficient * previous - beforePrevious;
    beforePrevious = previous;
    previous = current;
  }
  const power =
    previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
  return (2 * Math.sqrt(Math.max(0, power))) / n;
}
