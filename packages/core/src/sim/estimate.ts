import { ValidationError, type ValidationIssue } from '../shared/index.js';
import type { Scenario, ScenarioVariant } from './scenario.js';

/**
 * Memory a run needs per contact, in bytes: its records in the KPI tracker (kept for the whole run
 * so that any interval can be queried), and while it is in progress its routing record, timers and
 * the simulator's own state. Measured at 0.9 to 1.5 KB at the peak of one-day runs of 95,000 to
 * 480,000 contacts, with and without an IVR, well staffed or with every caller left waiting; this
 * figure leaves headroom above that.
 */
export const SIMULATION_BYTES_PER_CONTACT = 2048;
/** Memory per follow-up ticket (the ticket engine keeps every ticket; measured about 3.2 KB). */
export const SIMULATION_BYTES_PER_TICKET = 4096;
/**
 * Extra memory per contact when the routing journal is kept (`keepJournal`): about ten routing
 * events per contact, each a journal entry.
 */
export const SIMULATION_BYTES_PER_JOURNALED_CONTACT = 2048;
/** Memory per agent (router record and index entries, presence timeline). */
export const SIMULATION_BYTES_PER_AGENT = 4096;
/** Memory per scheduled shift or break change (one virtual-clock timer each). */
export const SIMULATION_BYTES_PER_TIMER = 160;
/** Memory of an empty run (engines, compiled flows, the report). */
export const SIMULATION_BASE_BYTES = 16 * 1024 * 1024;

/**
 * Default memory budget of {@link runSimulation}: 1 GiB, about 500,000 contacts. Node's own heap
 * limit is often higher (the CLI uses three quarters of it); raise the budget through
 * {@link SimulationLimits.maxMemoryBytes}.
 */
export const DEFAULT_SIMULATION_MEMORY_BYTES = 1024 * 1024 * 1024;
/**
 * Default work budget of {@link runSimulation}: 20,000,000 expected contacts (minutes to an hour of
 * computing at the measured 2,000 to 35,000 contacts per second, depending on IVRs and tickets).
 */
export const DEFAULT_SIMULATION_MAX_CONTACTS = 20_000_000;

/** Limits a run is checked against before it starts; see {@link estimateSimulation}. */
export interface SimulationLimits {
  /** Largest estimated memory, bytes. Default {@link DEFAULT_SIMULATION_MEMORY_BYTES}. */
  readonly maxMemoryBytes?: number;
  /** Most expected contacts (the work). Default {@link DEFAULT_SIMULATION_MAX_CONTACTS}. */
  readonly maxContacts?: number;
}

/** What a run is expected to cost, from {@link estimateSimulation}. */
export interface SimulationEstimate {
  /** Expected arrivals over the whole run (warm-up included): rate x profile mean x hours. */
  readonly contacts: number;
  /** Expected follow-up tickets (an upper bound: every eligible contact is assumed to complete). */
  readonly tickets: number;
  /** Agents, after the variant's changes. */
  readonly agents: number;
  /** Scheduled shift and break changes (virtual-clock timers set before the run). */
  readonly scheduledChanges: number;
  /** Estimated peak memory, bytes (see {@link SIMULATION_BYTES_PER_CONTACT} and its siblings). */
  readonly memoryBytes: number;
}

/** Options of {@link estimateSimulation}. */
export interface SimulationEstimateOptions {
  /** The variant the run applies (resolved: a description, not a name). */
  readonly variant?: ScenarioVariant;
  /** Whether the run keeps its routing journal (`keepJournal` of the run). Default false. */
  readonly keepJournal?: boolean;
}

/** Agents of a group after a variant, as the simulator counts them. @internal */
export function groupSize(count: number, variant: ScenarioVariant | undefined): number {
  let n = count;
  if (variant?.agentScale !== undefined) n = Math.round(n * variant.agentScale);
  if (variant?.agentDelta !== undefined) n += variant.agentDelta;
  return Math.max(0, n);
}

/**
 * Estimates what running `scenario` (already validated) costs, without running it: expected
 * contacts and tickets, agents, and peak memory. Linear in the size of the scenario document.
 *
 * @example
 * ```ts
 * const { contacts, memoryBytes } = estimateSimulation(parseScenario(json));
 * const withVariant = estimateSimulation(scenario, { variant: { name: 'x', agentDelta: 5 } });
 * ```
 */
