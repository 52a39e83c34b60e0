import type { BusinessCalendar } from '../calendar/index.js';
import type { ExpressionValue } from '../expr/index.js';

/** The format tag every flow document carries; bumped only for incompatible format changes. */
export const FLOW_SCHEMA = 'switchboard.ivr.flow/1';

/**
 * One language's version of a prompt: a plain string or `{ text }` is spoken with text-to-speech,
 * `{ audio }` is a recording's URL. Text may embed expressions in double braces:
 * `'Your balance is {{account.balance}} dollars'`.
 */
export type PromptContent = string | { readonly text: string } | { readonly audio: string };

/** A localised prompt: language tag -> content. Every flow language must be present. */
export type Prompt<L extends string = string> = { readonly [K in L]: PromptContent };

/**
 * Every node kind:
 *
 * | kind | waits for the caller | exits |
 * |---|---|---|
 * | `play` | no | `next` |
 * | `menu` | yes (DTMF/speech) | each choice's `next`, `noInput`, `noMatch` |
 * | `collect` | yes | `next`, `noInput`, `invalid` |
 * | `condition` | no | each branch's `next`, `otherwise` |
 * | `set` | no | `next` |
 * | `business-hours` | no | `open`, `closed`, `holiday` (optional, else `closed`) |
 * | `hook` | yes (the host's answer) | `ok`, `error`, `timeout` (optional, else `error`) |
 * | `language` | no | `next` |
 * | `enqueue` / `transfer` / `voicemail` / `hangup` | ends the flow | none |
 * | `callback` | yes | `accepted`, `declined` |
 * | `subflow` | as the subflow does | one per outcome the subflow returns (`next` by default) |
 * | `return` | ends a subflow | none |
 */
export const NODE_KINDS = [
  'play',
  'menu',
  'collect',
  'condition',
  'set',
  'business-hours',
  'hook',
  'language',
  'enqueue',
  'transfer',
  'voicemail',
  'callback',
  'subflow',
  'return',
  'hangup',
] as const;

/** A node kind. */
export type NodeKind = (typeof NODE_KINDS)[number];

/** Fields of every node. */
export interface NodeBase<Id extends string = string> {
  /** Unique within the flow: letters, digits, `-`, `_`, `.`. */
  readonly id: Id;
  /** A note for people reading the flow; ignored by the engine. */
  readonly description?: string;
}

/** Plays a prompt, then continues. */
export interface PlayNode<
  Id extends string = string,
  L extends string = string,
> extends NodeBase<Id> {
  readonly kind: 'play';
  /** What is played. */
  readonly prompt: Prompt<L>;
  /** Where to go next. */
  readonly exits: { readonly next: Id };
}

/** One option of a menu. */
export interface MenuChoice<Id extends string = string, L extends string = string> {
  /** The key that selects it: one of `0-9`, `*`, `#`. */
  readonly dtmf?: string;
  /** Phrases that select it, per language (matched case-insensitively within what was said). */
  readonly speech?: { readonly [K in L]?: readonly string[] };
  /** Where the choice leads. */
  readonly next: Id;
}

/** Settings shared by the nodes that gather caller input. */
export interface GatherSettings<L extends string = string> {
  /** How long the host waits for input before sending a `timeout` event (default 5000 ms). */
  readonly timeoutMs?: number;
  /** How many times the prompt is repeated after a failed attempt (default 2). */
  readonly maxRetries?: number;
  /** Played before repeating after no input (default: the main prompt again). */
  readonly noInputPrompt?: Prompt<L>;
}

/** Offers choices by key press and/or speech; retries on no input or no match. */
export interface MenuNode<Id extends string = string, L extends string = string>
  extends NodeBase<Id>, GatherSettings<L> {
  readonly kind: 'menu';
  /** The menu prompt. */
  readonly prompt: Prompt<L>;
  /** The options (at least one). */
  readonly choices: readonly MenuChoice<Id, L>[];
  /** Played before repeating after input that matched no choice (default: the main prompt again). */
  readonly noMatchPrompt?: Prompt<L>;
  /** Where to go when retries ran out on no input / on unmatched input. */
  readonly exits: { readonly noInput: Id; readonly noMatch: Id };
}

