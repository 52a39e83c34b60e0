import { NotFoundError } from '@switchboard/core/shared';
import type { Handler } from '../handlers.js';

/** `/v1/flows`: the versioned IVR flow library. */
export const flowHandlers: Readonly<Record<string, Handler>> = {
  listFlows: async ({ center }) => ({ status: 200, body: await center.listFlows() }),
  saveFlow: async ({ center, body }) => ({ status: 201, body: await center.saveFlow(body) }),
  validateFlow: async ({ center, body }) => ({
    status: 200,
    body: await center.validateFlow(body),
  }),
  getFlow: async ({ center, params, query, asCustomer }) => {
    const flowId = params['flowId'] as string;
    const version = typeof query['version'] === 'number' ? query['version'] : undefined;
    const flow = await center.getFlow(flowId, version);
    // A visitor's page runs the live bot only: drafts and retired versions are staff data.
    if (asCustomer && flow.status !== 'published') {
      throw version === undefined
        ? new NotFoundError('IVR flow', flowId)
        : new NotFoundError('IVR flow version', `${flowId}@${version}`);
    }
    return { status: 200, body: flow };
  },
  publishFlow: async ({ center, params }) => ({
    status: 200,
    body: await center.publishFlow(params['flowId'] as string, Number(params['version'])),
  }),
};
