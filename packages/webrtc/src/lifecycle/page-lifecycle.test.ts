import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VirtualClock, sequentialIds } from '@switchboard/core/shared';
import { FakeSipNetwork } from '../testing/fake-sip-network.js';
import { Phone } from '../phone/phone.js';
import { PageLifecycle, bindPageLifecycle } from './page-lifecycle.js';

class FakeDocument extends EventTarget {
  visibilityState = 'visible';
}

test('renews the lease while registered, stops while frozen, renews and re-registers on resume', async () => {
  const clock = new VirtualClock(0);
  const net = new FakeSipNetwork();
  const phone = new Phone({
    transport: net.createTransport({ uri: 'sip:alice@t' }),
    clock,
    ids: sequentialIds(),
  });
  const doc = new FakeDocument();
  const page = new PageLifecycle(doc);
  const renewals: number[] = [];
  bindPageLifecycle(
    phone,
    page,
    { renew: () => void renewals.push(clock.now()), intervalMs: 1000 },
    clock,
  );
  await phone.start();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(renewals, [0]);
  clock.advance(2000);
  assert.deepEqual(renewals, [0, 1000, 2000]);

  doc.visibilityState = 'hidden';
  doc.dispatchEvent(new Event('visibilitychange'));
  doc.dispatchEvent(new Event('freeze'));
  await Promise.resolve(); // page notifications are batched per microtask
  assert.equal(page.current, 'frozen');
  clock.advance(5000);
  assert.deepEqual(renewals, [0, 1000, 2000]);

  const registersBefore = net.sent.filter((m) => m === 'REGISTER').length;
  doc.dispatchEvent(new Event('resume'));
  await Promise.resolve();
  assert.equal(page.current, 'hidden');
  assert.equal(renewals.at(-1), 7000);
  assert.equal(net.sent.filter((m) => m === 'REGISTER').length, registersBefore + 1);
  clock.advance(1000);
  assert.equal(renewals.at(-1), 8000);

  phone.stop();
  await Promise.resolve();
  clock.advance(5000);
  assert.equal(renewals.at(-1), 8000);
});