/** Collects digits (or a spoken answer) into a variable. */
export interface CollectNode<Id extends string = string, L extends string = string>
  extends NodeBase<Id>, GatherSettings<L> {
  readonly kind: 'collect';
  /** Asks for the input. */
  readonly prompt: Prompt<L>;
  /** Declared variable that receives the input (a string). */
  readonly variable: string;
  /** `dtmf` (default) or `speech`. */
  readonly input?: 'dtmf' | 'speech';
  /** Fewest digits / characters accepted (default 1). */
  readonly minLength?: number;
  /** Most digits / characters accepted (default 20). */
  readonly maxLength?: number;
  /** Key that ends entry early (default `#`); it is not part of the value. */
  readonly terminator?: string;
  /**
   * Regular expression the value must match (JavaScript `u`-flag semantics; anchor it with `^...$`
   * to match the whole value). Only the linear-time subset of `compilePattern` from
   * `@switchboard/core/expr` is accepted: no backreferences or lookaround, at most 500 characters.
   */
  readonly pattern?: string;
  /** Played before asking again after an invalid value (default: the main prompt again). */
  readonly invalidPrompt?: Prompt<L>;
  /** When true the value is masked (`***`) in timeline records (PINs, card numbers). */
  readonly sensitive?: boolean;
  /** `next` with a valid value; `noInput` / `invalid` once retries ran out. */
  readonly exits: { readonly next: Id; readonly noInput: Id; readonly invalid: Id };
}

/** Branches on expressions: the first truthy `when` wins. */
export interface ConditionNode<Id extends string = string> extends NodeBase<Id> {
  readonly kind: 'condition';
  /** Tested in order. */
  readonly branches: readonly { readonly when: string; readonly next: Id }[];
  /** Where to go when no branch matched. */
  readonly exits: { readonly otherwise: Id };
}

/** Assigns declared variables from expressions (evaluated in order, each seeing the previous). */
export interface SetNode<Id extends string = string> extends NodeBase<Id> {
  readonly kind: 'set';
  /** Variable name -> expression. */
  readonly assign: { readonly [variable: string]: string };
  /** Where to go next. */
  readonly exits: { readonly next: Id };
}

/** Routes on a business calendar at the current time. */
export interface BusinessHoursNode<Id extends string = string> extends NodeBase<Id> {
  readonly kind: 'business-hours';
  /** A calendar inline, or the name of one in the flow's `calendars`. */
  readonly calendar: string | BusinessCalendar;
  /** `holiday` is optional and falls back to `closed`. */
  readonly exits: { readonly open: Id; readonly closed: Id; readonly holiday?: Id };
}

/** Asks the host to perform a named request (the engine does no I/O) and waits for its result. */
export interface HookNode<Id extends string = string> extends NodeBase<Id> {
  readonly kind: 'hook';
  /** The request name the host knows, e.g. `lookup-account`. */
  readonly name: string;
  /** Input fields: name -> expression. */
  readonly input?: { readonly [field: string]: string };
  /** Declared variable that receives the result data. */
  readonly resultVariable?: string;
  /** How long the host waits before sending `timeout` (default 5000 ms). */
  readonly timeoutMs?: number;
  /** `timeout` is optional and falls back to `error`. */
  readonly exits: { readonly ok: Id; readonly error: Id; readonly timeout?: Id };
}

/** Switches the language of the prompts that follow. */
export interface LanguageNode<
  Id extends string = string,
  L extends string = string,
> extends NodeBase<Id> {
  readonly kind: 'language';
  /** One of the flow's languages. */
  readonly language: L;
  /** Where to go next. */
  readonly exits: { readonly next: Id };
}

/** Hands the interaction to routing: ends the flow. */
export interface EnqueueNode<
  Id extends string = string,
  L extends string = string,
> extends NodeBase<Id> {
  readonly kind: 'enqueue';
  /** Routing queue id. */
  readonly queue: string;
  /** A number, or an expression giving one (higher is served first). */
  readonly priority?: number | string;
  /** Interaction attributes for routing and screen pops: name -> expression. */
  readonly attributes?: { readonly [name: string]: string };
  /** Played before the hand-off. */
  readonly prompt?: Prompt<L>;
}

/** Transfers the call to a SIP URI or phone number: ends the flow. */
export interface TransferNode<
  Id extends string = string,
  L extends string = string,
> extends NodeBase<Id> {
  readonly kind: 'transfer';
  /** `sip:`/`sips:` URI or a number (`+`, digits, `*`, `#`). */
  readonly target: string;
  /** Played before transferring. */
  readonly prompt?: Prompt<L>;
}

/** Records a voicemail: ends the flow. */
export interface VoicemailNode<
  Id extends string = string,
  L extends string = string,
> extends NodeBase<Id> {
  readonly kind: 'voicemail';
  /** Mailbox id. */
  readonly mailbox: string;
  /** Played before the beep. */
  readonly prompt?: Prompt<L>;
  /** Longest message (default 120000 ms). */
  readonly maxDurationMs?: number;
}

/**
 * Offers a callback instead of waiting, then captures the number to call. Phase 1 plays
 * `offerPrompt` and waits for `acceptKey` (default `1`) or `declineKey` (default `2`); phase 2 plays
 * `numberPrompt` and collects `minLength`-`maxLength` digits ended by `#`. Accepting emits a
 * `callback` command for routing and leaves by `accepted`; declining or running out of retries
 * leaves by `declined`.
 */
