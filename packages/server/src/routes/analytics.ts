import type { KpiDimension, KpiQuery, StaffingRequest } from '@switchboard/core/analytics';
import type { Handler } from '../handlers.js';

/** `/v1/kpis/report` and `/v1/staffing/plan`: KPI intervals and Erlang staffing. */
export const analyticsHandlers: Readonly<Record<string, Handler>> = {
  getKpiReport: async ({ center, query }) => {
    const q: { -readonly [K in keyof KpiQuery]: KpiQuery[K] } = {};
    if (typeof query['from'] === 'number') q.from = query['from'];
    if (typeof query['to'] === 'number') q.to = query['to'];
    if (typeof query['groupBy'] === 'string') q.groupBy = query['groupBy'] as KpiDimension;
    return { status: 200, body: await center.getKpiReport(q) };
  },
  planStaffing: async ({ center, body }) => {
    const { rowsBefore, rowsAfter, ...request } = body as StaffingRequest & {
      rowsBefore?: number;
      rowsAfter?: number;
    };
    const options = {
      ...(rowsBefore === undefined ? {} : { rowsBefore }),
      ...(rowsAfter === undefined ? {} : { rowsAfter }),
    };
    return { status: 200, body: await center.planStaffing(request, options) };
  },
};
