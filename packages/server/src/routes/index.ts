import type { Handler } from '../handlers.js';
import { analyticsHandlers } from './analytics.js';
import { customerHandlers } from './customers.js';
import { customerTokenHandlers } from './customer-tokens.js';
import { flowHandlers } from './flows.js';
import { gdprHandlers } from './gdpr.js';
import { ticketViewHandlers } from './ticket-views.js';
import { transcriptHandlers } from './transcripts.js';

/**
 * The route modules' handlers by `operationId` (customers, customer tokens, transcripts, IVR flows,
 * ticket views, KPI intervals and staffing), merged into the server's handler table.
 *
 * @internal
 */
export const routeHandlers: Readonly<Record<string, Handler>> = {
  ...customerHandlers,
  ...customerTokenHandlers,
  ...transcriptHandlers,
  ...flowHandlers,
  ...ticketViewHandlers,
  ...analyticsHandlers,
  ...gdprHandlers,
};
