// The monitoring scenario's ear on the plain-RTP peer (the customer's side of the call): it taps
// the peer's RTP socket, decodes the G.711 it receives and answers the `sb-monitor-peer-tones`
// server command with the amplitude of chosen frequencies over the last second, so a test can
// tell that the agent (660 Hz) reaches the customer and whether the supervisor (1000 Hz) does.
import type { Socket } from 'node:dgram';
import { decodeG711 } from '../g711.js';
import { toneAmplitude } from './goertzel.js';

const RATE = 8000;
/** One second of audio: 1 Hz resolution, and a change of mode shows within a second. */
const WINDOW = RATE;

/** Payload of an RTP packet when it carries G.711 (PT 0 or 8), else undefined. */
function g711Payload(packet: Buffer): { payloadType: number; payload: Buffer } | undefined {
  if (packet.length < 12 || packet[0]! >> 6 !== 2) return undefined;
  const payloadType = packet[1]! & 0x7f;
  if (payloadType !== 0 && payloadType !== 8) return undefined;
  let offset = 12 + 4 * (packet[0]! & 0x0f);
  if (packet[0]! & 0x10) {
    if (packet.length < offset + 4) return undefined;
    offset += 4 + 4 * packet.readUInt16BE(offset + 2);
  }
  if (offset > packet.length) return undefined;
  return { payloadType, payload: packet.subarray(offset) };
}

/** A web-test-runner plugin measuring tones in what `rtp` (the peer's RTP socket) receives. */
export function peerTonesPlugin(rtp: Socket) {
  const ring = new Float64Array(WINDOW);
  let written = 0;
  rtp.on('message', (packet: Buffer) => {
    const audio = g711Payload(packet);
    if (!audio) return;
    for (const sample of decodeG711(audio.payload, audio.payloadType)) {
      ring[written % WINDOW] = sample;
      written += 1;
    }
  });
  return {
    name: 'switchboard-e2e-monitor-peer-tones',
    executeCommand({ command, payload }: { command: string; payload?: unknown }): unknown {
      if (command !== 'sb-monitor-peer-tones') return undefined;
      const { frequencies } = payload as { frequencies: number[] };
      const n = Math.min(written, WINDOW);
      // the last n samples, oldest first
      const samples = Float64Array.from({ length: n }, (_, i) => ring[(written - n + i) % WINDOW]!);
      return {
        samples: written,
        amplitudes: Object.fromEntries(
          frequencies.map((f) => [String(f), Math.round(toneAmplitude(samples, f, RATE))]),
        ),
      };
    },
  };
}
