// Replay checks each journaled event with the rules a live engine applied when it wrote it.
import { Presence, presenceMachine, validateAgentConfig } from '../agents/index.js';
import { isEpochMs } from '../shared/epoch-ms.js';
import type { PresenceCommand } from '../agents/presence.js';
import {
  checkAttributes,
  interactionMachine,
  type InteractionTransition,
} from '../interactions/index.js';
import type { ValidationIssue } from '../shared/index.js';
import { StrategyName, type QueueConfig } from './queue-config.js';
import type { ChannelTable } from './channel-table.js';
import type { AgentRecord, InteractionRecord, QueueRecord } from './records.js';
import { ReplayError } from '../shared/replay-error.js';
import type { RoutingEvent } from './routing-events.js';
import { derivePresence, isAvailable, satisfies } from './routing-rules.js';
import { validateQueueConfig } from './validate-queue.js';

/** @internal What the checks read of the state being rebuilt. */
export interface ReplayContext {
  /** The skill catalogue (empty: any skill). */
  readonly skills: ReadonlySet<string>;
  /** The channels the engine routes. */
  readonly channels: ChannelTable;
  agent(id: string): AgentRecord | undefined;
  interaction(id: string): InteractionRecord | undefined;
  queue(id: string): QueueRecord | undefined;
}

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
 * Checks each event of `journal` (events, or entries holding them) against the state `ctx`
 * describes, and hands it to `accept` (which applies it) when a live engine could have written it.
 *
 * @throws ReplayError at the first event that no live engine could have written.
 * @internal
 */
export function replayJournal(
  journal: Iterable<unknown>,
  ctx: ReplayContext,
  accept: (event: RoutingEvent) => void,
): void {
  let position = 0;
  for (const item of journal) {
    const event =
      typeof item === 'object' && item !== null && 'event' in item
        ? (item as { event: unknown }).event
        : item;
    const refused = checkReplayedEvent(ctx, event);
    if (refused !== undefined) {
      const type = (event as { type?: unknown } | null)?.type;
      throw new ReplayError(position, typeof type === 'string' ? type : undefined, refused);
    }
    accept(event as RoutingEvent);
    position++;
  }
}

/**
 * Why a live engine, in the state `ctx` describes, could not have journaled `raw`; `undefined`
 * when it could have. The checks are the commands' own (the presence and interaction machines, the
 * queue and agent validators, duplicate ids) plus what the engine's decisions guarantee (an offer
 * goes to an available, qualified agent with a free slot who has not declined the interaction).
 *
 * @internal
 */
