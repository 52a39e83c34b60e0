// Replay checks each journaled event with the rules a live engine applied when it wrote it. Where
// a command has a check of its own (the presence and interaction machines, the queue, agent and
// interaction validators, duplicate ids), replay runs that check and reports the command's error;
// the rest are what the engine's decisions guarantee.
import { Presence, presenceMachine, type PresenceCommand } from '../agents/index.js';
import {
  checkAttributes,
  interactionMachine,
  type InteractionTransition,
} from '../interactions/index.js';
import { isEpochMs } from '../shared/epoch-ms.js';
import { NotFoundError, SwitchboardError, ValidationError } from '../shared/index.js';
import { ReplayError } from '../shared/replay-error.js';
import { StrategyName } from './queue-config.js';
import { checkNewAgent, checkNewQueue } from './config-checks.js';
import { checkNewInteraction } from './interaction-ids.js';
import type { AgentRecord, InteractionRecord, QueueRecord } from './records.js';
import type { RoutingEvent } from './routing-events.js';
import { derivePresence, isAvailable, satisfies } from './routing-rules.js';
import type { RoutingState } from './routing-state.js';

const PRESENCES: ReadonlySet<unknown> = new Set(Object.values(Presence));
const TRIGGERS: ReadonlySet<unknown> = new Set([
  'interaction-waiting',
  'agent-available',
  'overflow',
  'returned',
]);
const OFFER_STRATEGIES: ReadonlySet<unknown> = new Set([...Object.values(StrategyName), 'sticky']);

type Fields = Readonly<Record<string, unknown>>;

/**
 * Checks each event of `journal` (events, or entries holding them) against `state` (with the
 * engine's known `skills`), and hands it to `accept` (which applies it) when a live engine could
 * have written it.
 *
 * @throws ReplayError at the first event that no live engine could have written; its `cause` is
 *   the error the refusing check threw.
 * @internal
 */
export function replayJournal(
  journal: Iterable<unknown>,
  skills: ReadonlySet<string>,
  state: RoutingState,
  accept: (event: RoutingEvent) => void,
): void {
  let position = 0;
  for (const item of journal) {
    const event =
      typeof item === 'object' && item !== null && 'event' in item
        ? (item as { event: unknown }).event
        : item;
    try {
      checkReplayedEvent(skills, state, event);
    } catch (err) {
      if (!(err instanceof SwitchboardError)) throw err;
      const type = (event as { type?: unknown } | null)?.type;
      throw new ReplayError(position, typeof type === 'string' ? type : undefined, err.message, {
        cause: err,
      });
    }
    accept(event as RoutingEvent);
    position++;
  }
}

/** A refusal with no command error to report. */
function refuse(reason: string): never {
  throw new SwitchboardError('REPLAY_REJECTED', reason);
}

/**
 * Throws (a {@link SwitchboardError}) when a live engine, in `state`, could not have journaled
 * `raw`. An offer must go to an available, qualified agent with a free slot who has not declined
 * the interaction; the other events must pass their command's checks.
 */
function checkReplayedEvent(skills: ReadonlySet<string>, state: RoutingState, raw: unknown): void {
  if (typeof raw !== 'object' || raw === null) refuse('an event must be an object');
  const e = raw as Fields;
  if (typeof e.type !== 'string') refuse('an event needs a string type');
  time(e, 'at');
  switch (e.type) {
    case 'queue-added':
      checkNewQueue(e.queue, skills, state.queues);
      return;
    case 'agent-added':
      checkNewAgent(e.agent, skills, state.channels, state.agents);
      return;
    case 'agent-logged-in':
      agentMay(state, e, 'log-in');
      return;
    case 'agent-logged-out':
      agentMay(state, e, 'log-out');
      return;
    case 'agent-available': {
      // As `setAvailable`: the presence must allow it, and so must the agent's own choice.
      const agent = agentMay(state, e, 'set-available');
      presenceMachine.transition(agent.chosen, 'set-available', agent.id);
      return;
    }
    case 'agent-not-ready':
      if (typeof e.reason !== 'string') refuse('a not-ready reason must be a string');
      agentMay(state, e, 'set-not-ready');
      return;
    case 'agent-state-changed':
      agentOf(state, e);
      if (!PRESENCES.has(e.presence) || !PRESENCES.has(e.previous)) {
        refuse(`unknown presence ${JSON.stringify(e.presence)} or ${JSON.stringify(e.previous)}`);
      }
      if (e.reason !== undefined && typeof e.reason !== 'string') {
        refuse('a presence reason must be a string');
      }
      return;
    case 'agent-lease-renewed':
      // A heartbeat (or a login): any presence but offline.
      agentMay(state, e, 'heartbeat');
      time(e, 'expiresAt');
      return;
    case 'agent-lease-expired': {
      const agent = agentMay(state, e, 'heartbeat');
      if (agent.reason === 'stale') refuse(`agent '${agent.id}' is stale already`);
      return;
    }
    case 'interaction-created':
      // A live engine always journals the attributes (`{}` when there are none).
      checkNewInteraction(
        e.interactionId,
        e.channel,
        (e.attributes ?? null) as Record<string, unknown>,
        state.channels,
        state.interactions,
      );
      if (e.customerId !== undefined && typeof e.customerId !== 'string') {
        refuse('a customer id must be a string');
      }
      return;
    case 'interaction-ivr-started':
      interactionMay(state, e, 'start-ivr');
      return;
    case 'interaction-queued':
      interactionMay(state, e, 'enqueue');
      if (typeof e.queueId !== 'string' || !state.queue(e.queueId)) {
        throw new NotFoundError('queue', String(e.queueId));
      }
      if (!Number.isFinite(e.priority)) refuse('priority must be a finite number');
      if (e.attributes !== undefined) attributes(e.attributes);
      return;
    case 'interaction-overflowed': {
      const ix = waitingIn(state, e);
      const steps = ix.queue?.config.overflow?.length ?? 0;
      if (e.step !== ix.step + 1 || ix.step >= steps) {
        refuse(
          `overflow step ${JSON.stringify(e.step)} does not follow step ${ix.step} of ${steps}`,
        );
      }
      return;
    }
    case 'callback-offered':
      waitingIn(state, e);
      return;
    case 'interaction-offered':
      checkOffered(state, e);
      return;
    case 'offer-rejected':
    case 'offer-timed-out':
    case 'offer-rescinded':
      if (e.type === 'offer-rescinded' && typeof e.reason !== 'string') {
        refuse('a rescinded offer needs a string reason');
      }
      sameAgent(interactionMay(state, e, e.type === 'offer-timed-out' ? 'timeout' : 'reject'), e);
      return;
    case 'interaction-connected':
      sameAgent(interactionMay(state, e, 'accept'), e);
      return;
    case 'interaction-held':
    case 'interaction-resumed':
      sameAgent(interactionMay(state, e, e.type === 'interaction-held' ? 'hold' : 'resume'), e);
      return;
    case 'interaction-wrap-up-started':
      sameAgent(interactionMay(state, e, 'end'), e);
      time(e, 'until');
      return;
    case 'interaction-completed': {
      const ix = interactionMay(state, e, 'complete');
      if (e.disposition !== undefined && typeof e.disposition !== 'string') {
        refuse('a disposition must be a string');
      }
      if (e.agentId !== undefined) sameAgent(ix, e);
      return;
    }
    case 'interaction-abandoned':
      interactionMay(state, e, 'abandon');
      return;
    case 'interaction-transferred':
      if (typeof e.target !== 'string' || e.target.trim() === '') {
        refuse('a transfer target must be a non-empty string');
      }
      interactionMay(state, e, 'transfer');
      return;
    default:
      refuse(`unknown event type '${e.type}'`);
  }
}

