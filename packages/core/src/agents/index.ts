/**
 * Agents: presence, skills with proficiency, languages and per-channel capacity.
 *
 * @packageDocumentation
 */
export { Presence, NotReadyReason, presenceMachine } from './presence.js';
export type { PresenceCommand } from './presence.js';
export { DEFAULT_CAPACITY } from './agent.js';
export type { AgentConfig, AgentSnapshot, Skills, Capacity } from './agent.js';
export { validateAgentConfig, checkProficiency, PROFICIENCY_RANGE } from './validate-agent.js';
