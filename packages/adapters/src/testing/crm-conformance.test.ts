import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CrmAdapter } from '@switchboard/core/integrations';
import { VirtualClock } from '@switchboard/core/shared';
import { LocalCrm } from '../local/index.js';
import { crmConformanceCases } from './index.js';
import type { CrmConformanceHarness } from './index.js';

/** A harness over a LocalCrm with one behaviour broken by `breakIt`. */
function brokenHarness(breakIt: (crm: LocalCrm) => Partial<CrmAdapter>): CrmConformanceHarness {
  return {
    name: 'broken',
    async setup() {
      const clock = new VirtualClock(1_000_000);
      const crm = new LocalCrm({ clock });
      crm.addContact({ name: 'Ada', phones: ['+442079460018'], emails: ['ada@example.com'] });
      const overrides = breakIt(crm);
      const adapter = new Proxy(crm, {
        get: (t, k, r) =>
          k in overrides ? overrides[k as keyof CrmAdapter] : Reflect.get(t, k, r),
      });
      return {
        adapter,
        customer: { name: 'Ada', phone: '+442079460018', email: 'ada@example.com' },
        unknownPhone: '+15005550006',
        setOutage: () => undefined,
        activitiesFor: async (id) => crm.activities().filter((a) => a.interactionId === id),
        editTicketInSystem: async (ref, subject) => {
          clock.advance(1000);
          crm.editTicket(ref, { subject });
        },
      };
    },
  };
}

const caseNamed = (h: CrmConformanceHarness, fragment: string) => {
  const found = crmConformanceCases(h).find((c) => c.name.includes(fragment));
  assert.ok(found, fragment);
  return found;
};

test('the suite fails an adapter that logs twice under one key', async () => {
  let n = 0;
  const h = brokenHarness((crm) => ({
    logActivity: (record, _o) => crm.logActivity(record, { idempotencyKey: `k${n++}` }),
  }));
  await assert.rejects(caseNamed(h, 'disposition logging').run(), /one activity per key/);
});

test('the suite fails an adapter that overwrites newer CRM changes', async () => {
  const h = brokenHarness((crm) => ({
    updateTicket: async (ref, draft) => {
      const t = await crm.getTicket(ref);
      return crm.updateTicket(ref, draft, t!);
    },
  }));
  await assert.rejects(caseNamed(h, 'ticket sync').run(), /newer system state is refused/);
});

test('the suite fails an adapter that cannot be taken down (outage never observed)', async () => {
  await assert.rejects(
    caseNamed(
      brokenHarness(() => ({})),
      'outage',
    ).run(),
  );
});

test('the suite fails an adapter whose click-to-dial returns raw numbers', async () => {
  const h = brokenHarness(() => ({
    dialTargets: async (ref) => [{ number: '020 7946 0018', label: 'phone', ref }],
  }));
  await assert.rejects(caseNamed(h, 'click-to-dial').run());
});
