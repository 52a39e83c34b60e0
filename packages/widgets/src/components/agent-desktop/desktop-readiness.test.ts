// DesktopReadiness on its own (Node): a local center (wrapped to count calls and to fail on
// demand), a Phone over the in-memory SIP network of @switchboard/webrtc/testing, a page double
// (an EventTarget with a visibilityState) and a VirtualClock. No sleeps: `flush()` only lets the
// promises and microtasks that are already queued run.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  createLocalContactCenter,
  type ContactCenter,
  type LocalContactCenter,
} from '@switchboard/core/contact-center';
import { DisposedError, VirtualClock, type Clock } from '@switchboard/core/shared';
import { Phone } from '@switchboard/webrtc';
import { FakeSipNetwork } from '@switchboard/webrtc/testing';
import {
  DesktopReadiness,
  readinessMachine,
  type DesktopReadinessOptions,
  type DesktopReadinessSnapshot,
} from './desktop-readiness.js';

const START = Date.UTC(2026, 11, 4, 10, 0, 0);

/** A document double: dispatch `visibilitychange`, `freeze`, `resume` and `online` on it. */
class FakePage extends EventTarget {
  visibilityState: 'visible' | 'hidden' = 'visible';
  hide(): void {
    this.visibilityState = 'hidden';
    this.dispatchEvent(new Event('visibilitychange'));
  }
  show(): void {
    this.visibilityState = 'visible';
    this.dispatchEvent(new Event('visibilitychange'));
  }
  freeze(): void {
    this.dispatchEvent(new Event('freeze'));
  }
  resume(): void {
    this.dispatchEvent(new Event('resume'));
  }
  online(): void {
    this.dispatchEvent(new Event('online'));
  }
}

