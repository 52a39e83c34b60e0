import { test } from 'node:test';
import type { CrmAdapter } from '@switchboard/core/integrations';
import { VirtualClock } from '@switchboard/core/shared';
import { AdapterNetworkError } from '../http/index.js';
// Imported as a third party would, through the package's export map.
import { runCrmConformance } from '@switchboard/adapters/testing';
import { LocalCrm } from './index.js';

/** Wraps an adapter so every call fails as in an outage while `down`. */
function withOutage(adapter: CrmAdapter, state: { down: boolean }): CrmAdapter {
  return new Proxy(adapter, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || key === 'screenPop') return value;
      return (...args: unknown[]) =>
        state.down
          ? Promise.reject(new AdapterNetworkError('local CRM unreachable'))
          : (value as (...a: unknown[]) => unknown).apply(target, args);
    },
  });
}

runCrmConformance(
  {
    name: 'LocalCrm',
    async setup() {
      const clock = new VirtualClock(Date.UTC(2026, 11, 4));
      const crm = new LocalCrm({ clock });
      crm.addContact({
        name: 'Ada Lovelace',
        phones: ['+44 20 7946 0018'],
        emails: ['ada@example.com'],
      });
      const state = { down: false };
      return {
        adapter: withOutage(crm, state),
        customer: { name: 'Ada Lovelace', phone: '+442079460018', email: 'ada@example.com' },
        unknownPhone: '+15005550006',
        setOutage: (down) => {
          state.down = down;
        },
        activitiesFor: async (id) => crm.activities().filter((a) => a.interactionId === id),
        editTicketInSystem: async (ref, subject) => {
          clock.advance(1000);
          crm.editTicket(ref, { subject });
        },
      };
    },
  },
  test,
);
