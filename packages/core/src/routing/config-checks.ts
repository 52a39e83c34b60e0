// Checks of a new queue or agent, shared by the commands that add one and by replay (which
// refuses a journaled addition that the command would have refused).
import { validateAgentConfig, type AgentConfig } from '../agents/index.js';
import { DuplicateIdError, ValidationError } from '../shared/index.js';
import type { ChannelTable } from './channel-table.js';
import type { QueueConfig } from './queue-config.js';
import { validateQueueConfig } from './validate-queue.js';

/**
 * Checks a queue to add, given the known skills (empty: any) and the queues added so far.
 *
 * @throws ValidationError listing every problem; DuplicateIdError if the id is taken.
 * @internal
 */
export function checkNewQueue(
  config: unknown,
  skills: ReadonlySet<string>,
  queues: { has(id: string): boolean },
): asserts config is QueueConfig {
  const issues = validateQueueConfig(config, { skills, queues });
  const id = (config as QueueConfig | undefined)?.id;
  if (issues.length) throw new ValidationError(`queue '${String(id)}'`, issues);
  if (queues.has(id as string)) throw new DuplicateIdError('queue', id as string);
}

/**
 * Checks an agent to add, given the known skills (empty: any), the engine's channels and the
 * agents added so far.
 *
 * @throws ValidationError listing every problem; DuplicateIdError if the id is taken.
 * @internal
 */
export function checkNewAgent(
  config: unknown,
  skills: ReadonlySet<string>,
  channels: ChannelTable,
  agents: { has(id: string): boolean },
): asserts config is AgentConfig {
  const issues = validateAgentConfig(config, skills, channels.names);
  const id = (config as AgentConfig | undefined)?.id;
  if (issues.length) throw new ValidationError(`agent '${String(id)}'`, issues);
  if (agents.has(id as string)) throw new DuplicateIdError('agent', id as string);
}