/** Lets everything already queued run (promises, microtasks, the fake network's deliveries). */
async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** A center whose calls are counted, and whose next calls of a method can be made to fail. */
function spied(center: ContactCenter) {
  const calls = new Map<string, number>();
  const failing = new Map<string, unknown>();
  const proxy = new Proxy(center, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      return (...args: unknown[]) => {
        calls.set(key, (calls.get(key) ?? 0) + 1);
        if (failing.has(key)) return Promise.reject(failing.get(key));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { center: proxy, calls, failing, count: (key: string) => calls.get(key) ?? 0 };
}

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

async function setup(
  options: {
    phone?: boolean;
    leaseTtlMs?: number;
    clock?: Clock;
    start?: boolean;
    readiness?: Partial<DesktopReadinessOptions>;
  } = {},
) {
  const clock = (options.clock ?? new VirtualClock(START)) as VirtualClock;
  const local: LocalContactCenter = createLocalContactCenter({
    clock,
    routingOptions: options.leaseTtlMs ? { leaseTtlMs: options.leaseTtlMs } : {},
  });
  await local.addAgent({ id: 'alice', skills: {} });
  await local.login('alice');
  const spy = spied(local);
  const net = new FakeSipNetwork({ passwords: { alice: 'a' } });
  const phone = options.phone
    ? new Phone({ transport: net.createTransport({ uri: 'sip:alice@test', password: 'a' }), clock })
    : undefined;
  if (phone && options.start !== false) {
    await phone.start();
  }
  const page = new FakePage();
  const seen: DesktopReadinessSnapshot[] = [];
  const readiness = new DesktopReadiness({
    center: spy.center,
    agentId: 'alice',
    phone,
    clock,
    document: page,
    ...options.readiness,
  });
  readiness.subscribe((s) => seen.push(s));
  cleanup.push(() => {
    readiness.dispose();
    phone?.dispose();
    local.dispose();
  });
  await flush();
  const registers = () => net.sent.filter((m) => m === 'REGISTER').length;
  return { clock, local, spy, net, phone, page, readiness, seen, registers };
}

const statuses = (seen: readonly DesktopReadinessSnapshot[]) =>
  seen.map((s) => (s.status === 'ready' ? `ready(${s.cause})` : `${s.status}:${s.step}`));

describe('DesktopReadiness', () => {
  it('syncs at once: authenticates, reads the agent, then is ready', async () => {
    const { readiness, spy, seen } = await setup();
    assert.deepEqual(statuses(seen), ['syncing:resyncing', 'ready(connect)']);
    const s = readiness.getSnapshot();
    assert.equal(s.status, 'ready');
    assert.equal(s.status === 'ready' && s.generation, 1);
    assert.equal(spy.count('getLastSeq'), 1);
    assert.equal(spy.count('getAgent'), 1);
  });

  it('starts an idle phone and waits for it to register before it is ready', async () => {
    const { readiness, phone, seen } = await setup({ phone: true, start: false });
    assert.equal(phone?.getSnapshot().status, 'registered');
    assert.deepEqual(statuses(seen).slice(-3), [
      'syncing:registering',
      'syncing:resyncing',
      'ready(connect)',
    ]);
    assert.equal(readiness.getSnapshot().status, 'ready');
  });

  it('after a freeze longer than the threshold, registers again and reads the agent again', async () => {
    const { page, clock, spy, registers, readiness, seen } = await setup({ phone: true });
    const before = registers();
    page.hide();
    page.freeze();
    await flush();
    clock.advance(31_000);
    page.resume();
    page.show();
    await flush();
    assert.equal(registers(), before + 1, 'a fresh REGISTER');
    assert.equal(spy.count('getAgent'), 2);
    assert.equal(spy.count('getLastSeq'), 2, 'a request through the center (a fresh token)');
    const s = readiness.getSnapshot();
    assert.equal(s.status === 'ready' && `${s.cause} ${s.generation}`, 'resume 2');
    assert.ok(statuses(seen).includes('syncing:registering'));
  });

  it('does not sync after a short absence; resync-after-ms 0 syncs on every return', async () => {
    const { page, clock, spy } = await setup({ readiness: { resyncAfterMs: 30_000 } });
    page.hide();
    await flush();
    clock.advance(29_000);
    page.show();
    await flush();
    assert.equal(spy.count('getAgent'), 1, 'no sync after 29 s');
    page.hide();
    await flush();
    clock.advance(30_000);
    page.show();
    await flush();
    assert.equal(spy.count('getAgent'), 2, 'a sync after 30 s');

    const always = await setup({ readiness: { resyncAfterMs: 0 } });
    always.page.hide();
    await flush();
    always.page.show();
    await flush();
    assert.equal(always.spy.count('getAgent'), 2);
  });

  it('syncs when a frozen background tab resumes, and counts the next absence from then', async () => {
    const { page, clock, spy } = await setup();
    page.hide();
    page.freeze();
    await flush();
    clock.advance(60_000);
    page.resume(); // still hidden
    await flush();
    assert.equal(spy.count('getAgent'), 2);
    clock.advance(10_000);
    page.show();
    await flush();
    assert.equal(spy.count('getAgent'), 2, 'shown 10 s after the sync');
  });

  it('syncs when the browser goes online again', async () => {
    const { page, spy, readiness } = await setup();
    page.online();
    await flush();
    assert.equal(spy.count('getAgent'), 2);
    const s = readiness.getSnapshot();
    assert.equal(s.status === 'ready' && s.cause, 'online');
  });

  it('fails on a refused token with its reason, and a retry after the host recovers is ready', async () => {
    const { page, spy, readiness } = await setup();
    const refused = Object.assign(new Error('getLastSeq: the server could not be reached'), {
      cause: new Error('session expired'),
    });
    spy.failing.set('getLastSeq', refused);
    page.online();
    await flush();
    const failed = readiness.getSnapshot();
    assert.equal(failed.status, 'error');
    assert.equal(failed.status === 'error' && failed.step, 'authenticating');
    assert.equal(failed.status === 'error' && failed.reason, 'session expired');
    assert.equal(failed.status === 'error' && failed.error, refused);
    readiness.retry(); // still refused
    await flush();
    assert.equal(readiness.getSnapshot().status, 'error');
    spy.failing.delete('getLastSeq');
    readiness.retry();
    await flush();
    const s = readiness.getSnapshot();
    assert.equal(s.status === 'ready' && s.cause, 'retry');
  });

  it('fails when the phone does not register in time; a retry once the network is back is ready', async () => {
    const { page, clock, net, readiness } = await setup({
      phone: true,
      readiness: { registerTimeoutMs: 5_000 },
    });
    net.dropConnections();
    page.online();
    await flush();
    const syncing = readiness.getSnapshot();
    assert.equal(syncing.status === 'syncing' && syncing.step, 'registering');
    clock.advance(5_000);
    await flush();
    const failed = readiness.getSnapshot();
    assert.equal(failed.status, 'error');
    assert.equal(failed.status === 'error' && failed.step, 'registering');
    assert.equal(
      failed.status === 'error' && (failed.error as { code?: string }).code,
      'SIP_TRANSPORT_UNREACHABLE',
    );
    assert.match(failed.status === 'error' ? failed.reason : '', /cannot be reached/);
    net.restore();
    readiness.retry();
    await flush();
    assert.equal(readiness.getSnapshot().status, 'ready');
  });

  it('shows a refused registration as an error (bad credentials)', async () => {
    const clock = new VirtualClock(START);
    const local = createLocalContactCenter({ clock });
    await local.addAgent({ id: 'alice', skills: {} });
    const net = new FakeSipNetwork({ passwords: { alice: 'right' } });
    const phone = new Phone({
      transport: net.createTransport({ uri: 'sip:alice@test', password: 'wrong' }),
      clock,
    });
    const readiness = new DesktopReadiness({
      center: local,
      agentId: 'alice',
      phone,
      clock,
      document: new FakePage(),
    });
    cleanup.push(() => {
      readiness.dispose();
      phone.dispose();
      local.dispose();
    });
    await flush();
    const s = readiness.getSnapshot();
    assert.equal(
      s.status === 'error' && (s.error as { code?: string }).code,
      'SIP_REGISTRATION_FAILED',
    );
    assert.equal(s.status === 'error' && s.reason, 'Check the user name and password.');
  });

  it('a new cause restarts a sync under way; the overtaken run changes nothing', async () => {
    const { page, clock, net, readiness, spy } = await setup({ phone: true });
    net.dropConnections();
    page.online();
    await flush();
    page.online(); // a second cause while waiting for the phone
    await flush();
    net.restore();
    await flush();
    const s = readiness.getSnapshot();
    assert.equal(s.status === 'ready' && s.generation, 2, 'one sync finished, not two');
    assert.equal(spy.count('getAgent'), 2);
    clock.advance(60_000); // the overtaken run's timeout was cleared: no error
    await flush();
    assert.equal(readiness.getSnapshot().status, 'ready');
  });

  it('renews the lease while ready and not frozen, at once after a short freeze, never for an offline agent', async () => {
    const { page, clock, spy } = await setup({
      leaseTtlMs: 60_000,
      readiness: { heartbeatMs: 20_000 },
    });
    assert.equal(spy.count('heartbeat'), 1, 'at once when ready');
    clock.advance(40_000);
    await flush();
    assert.equal(spy.count('heartbeat'), 3);
    page.hide();
    await flush();
    clock.advance(20_000);
    await flush();
    assert.equal(spy.count('heartbeat'), 4, 'a background tab renews too');
    page.show(); // hidden for 20 s: no sync
    await flush();
    page.freeze();
    await flush();
    clock.advance(20_000);
    await flush();
    assert.equal(spy.count('heartbeat'), 4, 'not while frozen');
    page.resume(); // frozen for 20 s: no sync, but a renewal at once
    await flush();
    assert.equal(spy.count('heartbeat'), 5);
    assert.equal(spy.count('getAgent'), 1);

    const off = await setup({ leaseTtlMs: 60_000, readiness: { heartbeatMs: 0 } });
    off.clock.advance(60_000);
    await flush();
    assert.equal(off.spy.count('heartbeat'), 0, 'heartbeat-ms 0 renews nothing');

    const offline = await setup({
      leaseTtlMs: 60_000,
      readiness: { heartbeatMs: 20_000, presence: () => 'offline' },
    });
    offline.clock.advance(60_000);
    await flush();
    assert.equal(offline.spy.count('heartbeat'), 0, 'no renewal for an offline agent');
  });

  it('treats a timer that fires far too late as a sleep: it syncs again', async () => {
    // A clock whose time jumps (a laptop lid closed) before the pending timer runs.
    let now = START;
    const timers: { at: number; fn: () => void }[] = [];
    const clock: Clock = {
      now: () => now,
      setTimeout: (fn, ms) => {
        const t = { at: now + ms, fn };
        timers.push(t);
        return t;
      },
      clearTimeout: (h) => {
        const i = timers.indexOf(h as (typeof timers)[number]);
        if (i >= 0) timers.splice(i, 1);
      },
    };
    const { spy, readiness } = await setup({ clock, readiness: { heartbeatMs: 20_000 } });
    assert.equal(spy.count('getAgent'), 1);
    now += 5 * 60_000; // asleep for five minutes
    const due = timers.splice(0);
    for (const t of due) t.fn();
    await flush();
    assert.equal(spy.count('getAgent'), 2);
    const s = readiness.getSnapshot();
    assert.equal(s.status === 'ready' && s.cause, 'resume');
  });

  it('stops on dispose: no more syncs, no renewals; retry throws; dispose is idempotent', async () => {
    const { page, clock, spy, readiness } = await setup({ leaseTtlMs: 60_000 });
    readiness.dispose();
    readiness.dispose();
    page.online();
    clock.advance(60_000);
    await flush();
    assert.equal(spy.count('getAgent'), 1);
    assert.equal(spy.count('heartbeat'), 1);
    assert.throws(() => readiness.retry(), DisposedError);
    assert.equal(readiness.getSnapshot().status, 'ready', 'the last snapshot stays readable');
  });

  it('enforces its transition table', () => {
    assert.equal(readinessMachine.can('ready', 'synced'), false);
    assert.throws(() => readinessMachine.transition('error', 'synced'), /synced/);
    // Every state can start a sync; only a sync can finish or fail.
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('sync', 'advance', 'synced', 'fail' as const), {
          maxLength: 40,
        }),
        (events) => {
          let state: 'syncing' | 'ready' | 'error' = 'syncing';
          for (const event of events) {
            const allowed = readinessMachine.can(state, event);
            assert.equal(allowed, event === 'sync' || state === 'syncing');
            if (allowed) state = readinessMachine.transition(state, event);
          }
        },
      ),
    );
  });

  it('never renews while frozen or not ready, whatever the page does (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.constantFrom('hide', 'show', 'freeze', 'resume', 'online', 'retry', 'fail', 'heal'),
            fc.integer({ min: 1, max: 90_000 }),
          ),
          { maxLength: 25 },
        ),
        async (steps) => {
          const t = await setup({ leaseTtlMs: 60_000, readiness: { heartbeatMs: 20_000 } });
          let frozen = false;
          let renewedWrongly = false;
          let beats = t.spy.count('heartbeat');
          for (const step of steps) {
            if (typeof step === 'number') t.clock.advance(step);
            else if (step === 'hide' || step === 'show') {
              t.page[step]();
              frozen = false; // a visibility change means the page runs
            } else if (step === 'freeze') {
              t.page.freeze();
              frozen = true;
            } else if (step === 'resume') {
              t.page.resume();
              frozen = false;
            } else if (step === 'online') t.page.online();
            else if (step === 'retry') t.readiness.retry();
            else if (step === 'fail') t.spy.failing.set('getLastSeq', new Error('down'));
            else t.spy.failing.delete('getLastSeq');
            await flush();
            const now = t.spy.count('heartbeat');
            if (now > beats && (frozen || t.readiness.getSnapshot().status !== 'ready')) {
              renewedWrongly = true;
            }
            beats = now;
          }
          for (const fn of cleanup.splice(0)) fn();
          assert.equal(renewedWrongly, false);
        },
      ),
      { numRuns: 40 },
    );
  });
});
