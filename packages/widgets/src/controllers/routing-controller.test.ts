// The controller only needs the ReactiveControllerHost contract, so Node can prove it without a DOM.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createRoutingFixture } from '@switchboard/core/testing';
import { RoutingController } from './routing-controller.js';

class FakeHost implements ReactiveControllerHost {
  controllers: ReactiveController[] = [];
  updates = 0;
  addController(c: ReactiveController) {
    this.controllers.push(c);
  }
  removeController() {}
  requestUpdate() {
    this.updates++;
  }
  get updateComplete() {
    return Promise.resolve(true);
  }
}

it('follows the engine while connected, and stops when disconnected', async () => {
  const { engine } = createRoutingFixture({ queues: [{ id: 'q', requirements: [] }] });
  const host = new FakeHost();
  const controller = new RoutingController(host, engine);
  assert.equal(controller.value as unknown, undefined);
  controller.hostConnected();
  assert.equal(controller.value?.queues.length, 1);
  engine.enqueue({ queueId: 'q' });
  await Promise.resolve();
  assert.deepEqual(controller.value?.queues[0]?.waiting, ['ix-1']);
  const updates = host.updates;
  controller.hostDisconnected();
  engine.enqueue({ queueId: 'q' });
  await Promise.resolve();
  assert.equal(host.updates, updates);
});
