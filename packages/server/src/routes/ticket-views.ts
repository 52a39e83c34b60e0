import type { TicketViewFilter, TicketViewPage } from '@switchboard/core/contact-center';
import type { Handler } from '../handlers.js';

/** `/v1/ticket-views`: saved ticket filters and their pages. */
export const ticketViewHandlers: Readonly<Record<string, Handler>> = {
  listTicketViews: async ({ center }) => ({ status: 200, body: await center.listTicketViews() }),
  saveTicketView: async ({ center, params, body }) => {
    const { name, filter } = body as { name: string; filter: TicketViewFilter };
    return {
      status: 200,
      body: await center.saveTicketView({ id: params['viewId'] as string, name, filter }),
    };
  },
  deleteTicketView: async ({ center, params }) => {
    await center.deleteTicketView(params['viewId'] as string);
    return { status: 204, body: undefined };
  },
  runTicketView: async ({ center, params, query }) => {
    const page: { -readonly [K in keyof TicketViewPage]: TicketViewPage[K] } = {};
    if (typeof query['limit'] === 'number') page.limit = query['limit'];
    if (typeof query['after'] === 'string') page.after = query['after'];
    return { status: 200, body: await center.runTicketView(params['viewId'] as string, page) };
  },
};
