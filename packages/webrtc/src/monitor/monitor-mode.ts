/**
 * What a supervisor does on an agent's call: `listen` (hears the customer and the agent, nobody
 * hears the supervisor), `whisper` (the agent hears the supervisor too, the customer does not) or
 * `barge` (both hear the supervisor).
 */
export const MonitorMode = {
  listen: 'listen',
  whisper: 'whisper',
  barge: 'barge',
} as const;

/** One of {@link MonitorMode}. */
export type MonitorMode = (typeof MonitorMode)[keyof typeof MonitorMode];

/** The INVITE header that makes a call a monitor call: `<interactionId>;mode=<mode>`. */
export const MONITOR_HEADER = 'X-Switchboard-Monitor';

/**
 * Mode changes travel as one SIP INFO DTMF digit in the monitor call's dialog, so a change needs no
 * new call and no new signalling method. The digits are Asterisk ChanSpy's (`d` option: 4 spy,
 * 5 whisper, 6 barge), which PBX-trained supervisors and tools already know.
 *
 * @internal
 */
export const MODE_DIGITS: Readonly<Record<MonitorMode, string>> = {
  listen: '4',
  whisper: '5',
  barge: '6',
};

/** The mode a DTMF digit asks for, or undefined for any other digit. @internal */
export function modeOfDigit(digit: string): MonitorMode | undefined {
  for (const mode of Object.values(MonitorMode)) if (MODE_DIGITS[mode] === digit) return mode;
  return undefined;
}

/** Longest header value read: an interaction id and a mode fit easily; anything longer is refused. */
const MAX_HEADER_LENGTH = 256;
// linear: one character class, anchored, no nested quantifiers
const INTERACTION_ID = /^[A-Za-z0-9._:@-]{1,200}$/;

/** What a monitor call asks for. */
export interface MonitorRequest {
  /** The interaction (the agent's call) to monitor. */
  readonly interactionId: string;
  /** The mode the supervisor starts in. */
  readonly mode: MonitorMode;
}

/** The {@link MONITOR_HEADER} value for `request`. @internal */
export function formatMonitorHeader(request: MonitorRequest): string {
  if (!INTERACTION_ID.test(request.interactionId))
    throw new RangeError(`invalid interaction id ${JSON.stringify(request.interactionId)}`);
  return `${MONITOR_HEADER}: ${request.interactionId};mode=${request.mode}`;
}

/**
 * Reads a {@link MONITOR_HEADER} value (bounded: {@link MAX_HEADER_LENGTH} characters); undefined
 * when it is malformed, so a malformed request is refused rather than guessed at.
 *
 * @internal
 */
export function parseMonitorHeader(value: string | undefined): MonitorRequest | undefined {
  if (value === undefined || value.length > MAX_HEADER_LENGTH) return undefined;
  const [id = '', ...params] = value.split(';').map((part) => part.trim());
  if (!INTERACTION_ID.test(id)) return undefined;
  let mode: MonitorMode = 'listen';
  for (const param of params) {
    const [name = '', v = ''] = param.split('=');
    if (name.toLowerCase() !== 'mode') continue;
    const known = Object.values(MonitorMode).find((m) => m === v.toLowerCase());
    if (!known) return undefined;
    mode = known;
  }
  return { interactionId: id, mode };
}