export function checkReplayedEvent(ctx: ReplayContext, raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return 'an event must be an object';
  const e = raw as Fields;
  if (typeof e.type !== 'string') return 'an event needs a string type';
  if (!isEpochMs(e.at)) return '`at` must be a time in epoch ms with a four-digit year (0001-9999)';
  switch (e.type) {
    case 'queue-added': {
      const issues = validateQueueConfig(e.queue, {
        skills: ctx.skills,
        queues: { has: (id) => ctx.queue(id) !== undefined },
      });
      if (issues.length) return `invalid queue: ${describe(issues)}`;
      const id = (e.queue as QueueConfig).id;
      return ctx.queue(id) ? `queue '${id}' is added twice` : undefined;
    }
    case 'agent-added': {
      const issues = validateAgentConfig(e.agent, ctx.skills, ctx.channels.names);
      if (issues.length) return `invalid agent: ${describe(issues)}`;
      const id = (e.agent as { id: string }).id;
      return ctx.agent(id) ? `agent '${id}' is added twice` : undefined;
    }
    case 'agent-logged-in':
      return agentMay(ctx, e, 'log-in');
    case 'agent-logged-out':
      return agentMay(ctx, e, 'log-out');
    case 'agent-available': {
      const refused = agentMay(ctx, e, 'set-available');
      if (refused !== undefined) return refused;
      return ctx.agent(e.agentId as string)?.chosen === 'available'
        ? `agent '${String(e.agentId)}' is already available`
        : undefined;
    }
    case 'agent-not-ready':
      if (typeof e.reason !== 'string') return 'a not-ready reason must be a string';
      return agentMay(ctx, e, 'set-not-ready');
    case 'agent-state-changed': {
      const [, missing] = agentOf(ctx, e);
      if (missing !== undefined) return missing;
      if (!PRESENCES.has(e.presence) || !PRESENCES.has(e.previous)) {
        return `unknown presence ${JSON.stringify(e.presence)} or ${JSON.stringify(e.previous)}`;
      }
      return e.reason === undefined || typeof e.reason === 'string'
        ? undefined
        : 'a presence reason must be a string';
    }
    case 'agent-lease-renewed': {
      const [agent, missing] = agentOf(ctx, e);
      if (agent === undefined) return missing;
      if (!isEpochMs(e.expiresAt))
        return '`expiresAt` must be a time in epoch ms with a four-digit year (0001-9999)';
      return agent.chosen === 'offline'
        ? `agent '${agent.id}' renews a lease while offline`
        : undefined;
    }
    case 'agent-lease-expired': {
      const [agent, missing] = agentOf(ctx, e);
      if (agent === undefined) return missing;
      if (agent.chosen === 'offline') return `agent '${agent.id}' has no lease while offline`;
      return agent.reason === 'stale' ? `agent '${agent.id}' is stale already` : undefined;
    }
    case 'interaction-created':
      return checkCreated(ctx, e);
    case 'interaction-ivr-started':
      return interactionMay(ctx, e, 'start-ivr')[1];
    case 'interaction-queued': {
      const [ix, refused] = interactionMay(ctx, e, 'enqueue');
      if (ix === undefined) return refused;
      if (typeof e.queueId !== 'string' || !ctx.queue(e.queueId)) {
        return `queue '${String(e.queueId)}' does not exist`;
      }
      if (typeof e.priority !== 'number' || !Number.isFinite(e.priority)) {
        return 'priority must be a finite number';
      }
      return e.attributes === undefined ? undefined : attributeProblem(e.attributes);
    }
    case 'interaction-overflowed': {
      const [ix, refused] = waitingIn(ctx, e);
      if (ix === undefined) return refused;
      const steps = ix.queue?.config.overflow?.length ?? 0;
      return e.step === ix.step + 1 && ix.step < steps
        ? undefined
        : `overflow step ${JSON.stringify(e.step)} does not follow step ${ix.step} of ${steps}`;
    }
    case 'callback-offered':
      return waitingIn(ctx, e)[1];
    case 'interaction-offered':
      return checkOffered(ctx, e);
    case 'offer-rejected':
    case 'offer-timed-out':
    case 'offer-rescinded': {
      if (e.type === 'offer-rescinded' && typeof e.reason !== 'string') {
        return 'a rescinded offer needs a string reason';
      }
      const [ix, refused] = interactionMay(
        ctx,
        e,
        e.type === 'offer-timed-out' ? 'timeout' : 'reject',
      );
      return ix === undefined ? refused : sameAgent(ix, e.agentId);
    }
    case 'interaction-connected': {
      const [ix, refused] = interactionMay(ctx, e, 'accept');
      return ix === undefined ? refused : sameAgent(ix, e.agentId);
    }
    case 'interaction-held':
    case 'interaction-resumed': {
      const [ix, refused] = interactionMay(
        ctx,
        e,
        e.type === 'interaction-held' ? 'hold' : 'resume',
      );
      return ix === undefined ? refused : sameAgent(ix, e.agentId);
    }
    case 'interaction-wrap-up-started': {
      const [ix, refused] = interactionMay(ctx, e, 'end');
      if (ix === undefined) return refused;
      return isEpochMs(e.until)
        ? sameAgent(ix, e.agentId)
        : '`until` must be a time in epoch ms with a four-digit year (0001-9999)';
    }
    case 'interaction-completed': {
      const [ix, refused] = interactionMay(ctx, e, 'complete');
      if (ix === undefined) return refused;
      if (e.disposition !== undefined && typeof e.disposition !== 'string') {
        return 'a disposition must be a string';
      }
      return e.agentId === undefined ? undefined : sameAgent(ix, e.agentId);
    }
    case 'interaction-abandoned':
      return interactionMay(ctx, e, 'abandon')[1];
    case 'interaction-transferred':
      if (typeof e.target !== 'string' || e.target.trim() === '') {
        return 'a transfer target must be a non-empty string';
      }
      return interactionMay(ctx, e, 'transfer')[1];
    default:
      return `unknown event type '${e.type}'`;
  }
}

function checkCreated(ctx: ReplayContext, e: Fields): string | undefined {
  const id = e.interactionId;
  if (typeof id !== 'string' || id === '') return 'an interaction id must be a non-empty string';
  if (ctx.interaction(id)) return `interaction '${id}' is created twice`;
  if (ctx.channels.indexOf(e.channel) < 0) return `unknown channel ${JSON.stringify(e.channel)}`;
  if (e.customerId !== undefined && typeof e.customerId !== 'string') {
    return 'a customer id must be a string';
  }
  return attributeProblem(e.attributes);
}

