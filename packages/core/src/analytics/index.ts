/**
 * Analytics: contact-center KPIs from the routing event stream, and Erlang B / C / A staffing math.
 *
 * @packageDocumentation
 */
export { erlangB, MAX_AGENTS } from './erlang-b.js';
export { erlangC, erlangCMetrics } from './erlang-c.js';
export type { ErlangCInput, ErlangCMetrics } from './erlang-c.js';
export { erlangAMetrics, MAX_ARRIVALS_PER_PATIENCE, MAX_PATIENCE_SECONDS } from './erlang-a.js';
export type { ErlangAInput, ErlangAMetrics } from './erlang-a.js';
export {
  applyShrinkage,
  MAX_STAFFING_TABLE_WORK,
  planStaffing,
  requiredAgents,
  StaffingModel,
  validateStaffingRequest,
} from './staffing.js';
export type {
  StaffingPlan,
  StaffingPlanOptions,
  StaffingRequest,
  StaffingRow,
} from './staffing.js';
export { KpiTracker, validateKpiOptions } from './kpi-tracker.js';
export type { KpiTrackerOptions } from './kpi-tracker.js';
export { KpiDimension } from './kpi-types.js';
export type {
  AnalyticsEvent,
  KpiOptions,
  KpiQuery,
  KpiReport,
  KpiSnapshot,
  KpiValues,
  SurveyAnsweredEvent,
} from './kpi-types.js';
export { FIFTEEN_MINUTES_MS, slidingWindow, today } from './time-windows.js';
