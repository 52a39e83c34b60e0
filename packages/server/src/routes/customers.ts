import type {
  CustomerChange,
  CustomerIdentity,
  NewCustomer,
} from '@switchboard/core/contact-center';
import type { Handler } from '../handlers.js';

/** `/v1/customers`: profiles, lookup by identity, the unified view. */
export const customerHandlers: Readonly<Record<string, Handler>> = {
  addCustomer: async ({ center, body }) => ({
    status: 201,
    body: await center.addCustomer(body as NewCustomer),
  }),
  findCustomer: async ({ center, query }) => {
    const identity = {
      kind: query['kind'],
      value: query['value'],
      ...(query['system'] === undefined ? {} : { system: query['system'] }),
    } as CustomerIdentity;
    return { status: 200, body: await center.findCustomer(identity) };
  },
  getCustomer: async ({ center, params }) => ({
    status: 200,
    body: await center.getCustomer(params['customerId'] as string),
  }),
  updateCustomer: async ({ center, params, body }) => ({
    status: 200,
    body: await center.updateCustomer(params['customerId'] as string, body as CustomerChange),
  }),
  getCustomerView: async ({ center, params }) => ({
    status: 200,
    body: await center.getCustomerView(params['customerId'] as string),
  }),
};
