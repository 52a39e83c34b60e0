import type { Handler } from '../handlers.js';

/** `/v1/flows`: the versioned IVR flow library. */
export const flowHandlers: Readonly<Record<string, Handler>> = {
  listFlows: async ({ center }) => ({ status: 200, body: await center.listFlows() }),
  saveFlow: async ({ center, body }) => ({ status: 201, body: await center.saveFlow(body) }),
  validateFlow: async ({ center, body }) => ({
    status: 200,
    body: await center.validateFlow(body),
  }),
  getFlow: async ({ center, params, query }) => ({
    status: 200,
    body: await center.getFlow(
      params['flowId'] as string,
      typeof query['version'] === 'number' ? query['version'] : undefined,
    ),
  }),
  publishFlow: async ({ center, params }) => ({
    status: 200,
    body: await center.publishFlow(params['flowId'] as string, Number(params['version'])),
  }),
};
