import type { ExpressionValue } from '../expr/index.js';

/** Plays a prompt: text to speak (`text`) or a recording (`audio`), in `language`. */
export interface PlayCommand {
  readonly type: 'play';
  /** The node that produced it. */
  readonly nodeId: string;
  /** Language of the content. */
  readonly language: string;
  /** Text to speak (templates already filled in). */
  readonly text?: string;
  /** URL of a recording. */
  readonly audio?: string;
}

/**
 * Waits for caller input after the preceding plays. The host collects it (up to `maxDigits`, or until
 * `terminator`, or a spoken answer) and sends one `dtmf` or `speech` event, or `timeout` after
 * `timeoutMs` of silence (measured with its Clock).
 */
export interface GatherCommand {
  readonly type: 'gather';
  readonly nodeId: string;
  /** Which inputs are accepted. */
  readonly input: 'dtmf' | 'speech' | 'dtmf-speech';
  /** Fewest digits. */
  readonly minDigits: number;
  /** Most digits. */
  readonly maxDigits: number;
  /** Key that ends entry, when any. */
  readonly terminator?: string;
  /** Silence allowed before the host sends `timeout`. */
  readonly timeoutMs: number;
  /** Language for speech recognition. */
  readonly language: string;
  /** Phrases to recognise (speech hints), when the node has any. */
  readonly phrases?: readonly string[];
}

/**
 * Asks the host to perform a named request (an account lookup, a CRM query). The host answers with
 * a `hook-result` event carrying the same `requestId`, or `timeout` after `timeoutMs`.
 */
export interface HookCommand {
  readonly type: 'hook';
  readonly nodeId: string;
  /** Echo it in the `hook-result` event; results for older requests are ignored. */
  readonly requestId: string;
  /** The request name, e.g. `lookup-account`. */
  readonly name: string;
  /** Evaluated input fields. */
  readonly input: { readonly [field: string]: ExpressionValue };
  readonly timeoutMs: number;
}

/** Hands the interaction to routing (e.g. `RoutingEngine.enqueue`). Ends the flow. */
export interface EnqueueCommand {
  readonly type: 'enqueue';
  readonly nodeId: string;
  /** Routing queue id. */
  readonly queueId: string;
  /** Routing priority (higher first). */
  readonly priority: number;
  /** The caller's language at hand-off. */
  readonly language: string;
  /** Evaluated interaction attributes. */
  readonly attributes: { readonly [name: string]: ExpressionValue };
}

/** Transfers the call. Ends the flow. */
export interface TransferCommand {
  readonly type: 'transfer';
  readonly nodeId: string;
  /** SIP URI or number. */
  readonly target: string;
}

/** Records a voicemail into `mailbox`, then the call ends. Ends the flow. */
export interface VoicemailCommand {
  readonly type: 'voicemail';
  readonly nodeId: string;
  readonly mailbox: string;
  readonly maxDurationMs: number;
  readonly language: string;
}

/** Registers a callback request with routing; the flow goes on (usually to a goodbye). */
export interface CallbackCommand {
  readonly type: 'callback';
  readonly nodeId: string;
  /** Queue that should call back. */
  readonly queueId: string;
  /** The number the caller gave. */
  readonly number: string;
  readonly language: string;
  /** Evaluated attributes. */
  readonly attributes: { readonly [name: string]: ExpressionValue };
}

/** Hangs up the call. Ends the flow. */
export interface HangupCommand {
  readonly type: 'hangup';
  readonly nodeId: string;
  /** `flow`: a hangup node; `error`: a run-time error with no `onError` node. */
  readonly reason: 'flow' | 'error';
}

/** Something the host must do, in order. */
export type IvrCommand =
  | PlayCommand
  | GatherCommand
  | HookCommand
  | EnqueueCommand
  | TransferCommand
  | VoicemailCommand
  | CallbackCommand
  | HangupCommand;