function checkOffered(ctx: ReplayContext, e: Fields): string | undefined {
  const [ix, refused] = waitingIn(ctx, e);
  if (ix === undefined) return refused;
  const [agent, missing] = agentOf(ctx, e);
  if (agent === undefined) return missing;
  if (!isAvailable(agent, ix.channelIndex)) {
    return `agent '${agent.id}' (${derivePresence(agent)}) cannot take a ${ix.channel} offer`;
  }
  if (ix.declined?.has(agent.id)) return `agent '${agent.id}' declined '${ix.id}' already`;
  const sets = (ix.queue as QueueRecord).tiers[ix.step] ?? [];
  if (!sets.some((rs) => satisfies(agent, rs))) {
    return `agent '${agent.id}' does not qualify for '${ix.id}'`;
  }
  const reason = e.reason as Fields | undefined;
  if (
    typeof reason !== 'object' ||
    reason === null ||
    !TRIGGERS.has(reason.trigger) ||
    !OFFER_STRATEGIES.has(reason.strategy) ||
    !Number.isInteger(reason.step)
  ) {
    return `malformed offer reason ${JSON.stringify(reason)}`;
  }
  return isEpochMs(e.expiresAt)
    ? undefined
    : '`expiresAt` must be a time in epoch ms with a four-digit year (0001-9999)';
}

/** The queued interaction `e` names, in the queue `e` names. */
function waitingIn(
  ctx: ReplayContext,
  e: Fields,
): [InteractionRecord | undefined, string | undefined] {
  const [ix, missing] = interactionOf(ctx, e);
  if (ix === undefined) return [undefined, missing];
  if (ix.state !== 'queued')
    return [undefined, `interaction '${ix.id}' is ${ix.state}, not queued`];
  if (typeof e.queueId !== 'string' || ix.queue?.config.id !== e.queueId) {
    return [undefined, `interaction '${ix.id}' does not wait in queue '${String(e.queueId)}'`];
  }
  return [ix, undefined];
}

function agentOf(ctx: ReplayContext, e: Fields): [AgentRecord | undefined, string | undefined] {
  const id = e.agentId;
  const agent = typeof id === 'string' ? ctx.agent(id) : undefined;
  return agent ? [agent, undefined] : [undefined, `agent ${JSON.stringify(id)} does not exist`];
}

function agentMay(ctx: ReplayContext, e: Fields, command: PresenceCommand): string | undefined {
  const [agent, missing] = agentOf(ctx, e);
  if (agent === undefined) return missing;
  const presence = derivePresence(agent);
  return presenceMachine.can(presence, command)
    ? undefined
    : `agent '${agent.id}' cannot '${command}' while ${presence}`;
}

function interactionOf(
  ctx: ReplayContext,
  e: Fields,
): [InteractionRecord | undefined, string | undefined] {
  const id = e.interactionId;
  const ix = typeof id === 'string' ? ctx.interaction(id) : undefined;
  return ix ? [ix, undefined] : [undefined, `interaction ${JSON.stringify(id)} does not exist`];
}

function interactionMay(
  ctx: ReplayContext,
  e: Fields,
  transition: InteractionTransition,
): [InteractionRecord | undefined, string | undefined] {
  const [ix, missing] = interactionOf(ctx, e);
  if (ix === undefined) return [undefined, missing];
  // Decisions only ever offer queued interactions, and only offered ones connect.
  const can =
    transition === 'offer' || transition === 'accept'
      ? ix.state === (transition === 'offer' ? 'queued' : 'offered')
      : interactionMachine.can(ix.state, transition);
  return can
    ? [ix, undefined]
    : [undefined, `interaction '${ix.id}' cannot '${transition}' while ${ix.state}`];
}

function sameAgent(ix: InteractionRecord, agentId: unknown): string | undefined {
  return ix.agentId !== undefined && ix.agentId === agentId
    ? undefined
    : `interaction '${ix.id}' is with ${JSON.stringify(ix.agentId)}, not ${JSON.stringify(agentId)}`;
}

function attributeProblem(attributes: unknown): string | undefined {
  const issues = checkAttributes(attributes);
  return issues.length ? `invalid attributes: ${describe(issues)}` : undefined;
}

function describe(issues: readonly ValidationIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('; ');
}
