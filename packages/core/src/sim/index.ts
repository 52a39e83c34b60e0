/**
 * The contact-center simulator: runs scenarios (arrivals, handle times, patience, agents with
 * shifts and breaks) on the real router in virtual time and reports KPIs.
 *
 * @packageDocumentation
 */
export { runSimulation } from './simulator.js';
export type { SimulationOptions, SimulationResult } from './simulator.js';
export type { SimulationReport } from './simulation-report.js';
export { parseScenario, validateScenario } from './validate-scenario.js';
export type {
  AgentGroup,
  ArrivalStream,
  Break,
  Distribution,
  Scenario,
  ScenarioVariant,
  Shift,
} from './scenario.js';
