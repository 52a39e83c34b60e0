/**
 * Interactions: one model for voice, chat, email, SMS and callbacks, with an explicit lifecycle.
 *
 * @packageDocumentation
 */
export { Channel, CHANNELS, isChannel } from './channel.js';
export {
  InteractionState,
  interactionMachine,
  isFinalInteractionState,
} from './interaction-machine.js';
export type { InteractionTransition } from './interaction-machine.js';
export type { AttributeValue, InteractionSnapshot } from './interaction.js';
export { RESERVED_KEYS, isReservedKey, reservedKeyMessage, checkAttributes } from './attributes.js';
export type { TimelineEntry } from './timeline.js';
export { InteractionTracker } from './interaction-tracker.js';
export type { InteractionTrackerInit } from './interaction-tracker.js';