export interface CallbackNode<Id extends string = string, L extends string = string>
  extends NodeBase<Id>, GatherSettings<L> {
  readonly kind: 'callback';
  /** Queue the callback is routed to. */
  readonly queue: string;
  /** Offers the callback. */
  readonly offerPrompt: Prompt<L>;
  /** Asks for the number. */
  readonly numberPrompt: Prompt<L>;
  /** Declared variable that receives the number. */
  readonly variable?: string;
  /** Key that accepts (default `1`). */
  readonly acceptKey?: string;
  /** Key that declines (default `2`). */
  readonly declineKey?: string;
  /** Fewest digits of the number (default 6). */
  readonly minLength?: number;
  /** Most digits of the number (default 15). */
  readonly maxLength?: number;
  /** Attributes of the callback interaction: name -> expression. */
  readonly attributes?: { readonly [name: string]: string };
  /** Where to go after each answer. */
  readonly exits: { readonly accepted: Id; readonly declined: Id };
}

/**
 * Runs another flow with its own variables, set from `params`; its `return` node's outcome picks
 * the exit here and its `output` lands in `resultVariable`.
 */
export interface SubflowNode<Id extends string = string> extends NodeBase<Id> {
  readonly kind: 'subflow';
  /** Id of a flow in the flow's `subflows` or the validation context's `flows`. */
  readonly flow: string;
  /** Subflow variable -> expression evaluated here. */
  readonly params?: { readonly [variable: string]: string };
  /** Declared variable that receives the subflow's output object. */
  readonly resultVariable?: string;
  /** Outcome -> node; must cover every outcome the subflow can return. */
  readonly exits: { readonly [outcome: string]: Id };
}

/** Ends a subflow and returns to the caller. Only allowed in a flow used as a subflow. */
export interface ReturnNode<Id extends string = string> extends NodeBase<Id> {
  readonly kind: 'return';
  /** Names the caller's exit (default `next`). */
  readonly outcome?: string;
  /** Output fields: name -> expression, handed to the caller's `resultVariable`. */
  readonly output?: { readonly [field: string]: string };
}

/** Hangs up, optionally after a goodbye prompt: ends the flow. */
export interface HangupNode<
  Id extends string = string,
  L extends string = string,
> extends NodeBase<Id> {
  readonly kind: 'hangup';
  /** Played before hanging up. */
  readonly prompt?: Prompt<L>;
}

/** Any node. */
export type FlowNode<Id extends string = string, L extends string = string> =
  | PlayNode<Id, L>
  | MenuNode<Id, L>
  | CollectNode<Id, L>
  | ConditionNode<Id>
  | SetNode<Id>
  | BusinessHoursNode<Id>
  | HookNode<Id>
  | LanguageNode<Id, L>
  | EnqueueNode<Id, L>
  | TransferNode<Id, L>
  | VoicemailNode<Id, L>
  | CallbackNode<Id, L>
  | SubflowNode<Id>
  | ReturnNode<Id>
  | HangupNode<Id, L>;

/**
 * A flow document: versioned JSON that {@link validateFlow} checks and {@link compileFlow} turns
 * into a runnable {@link CompiledFlow}.
 *
 * Expressions (conditions, `set`, hook input, attributes, prompt templates) read the declared
 * `variables`, `attributes.<name>` (the interaction's attributes) and `language` (the current prompt
 * language), and can call `now()` (in `timezone`).
 */
export interface FlowDefinition<Id extends string = string, L extends string = string> {
  /** Always {@link FLOW_SCHEMA}. */
  readonly schema: typeof FLOW_SCHEMA;
  /** Flow id (letters, digits, `-`, `_`, `.`). */
  readonly id: string;
  /** Revision of this flow, an integer from 1; saved sessions resume only on the same version. */
  readonly version: number;
  /** Display name. */
  readonly name?: string;
  /** A note for people. */
  readonly description?: string;
  /** Prompt languages; the first is the default. Every prompt must have all of them. */
  readonly languages: readonly L[];
  /** IANA timezone of `now()` in expressions. */
  readonly timezone: string;
  /** The first node. */
  readonly start: Id;
  /** Declared variables with their initial values. */
  readonly variables?: { readonly [name: string]: ExpressionValue };
  /** The interaction attributes expressions may read; when absent, any `attributes.<name>` is accepted. */
  readonly attributes?: readonly string[];
  /** Named calendars for business-hours nodes. */
  readonly calendars?: { readonly [name: string]: BusinessCalendar };
  /** Flows embedded for `subflow` nodes. */
  readonly subflows?: readonly FlowDefinition[];
  /** Where to go when an expression fails at run time (default: hang up with outcome `error`). */
  readonly onError?: Id;
  /** The nodes. */
  readonly nodes: readonly FlowNode<Id, L>[];
}