export function estimateSimulation(
  scenario: Scenario,
  options: SimulationEstimateOptions = {},
): SimulationEstimate {
  const { variant, keepJournal = false } = options;
  const hours = scenario.durationHours;
  let contacts = 0;
  let tickets = 0;
  const ticketChannels = scenario.tickets?.fromChannels;
  for (const stream of scenario.arrivals) {
    const profile = stream.profile;
    const mean =
      profile && profile.length > 0 ? profile.reduce((a, b) => a + b, 0) / profile.length : 1;
    const expected = stream.callsPerHour * mean * hours;
    contacts += expected;
    const channel = stream.channel ?? 'voice';
    if (scenario.tickets && (!ticketChannels || ticketChannels.includes(channel)))
      tickets += expected * scenario.tickets.probability;
  }
  // Days the daily windows of shifts and breaks are laid over (the run, plus a day each side).
  const days = Math.ceil(hours / 24) + 2;
  let agents = 0;
  let scheduledChanges = 0;
  for (const group of scenario.agents) {
    const n = groupSize(group.count, variant);
    agents += n;
    scheduledChanges += n * 2 * days * ((group.shifts?.length ?? 0) + (group.breaks?.length ?? 0));
  }
  const memoryBytes =
    SIMULATION_BASE_BYTES +
    contacts *
      (SIMULATION_BYTES_PER_CONTACT + (keepJournal ? SIMULATION_BYTES_PER_JOURNALED_CONTACT : 0)) +
    tickets * SIMULATION_BYTES_PER_TICKET +
    agents * SIMULATION_BYTES_PER_AGENT +
    scheduledChanges * SIMULATION_BYTES_PER_TIMER;
  return {
    contacts: Math.ceil(contacts),
    tickets: Math.ceil(tickets),
    agents,
    scheduledChanges,
    memoryBytes: Math.ceil(memoryBytes),
  };
}

const MB = 1024 * 1024;
const size = (bytes: number): string =>
  bytes >= 10 * 1024 * MB
    ? `${Math.round(bytes / (1024 * MB))} GiB`
    : `${Math.round(bytes / MB).toLocaleString('en-US')} MiB`;
const count = (n: number): string => Math.round(n).toLocaleString('en-US');

/**
 * Checks an estimate against limits; returns every limit it exceeds, each naming the limit.
 *
 * @internal
 */
export function checkEstimate(
  estimate: SimulationEstimate,
  limits: SimulationLimits,
  maxAgents: number,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const key of ['maxMemoryBytes', 'maxContacts'] as const) {
    const v = limits[key];
    if (v !== undefined && !(typeof v === 'number' && v > 0 && v <= Number.MAX_SAFE_INTEGER))
      issues.push({
        path: `$options.limits.${key}`,
        message: `must be a number > 0 and <= ${Number.MAX_SAFE_INTEGER}`,
      });
  }
  if (issues.length > 0) return issues;
  const maxMemory = limits.maxMemoryBytes ?? DEFAULT_SIMULATION_MEMORY_BYTES;
  const maxContacts = limits.maxContacts ?? DEFAULT_SIMULATION_MAX_CONTACTS;
  if (estimate.contacts > maxContacts)
    issues.push({
      path: '$.arrivals',
      message:
        `about ${count(estimate.contacts)} contacts would arrive (callsPerHour x profile x ` +
        `durationHours), more than the work limit of ${count(maxContacts)} (maxContacts): ` +
        `lower the rates or shorten the run`,
    });
  if (estimate.agents > maxAgents)
    issues.push({
      path: '$.agents',
      message: `the variant makes ${count(estimate.agents)} agents, more than ${count(maxAgents)} in total`,
    });
  if (estimate.memoryBytes > maxMemory)
    issues.push({
      path: '$',
      message:
        `the run would need about ${size(estimate.memoryBytes)} of memory (` +
        `${count(estimate.contacts)} contacts, ${count(estimate.tickets)} tickets, ` +
        `${count(estimate.agents)} agents), more than the memory limit of ${size(maxMemory)} ` +
        `(maxMemoryBytes): lower the rates, shorten the run or raise the limit`,
    });
  return issues;
}

/**
 * Throws when `estimate` exceeds `limits`.
 *
 * @throws {@link shared!ValidationError} naming every limit exceeded.
 * @internal
 */
export function assertWithinLimits(
  estimate: SimulationEstimate,
  limits: SimulationLimits,
  maxAgents: number,
): void {
  const issues = checkEstimate(estimate, limits, maxAgents);
  if (issues.length > 0) throw new ValidationError('scenario', issues);
}
