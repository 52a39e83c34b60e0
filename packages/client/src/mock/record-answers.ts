import type {
  CustomerChange,
  CustomerIdentity,
  LocalContactCenter,
  NewCustomer,
  NewTranscriptMessage,
  TicketViewFilter,
} from '@switchboard/core/contact-center';
import type { KpiDimension, StaffingRequest } from '@switchboard/core/analytics';
import type { OperationId } from '../operations.js';

/** What one mocked operation receives. @internal */
export type Args = {
  params: Record<string, string>;
  body: unknown;
  query: URLSearchParams;
  center: LocalContactCenter;
};
/** Answers one mocked operation. @internal */
export type Answer = (args: Args) => Promise<unknown>;

const p = (args: Args, name: string) => args.params[name] as string;
const num = (q: URLSearchParams, name: string) =>
  q.get(name) === null ? undefined : Number(q.get(name));

/**
 * The mock's answers for customers, transcripts, IVR flows, ticket views, KPI intervals and
 * staffing, from the local center (as the server answers, without its checks).
 *
 * @internal
 */
export const RECORD_ANSWERS = {
  addCustomer: [201, ({ center, body }) => center.addCustomer(body as NewCustomer)],
  findCustomer: [
    200,
    ({ center, query }) =>
      center.findCustomer({
        kind: query.get('kind'),
        value: query.get('value'),
        ...(query.get('system') === null ? {} : { system: query.get('system') }),
      } as CustomerIdentity),
  ],
  getCustomer: [200, (a) => a.center.getCustomer(p(a, 'customerId'))],
  updateCustomer: [
    200,
    (a) => a.center.updateCustomer(p(a, 'customerId'), a.body as CustomerChange),
  ],
  getCustomerView: [200, (a) => a.center.getCustomerView(p(a, 'customerId'))],
  getTranscript: [200, (a) => a.center.getTranscript(p(a, 'interactionId'))],
  addTranscriptMessage: [
    201,
    (a) => a.center.addTranscriptMessage(p(a, 'interactionId'), a.body as NewTranscriptMessage),
  ],
  listFlows: [200, ({ center }) => center.listFlows()],
  saveFlow: [201, ({ center, body }) => center.saveFlow(body)],
  validateFlow: [200, ({ center, body }) => center.validateFlow(body)],
  getFlow: [200, (a) => a.center.getFlow(p(a, 'flowId'), num(a.query, 'version'))],
  publishFlow: [200, (a) => a.center.publishFlow(p(a, 'flowId'), Number(p(a, 'version')))],
  listTicketViews: [200, ({ center }) => center.listTicketViews()],
  saveTicketView: [
    200,
    (a) => {
      const { name, filter } = a.body as { name: string; filter: TicketViewFilter };
      return a.center.saveTicketView({ id: p(a, 'viewId'), name, filter });
    },
  ],
  deleteTicketView: [204, (a) => a.center.deleteTicketView(p(a, 'viewId'))],
  runTicketView: [
    200,
    (a) => {
      const limit = num(a.query, 'limit');
      const after = a.query.get('after');
      return a.center.runTicketView(p(a, 'viewId'), {
        ...(limit === undefined ? {} : { limit }),
        ...(after === null ? {} : { after }),
      });
    },
  ],
  getKpiReport: [
    200,
    ({ center, query }) => {
      const from = num(query, 'from');
      const to = num(query, 'to');
      const groupBy = query.get('groupBy');
      return center.getKpiReport({
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
        ...(groupBy === null ? {} : { groupBy: groupBy as KpiDimension }),
      });
    },
  ],
  planStaffing: [
    200,
    ({ center, body }) => {
      const { rowsBefore, rowsAfter, ...request } = body as StaffingRequest & {
        rowsBefore?: number;
        rowsAfter?: number;
      };
      return center.planStaffing(request, {
        ...(rowsBefore === undefined ? {} : { rowsBefore }),
        ...(rowsAfter === undefined ? {} : { rowsAfter }),
      });
    },
  ],
} as const satisfies Partial<Record<OperationId, readonly [number, Answer]>>;
