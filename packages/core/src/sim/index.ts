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
export { parseScenario, validateScenario } from './validate-scenario.js';
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
