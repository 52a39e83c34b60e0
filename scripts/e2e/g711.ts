// G.711 (ITU-T) mu-law and A-law, 8-bit <-> 16-bit linear, and the RMS of a block of samples: what
// the media suites use to put a tone on the wire and to measure the energy of what comes back.

/** Decodes one mu-law byte to a 16-bit linear sample. */
export function ulawToLinear(byte: number): number {
  const u = ~byte & 0xff;
  const t = (((u & 0x0f) << 3) + 0x84) << ((u & 0x70) >> 4);
  return u & 0x80 ? 0x84 - t : t - 0x84;
}

/** Decodes one A-law byte to a 16-bit linear sample. */
export function alawToLinear(byte: number): number {
  const a = byte ^ 0x55;
  let t = (a & 0x0f) << 4;
  const segment = (a & 0x70) >> 4;
  if (segment === 0) t += 8;
  else if (segment === 1) t += 0x108;
  else t = (t + 0x108) << (segment - 1);
  return a & 0x80 ? t : -t;
}

/** Encodes one 16-bit linear sample as mu-law. */
export function linearToUlaw(sample: number): number {
  const BIAS = 0x84;
  let s = Math.max(-32635, Math.min(32635, sample));
  const sign = s < 0 ? 0x80 : 0;
  if (s < 0) s = -s;
  s += BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/** Encodes one 16-bit linear sample as A-law. */
export function linearToAlaw(sample: number): number {
  let s = Math.max(-32767, Math.min(32767, sample));
  const sign = s >= 0 ? 0x80 : 0;
  if (s < 0) s = -s - 1;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = exponent === 0 ? (s >> 4) & 0x0f : (s >> (exponent + 3)) & 0x0f;
  return ((sign | (exponent << 4) | mantissa) ^ 0x55) & 0xff;
}

/** Linear samples of a G.711 payload (`payloadType` 0 = PCMU, 8 = PCMA). */
export function decodeG711(payload: Uint8Array, payloadType: number): Int16Array {
  const out = new Int16Array(payload.length);
  const decode = payloadType === 8 ? alawToLinear : ulawToLinear;
  for (let i = 0; i < payload.length; i++) out[i] = decode(payload[i] ?? 0);
  return out;
}

/** A G.711 payload of `samples` (`payloadType` 0 = PCMU, 8 = PCMA). */
export function encodeG711(samples: Int16Array, payloadType: number): Buffer {
  const out = Buffer.alloc(samples.length);
  const encode = payloadType === 8 ? linearToAlaw : linearToUlaw;
  for (let i = 0; i < samples.length; i++) out[i] = encode(samples[i] ?? 0);
  return out;
}

/** Root mean square of 16-bit samples (0 for none). */
export function rms(samples: Int16Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / samples.length);
}
