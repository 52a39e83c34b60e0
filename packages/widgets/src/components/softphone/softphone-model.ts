import type { CallSnapshot, PhoneSnapshot } from '@switchboard/webrtc';

/** The keypad's keys, row by row (three columns). @internal */
export const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

/** Why a dialled target was refused before any SIP was sent. */
export type DialProblem = 'empty' | 'too-long' | 'invalid';

/** The calls of a snapshot that are not over, in the phone's order. @internal */
export function liveCalls(snapshot: PhoneSnapshot | undefined): readonly CallSnapshot[] {
  return snapshot ? snapshot.calls.filter((c) => c.status !== 'ended') : [];
}

/** Incoming calls still ringing (the banner's calls). @internal */
export function ringingCalls(calls: readonly CallSnapshot[]): readonly CallSnapshot[] {
  return calls.filter((c) => c.direction === 'incoming' && c.status === 'ringing');
}

/**
 * The line to show: the chosen one while it lives, else a talking call, else a held one, else
 * the first live call that is not an unanswered incoming call (those are in the banner).
 *
 * @internal
 */
export function pickLine(
  calls: readonly CallSnapshot[],
  chosen: string | undefined,
): string | undefined {
  if (chosen !== undefined && calls.some((c) => c.id === chosen)) return chosen;
  const lines = calls.filter((c) => !(c.direction === 'incoming' && c.status === 'ringing'));
  return (
    lines.find((c) => c.status === 'connected') ??
    lines.find((c) => c.status === 'held') ??
    lines[0]
  )?.id;
}

/** The caller's name as text: the display name, else the user part of the URI. @internal */
export function callerOf(call: CallSnapshot, unknown: string): string {
  const name = call.remoteDisplayName?.trim();
  if (name) return name;
  const user = /^sips?:([^@;?]+)@/i.exec(call.remoteUri)?.[1];
  return user ? safeDecode(user) : call.remoteUri || unknown;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A call-quality level from a MOS (1-5): good ≥ 4.0, fair ≥ 3.6, poor below. @internal */
export type QualityLevel = 'good' | 'fair' | 'poor' | 'unknown';

/** @internal */
export function qualityLevel(mos: number | undefined): QualityLevel {
  if (mos === undefined || !Number.isFinite(mos)) return 'unknown';
  if (mos >= 4) return 'good';
  if (mos >= 3.6) return 'fair';
  return 'poor';
}

/**
 * Where an arrow, Home or End key moves in the 3 × 4 keypad from `index`, or undefined for other
 * keys. Moves stop at the edges.
 *
 * @internal
 */
export function keypadMove(index: number, key: string): number | undefined {
  const last = KEYS.length - 1;
  switch (key) {
    case 'ArrowRight':
      return Math.min(last, index + 1);
    case 'ArrowLeft':
      return Math.max(0, index - 1);
    case 'ArrowDown':
      return index + 3 <= last ? index + 3 : index;
    case 'ArrowUp':
      return index - 3 >= 0 ? index - 3 : index;
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return undefined;
  }
}

/** Where a key moves in a one-row list of `count` items (the line tabs), or undefined. @internal */
export function listMove(index: number, count: number, key: string): number | undefined {
  if (count === 0) return undefined;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return (index + 1) % count;
    case 'ArrowLeft':
    case 'ArrowUp':
      return (index - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}
