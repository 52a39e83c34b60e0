import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DisposedError, InvalidTransitionError, VirtualClock } from '../shared/index.js';
import type { RoutingEvent } from '../routing/index.js';
import { TicketEngine, ticketCommandMachine } from './index.js';
import type { TicketEngineSnapshot } from './index.js';
import { FRIDAY_3PM, H, setup } from './fixtures/ticket-fixtures.js';

/** Resolves after the engine's next batch of notifications (microtask-batched). */
function nextBatch(): Promise<void> {
  return new Promise((resolve) => queueMicrotask(resolve));
}

describe('TicketEngine subscriptions', () => {
  it('notifies a selector only when its slice changes', async () => {
    const { engine, clock } = setup();
    const seen: number[] = [];
    const all: TicketEngineSnapshot[] = [];
    engine.subscribe(
      (s) => s.byStatus.open,
      (open) => seen.push(open),
    );
    engine.subscribe((s) => all.push(s));
    const t = engine.create({ subject: 'a', requesterId: 'c' });
    await nextBatch();
    assert.deepEqual(seen, []); // a new ticket is not open: the slice did not change
    assert.equal(all.length, 1);
    engine.setStatus(t.id, 'open');
    await nextBatch();
    assert.deepEqual(seen, [1]);
    engine.addTags(t.id, ['x']);
    await nextBatch();
    assert.deepEqual(seen, [1]);
    assert.equal(all.length, 3);
    // An SLA breach fired by the timer notifies too.
    const before = all.length;
    clock.advanceTo(Date.UTC(2026, 2, 9, 18)); // Monday afternoon: first response is late
    await nextBatch();
    assert.ok(all.length > before);
    assert.ok((all.at(-1) as TicketEngineSnapshot).bySlaState.breached >= 1);
    engine.dispose();
  });

  it('takes an equality function for derived slices', async () => {
    const { engine } = setup();
    const calls: (readonly number[])[] = [];
    engine.subscribe(
      (s) => [s.byStatus.new, s.byStatus.open],
      (pair) => calls.push(pair),
      (a, b) => a[0] === b[0] && a[1] === b[1],
    );
    const t = engine.create({ subject: 'a', requesterId: 'c' });
    await nextBatch();
    engine.addTags(t.id, ['x']); // counts unchanged: no call despite a new array
    await nextBatch();
    assert.deepEqual(calls, [[1, 0]]);
    engine.dispose();
  });
});

describe('TicketEngine.dispose', () => {
  it('is idempotent, keeps reads, and every command throws DisposedError afterwards', async () => {
    const { engine } = setup();
    const t = engine.create({ subject: 'a', requesterId: 'c' });
    let notified = 0;
    engine.subscribe(() => notified++);
    engine.dispose();
    engine.dispose();
    assert.equal(engine.getSnapshot().status, 'disposed');
    assert.equal(engine.get(t.id).subject, 'a');
    assert.equal(engine.all().length, 1);
    const commands: [string, () => unknown][] = [
      ['create', () => engine.create({ subject: 'x', requesterId: 'c' })],
      ['update', () => engine.update(t.id, { version: 1, subject: 'y' })],
      ['setStatus', () => engine.setStatus(t.id, 'open')],
      ['reopen', () => engine.reopen(t.id)],
      ['addComment', () => engine.addComment(t.id, { author: { kind: 'system' }, body: 'b' })],
      ['assign', () => engine.assign(t.id, { agentId: 'ann' })],
      ['changeTags', () => engine.addTags(t.id, ['x'])],
      ['changeTags', () => engine.removeTags(t.id, ['x'])],
      ['linkInteraction', () => engine.linkInteraction(t.id, 'ix-1')],
      ['transferRegion', () => engine.transferRegion(t.id, 'eu')],
      ['route', () => engine.route(t.id, { queueId: 'q' })],
      ['defineTeam', () => engine.defineTeam({ id: 's', members: [] })],
      ['addRule', () => engine.addRule({ id: 'r', on: ['created'], actions: [] })],
      ['removeRule', () => engine.removeRule('r')],
    ];
    for (const [command, run] of commands) {
      assert.throws(
        run,
        (err: unknown) =>
          err instanceof DisposedError &&
          err.code === 'DISPOSED' &&
          err.subject === 'TicketEngine' &&
          err.command === command,
        command,
      );
    }
    await nextBatch();
    assert.equal(notified, 0);
    assert.equal(engine.get(t.id).version, 1); // nothing changed
  });

  it('stops the SLA timer and the router listener', () => {
    const clock = new VirtualClock(FRIDAY_3PM);
    const listeners = new Set<(e: RoutingEvent) => void>();
    const router = {
      enqueue: () => 'ix-1',
      onEvent: (l: (e: RoutingEvent) => void) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    } as unknown as ConstructorParameters<typeof TicketEngine>[0] extends infer O
      ? O extends { router?: infer R }
        ? R
        : never
      : never;
    const { engine } = setup({ clock, router });
    const events: string[] = [];
    engine.onEvent((e) => events.push(e.type));
    engine.create({ subject: 'a', requesterId: 'c', priority: 'urgent' });
    assert.equal(listeners.size, 1);
    assert.ok(engine.getSnapshot().nextDueAt !== undefined);
    events.length = 0;
    engine.dispose();
    assert.equal(listeners.size, 0);
    clock.advance(200 * H);
    assert.deepEqual(events, []);
  });

  it('answers Symbol.dispose, so `using` disposes the engine', () => {
    const { engine } = setup();
    const dispose = (engine as unknown as Record<symbol, () => void>)[Symbol.dispose];
    assert.equal(typeof dispose, 'function');
    dispose?.call(engine);
    assert.equal(engine.getSnapshot().status, 'disposed');
  });
});

describe('refusals go through the machines', () => {
  it('refuses commands on a closed ticket with the commands its status accepts', () => {
    const { engine, clock } = setup({ reopenWindowMs: H });
    const t = engine.create({ subject: 'a', requesterId: 'c' });
    assert.throws(
      () => engine.reopen(t.id),
      (err: unknown) =>
        err instanceof InvalidTransitionError &&
        err.event === 'reopen' &&
        err.allowed.join() === 'comment,assign,route,transfer-region',
    );
    engine.setStatus(t.id, 'solved');
    clock.advance(2 * H); // auto-closed
    assert.equal(engine.get(t.id).status, 'closed');
    for (const run of [
      () => engine.addComment(t.id, { author: { kind: 'agent', id: 'a' }, body: 'b' }),
      () => engine.assign(t.id, { agentId: 'ann' }),
      () => engine.transferRegion(t.id, 'eu'),
      () => engine.reopen(t.id),
    ]) {
      assert.throws(
        run,
        (err: unknown) =>
          err instanceof InvalidTransitionError &&
          err.state === 'closed' &&
          err.allowed.length === 0 &&
          err.entityId === t.id,
      );
    }
    assert.equal(ticketCommandMachine.transition('solved', 'reopen'), 'open');
    engine.dispose();
  });
});
