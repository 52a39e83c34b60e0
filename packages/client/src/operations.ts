import type { operations } from './generated/openapi.js';

/** How each operation the client calls is reached: method and path template. */
export const OPERATIONS = {
  createSocketTicket: ['POST', '/v1/socket-tickets'],
  listEvents: ['GET', '/v1/events'],
  listQueues: ['GET', '/v1/queues'],
  addQueue: ['POST', '/v1/queues'],
  getQueue: ['GET', '/v1/queues/{queueId}'],
  listAgents: ['GET', '/v1/agents'],
  addAgent: ['POST', '/v1/agents'],
  getAgent: ['GET', '/v1/agents/{agentId}'],
  loginAgent: ['POST', '/v1/agents/{agentId}/login'],
  logoutAgent: ['POST', '/v1/agents/{agentId}/logout'],
  setAgentPresence: ['POST', '/v1/agents/{agentId}/presence'],
  heartbeatAgent: ['POST', '/v1/agents/{agentId}/heartbeat'],
  createInteraction: ['POST', '/v1/interactions'],
  getInteraction: ['GET', '/v1/interactions/{interactionId}'],
  acceptOffer: ['POST', '/v1/interactions/{interactionId}/accept'],
  rejectOffer: ['POST', '/v1/interactions/{interactionId}/reject'],
  holdInteraction: ['POST', '/v1/interactions/{interactionId}/hold'],
  resumeInteraction: ['POST', '/v1/interactions/{interactionId}/resume'],
  transferInteraction: ['POST', '/v1/interactions/{interactionId}/transfer'],
  endInteraction: ['POST', '/v1/interactions/{interactionId}/end'],
  wrapUpInteraction: ['POST', '/v1/interactions/{interactionId}/wrap-up'],
  abandonInteraction: ['POST', '/v1/interactions/{interactionId}/abandon'],
  listTickets: ['GET', '/v1/tickets'],
  createTicket: ['POST', '/v1/tickets'],
  getTicket: ['GET', '/v1/tickets/{ticketId}'],
  updateTicket: ['PATCH', '/v1/tickets/{ticketId}'],
  addTicketComment: ['POST', '/v1/tickets/{ticketId}/comments'],
  getKpis: ['GET', '/v1/kpis'],
  listAuditEntries: ['GET', '/v1/audit'],
  addCustomer: ['POST', '/v1/customers'],
  findCustomer: ['GET', '/v1/customers/lookup'],
  getCustomer: ['GET', '/v1/customers/{customerId}'],
  updateCustomer: ['PATCH', '/v1/customers/{customerId}'],
  getCustomerView: ['GET', '/v1/customers/{customerId}/view'],
  getTranscript: ['GET', '/v1/interactions/{interactionId}/transcript'],
  addTranscriptMessage: ['POST', '/v1/interactions/{interactionId}/transcript'],
  listFlows: ['GET', '/v1/flows'],
  saveFlow: ['POST', '/v1/flows'],
  validateFlow: ['POST', '/v1/flows/validate'],
  getFlow: ['GET', '/v1/flows/{flowId}'],
  publishFlow: ['POST', '/v1/flows/{flowId}/versions/{version}/publish'],
  listTicketViews: ['GET', '/v1/ticket-views'],
  saveTicketView: ['PUT', '/v1/ticket-views/{viewId}'],
  deleteTicketView: ['DELETE', '/v1/ticket-views/{viewId}'],
  runTicketView: ['GET', '/v1/ticket-views/{viewId}/tickets'],
  getKpiReport: ['GET', '/v1/kpis/report'],
  planStaffing: ['POST', '/v1/staffing/plan'],
} as const satisfies Partial<Record<keyof operations, readonly [string, string]>>;

/** An operation the client calls. */
export type OperationId = keyof typeof OPERATIONS;

type Json<C> = C extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON body an operation takes (`never` when it takes none). */
export type RequestBody<Op extends OperationId> = operations[Op] extends {
  requestBody?: infer R;
}
  ? Json<NonNullable<R>>
  : never;

/** The JSON body of an operation's success response (200 or 201; `undefined` for 204). */
export type SuccessBody<Op extends OperationId> = operations[Op]['responses'] extends infer R
  ? R extends { 200: infer A }
    ? Json<A>
    : R extends { 201: infer B }
      ? Json<B>
      : R extends { 204: unknown }
        ? undefined
        : never
  : never;

/** Path parameters of an operation. */
export type PathParams<Op extends OperationId> = operations[Op]['parameters'] extends {
  path: infer P;
}
  ? P extends Record<string, string | number>
    ? P
    : never
  : never;

/** Query parameters of an operation. */
export type QueryParams<Op extends OperationId> = operations[Op]['parameters'] extends {
  query?: infer Q;
}
  ? NonNullable<Q>
  : never;