function checkOffered(state: RoutingState, e: Fields): void {
  const ix = waitingIn(state, e);
  const agent = agentOf(state, e);
  if (!isAvailable(agent, ix.channelIndex)) {
    refuse(`agent '${agent.id}' (${derivePresence(agent)}) cannot take a ${ix.channel} offer`);
  }
  if (ix.declined?.has(agent.id)) refuse(`agent '${agent.id}' declined '${ix.id}' already`);
  const sets = (ix.queue as QueueRecord).tiers[ix.step] ?? [];
  if (!sets.some((rs) => satisfies(agent, rs))) {
    refuse(`agent '${agent.id}' does not qualify for '${ix.id}'`);
  }
  const reason = e.reason as Fields | undefined;
  if (
    typeof reason !== 'object' ||
    reason === null ||
    !TRIGGERS.has(reason.trigger) ||
    !OFFER_STRATEGIES.has(reason.strategy) ||
    !Number.isInteger(reason.step)
  ) {
    refuse(`malformed offer reason ${JSON.stringify(reason)}`);
  }
  time(e, 'expiresAt');
}

/** Refuses `e[field]` unless it is a time a journal may carry (see `isEpochMs`). */
function time(e: Fields, field: string): void {
  if (!isEpochMs(e[field])) {
    refuse(`\`${field}\` must be a time in epoch ms with a four-digit year (0001-9999)`);
  }
}

/** The queued interaction `e` names, in the queue `e` names. */
function waitingIn(state: RoutingState, e: Fields): InteractionRecord {
  const ix = interactionOf(state, e);
  if (ix.state !== 'queued') refuse(`interaction '${ix.id}' is ${ix.state}, not queued`);
  if (ix.queue?.config.id !== e.queueId) {
    refuse(`interaction '${ix.id}' does not wait in queue '${String(e.queueId)}'`);
  }
  return ix;
}

function agentOf(state: RoutingState, e: Fields): AgentRecord {
  const id = e.agentId;
  const agent = typeof id === 'string' ? state.agent(id) : undefined;
  if (!agent) throw new NotFoundError('agent', String(id));
  return agent;
}

/** The agent `e` names, whose presence accepts `command` (as the command checks it). */
function agentMay(state: RoutingState, e: Fields, command: PresenceCommand): AgentRecord {
  const agent = agentOf(state, e);
  presenceMachine.transition(derivePresence(agent), command, agent.id);
  return agent;
}

function interactionOf(state: RoutingState, e: Fields): InteractionRecord {
  const id = e.interactionId;
  const ix = typeof id === 'string' ? state.interaction(id) : undefined;
  if (!ix) throw new NotFoundError('interaction', String(id));
  return ix;
}

/** The interaction `e` names, whose state accepts `transition` (as the command checks it). */
function interactionMay(
  state: RoutingState,
  e: Fields,
  transition: InteractionTransition,
): InteractionRecord {
  const ix = interactionOf(state, e);
  interactionMachine.transition(ix.state, transition, ix.id);
  return ix;
}

/** Refuses `e` unless the agent it names holds `ix`. */
function sameAgent(ix: InteractionRecord, e: Fields): void {
  if (ix.agentId === undefined || ix.agentId !== e.agentId) {
    refuse(
      `interaction '${ix.id}' is with ${JSON.stringify(ix.agentId)}, not ${JSON.stringify(e.agentId)}`,
    );
  }
}

function attributes(value: unknown): void {
  const issues = checkAttributes(value);
  if (issues.length) throw new ValidationError('attributes', issues);
}
