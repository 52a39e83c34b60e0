/**
 * The contact-center simulator: runs scenarios (arrivals, IVR flows, handle times, patience, agents
 * with shifts and breaks, follow-up tickets) on the real router, IVR interpreter and ticket engine
 * in virtual time and reports KPIs.
 *
 * @packageDocumentation
 */
export { runSimulation } from './simulator.js';
export type { SimulationOptions, SimulationResult } from './simulator.js';
export type {
  SimulationIvrReport,
  SimulationReport,
  SimulationTicketReport,
} from './simulation-report.js';
export {
  MAX_CALLS_PER_HOUR,
  MAX_SCENARIO_AGENTS,
  MAX_SCENARIO_EXTRA_MINUTES,
  MAX_SCENARIO_HOURS,
  parseScenario,
  validateScenario,
} from './validate-scenario.js';
export {
  DEFAULT_SIMULATION_MAX_CONTACTS,
  DEFAULT_SIMULATION_MEMORY_BYTES,
  estimateSimulation,
  SIMULATION_BASE_BYTES,
  SIMULATION_BYTES_PER_AGENT,
  SIMULATION_BYTES_PER_CONTACT,
  SIMULATION_BYTES_PER_JOURNALED_CONTACT,
  SIMULATION_BYTES_PER_TICKET,
  SIMULATION_BYTES_PER_TIMER,
} from './estimate.js';
export type {
  SimulationEstimate,
  SimulationEstimateOptions,
  SimulationLimits,
} from './estimate.js';
export { resolveScenarioFlows } from './resolve-scenario-flows.js';
export type {
  AgentGroup,
  ArrivalIvr,
  ArrivalStream,
  Break,
  Distribution,
  IvrCallerModel,
  IvrHookModel,
  Scenario,
  ScenarioVariant,
  Shift,
  TicketModel,
} from './scenario.js';
