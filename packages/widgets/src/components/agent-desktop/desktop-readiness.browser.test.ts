// sb-agent-desktop's readiness over a local ContactCenter: a fresh element (a reload) syncs before
// it shows the presence; a page that comes back from a freeze re-registers its phone (a Phone over
// the in-memory SIP network of @switchboard/webrtc/testing) and reads the agent again; failures
// show their reason and a Retry button. The page is a double (an EventTarget with a
// visibilityState) and time a VirtualClock: no sleeps.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ContextProvider } from '@lit/context';
import { render } from 'lit';
import {
  createLocalContactCenter,
  type ContactCenter,
  type LocalContactCenter,
} from '@switchboard/core/contact-center';
import { VirtualClock } from '@switchboard/core/shared';
import { Phone, TabPhone } from '@switchboard/webrtc';
import { FakeSipNetwork } from '@switchboard/webrtc/testing';
import './agent-desktop.js';
import { phoneContext } from '../../context/phone-context.js';
import { setLocale } from '../../i18n/locale.js';
import { expectAccessible, part } from '../../fixtures/widget-fixtures.js';
import type { SbAgentDesktop } from './agent-desktop.component.js';
import type { SbAgentStatus } from '../agent-status/agent-status.component.js';
import type { DesktopReadinessSnapshot } from './desktop-readiness.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;
declare const afterEach: (body: () => void) => void;

const START = Date.UTC(2026, 11, 4, 10, 0, 0);

/** A document double: `visibilitychange`, `freeze`, `resume` and `online` are dispatched on it. */
class FakePage extends EventTarget {
  visibilityState: 'visible' | 'hidden' = 'visible';
  set(state: 'visible' | 'hidden'): void {
    this.visibilityState = state;
    this.dispatchEvent(new Event('visibilitychange'));
  }
  fire(type: 'freeze' | 'resume' | 'online'): void {
    this.dispatchEvent(new Event(type));
  }
}

/** A center that counts calls, and whose `getLastSeq` (the sync's first request) can be held. */
function gated(center: ContactCenter) {
  const calls = new Map<string, number>();
  let gate: Promise<void> | undefined;
  let open = () => {};
  const proxy = new Proxy(center, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      return (...args: unknown[]) => {
        calls.set(key, (calls.get(key) ?? 0) + 1);
        const run = () => (value as (...a: unknown[]) => unknown).apply(target, args);
        if (key === 'getLastSeq' && gate) return gate.then(run);
        return run();
      };
    },
  });
  return {
    center: proxy,
    count: (key: string) => calls.get(key) ?? 0,
    hold: () => {
      gate = new Promise<void>((resolve) => (open = resolve));
    },
    release: () => {
      gate = undefined;
      open();
    },
  };
}

const cleanup: (() => void)[] = [];

async function setup(
  options: {
    phone?: boolean;
    hold?: boolean;
    registerTimeoutMs?: number;
    context?: boolean;
    /** The desktop's phone is a TabPhone whose phone lives in another tab. */
    otherTab?: boolean;
  } = {},
) {
  const clock = new VirtualClock(START);
  const local: LocalContactCenter = createLocalContactCenter({ clock });
  await local.addAgent({ id: 'alice', skills: {} });
  await local.login('alice');
  const spy = gated(local);
  if (options.hold) spy.hold();
  const net = new FakeSipNetwork();
  const phone = options.phone
    ? new Phone({ transport: net.createTransport({ uri: 'sip:alice@test' }), clock })
    : undefined;
  if (phone && !options.context) await phone.start();
  let tabPhone: TabPhone | undefined;
  if (options.otherTab) {
    const name = `sb-desktop-tabs-${Math.random()}`;
    const createPhone = () =>
      new Phone({ transport: net.createTransport({ uri: 'sip:alice@test' }), clock });
    const owner = new TabPhone({ name, createPhone });
    owner.start();
    await waitUntil(() => owner.getSnapshot().status === 'registered', 'the other tab registers');
    tabPhone = new TabPhone({ name, createPhone });
    tabPhone.start();
    const here = tabPhone;
    await waitUntil(
      () => here.role === 'follower' && here.getSnapshot().status === 'registered',
      'this tab mirrors the phone',
    );
    cleanup.push(() => {
      here.dispose();
      owner.dispose();
    });
  }
  const page = new FakePage();
  const events: DesktopReadinessSnapshot[] = [];
  const heard = (e: Event) => events.push((e as CustomEvent<DesktopReadinessSnapshot>).detail);
  document.addEventListener('sb-desktop-readiness', heard);
  cleanup.push(() => {
    document.removeEventListener('sb-desktop-readiness', heard);
    phone?.dispose();
    local.dispose();
  });
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  if (options.context) new ContextProvider(wrapper, { context: phoneContext, initialValue: phone });
  render(
    html`<sb-agent-desktop
      .center=${spy.center}
      .clock=${clock}
      .phone=${options.context ? undefined : (tabPhone ?? phone)}
      .pageDocument=${page}
      register-timeout-ms=${options.registerTimeoutMs ?? 15_000}
      agent-id="alice"
    ></sb-agent-desktop>`,
    wrapper,
  );
  const el = wrapper.querySelector('sb-agent-desktop') as SbAgentDesktop;
  await el.updateComplete;
  const status = () => el.shadowRoot?.querySelector('sb-agent-status') as SbAgentStatus;
  const inner = (name: string) => part(status(), name);
  const state = () => inner('state')?.textContent?.trim();
  const registers = () => net.sent.filter((m) => m === 'REGISTER').length;
  return { clock, local, spy, net, phone, page, el, status, inner, state, events, registers };
}

const picker = (t: { inner: (name: string) => HTMLElement | null }) =>
  t.inner('select') as HTMLSelectElement | null;

describe('sb-agent-desktop readiness', () => {
  afterEach(() => {
    setLocale('en');
    for (const fn of cleanup.splice(0)) fn();
  });

  it('a fresh element (a reload) shows Syncing…, presence disabled, then the agent available', async () => {
    const t = await setup({ hold: true });
    await waitUntil(() => t.state() === 'Syncing…', 'syncing shows');
    expect(t.inner('state')?.getAttribute('role')).to.equal('status');
    expect(t.inner('base')?.getAttribute('aria-busy')).to.equal('true');
    expect(t.el.readiness?.status).to.equal('syncing');
    await waitUntil(() => picker(t), 'the agent is loaded (still syncing)');
    expect(picker(t)?.disabled, 'presence disabled while syncing').to.equal(true);
    expect(picker(t)?.value).to.equal('');
    expect(t.state()).to.equal('Syncing…');
    t.spy.release();
    await waitUntil(() => t.state() === 'Available', 'available once synced');
    expect(picker(t)?.disabled).to.equal(false);
    expect(picker(t)?.value).to.equal('available');
    expect(t.events.map((e) => e.status)).to.deep.equal(['syncing', 'syncing', 'ready']);
    expect(t.events.at(-1)).to.include({ status: 'ready', cause: 'connect', generation: 1 });
  });

  it('after a freeze longer than resync-after-ms: Reconnecting…, the phone registers again, the agent is read again', async () => {
    const t = await setup({ phone: true });
    await waitUntil(() => t.state() === 'Available', 'ready');
    const registers = t.registers();
    const reads = t.spy.count('getAgent');
    t.page.set('hidden');
    t.page.fire('freeze');
    await t.el.updateComplete;
    // While frozen, a supervisor puts the agent on a break: the desktop must show the server's truth.
    await t.local.setPresence('alice', { presence: 'not-ready', reason: 'break' });
    t.clock.advance(31_000);
    t.spy.hold();
    t.page.fire('resume');
    t.page.set('visible');
    await waitUntil(() => t.state() === 'Reconnecting…', 'reconnecting shows');
    expect(picker(t)?.disabled).to.equal(true);
    t.spy.release();
    await waitUntil(() => t.el.readiness?.status === 'ready', 'ready again');
    expect(t.registers(), 'a fresh REGISTER').to.equal(registers + 1);
    expect(t.spy.count('getAgent')).to.be.greaterThan(reads);
    expect(t.el.readiness).to.include({ cause: 'resume', generation: 2 });
    await waitUntil(() => t.state() === 'Not ready: Break', 'the server truth shows');
    expect(picker(t)?.disabled).to.equal(false);
  });

  it('with the phone in another tab (a TabPhone): that tab sends the fresh REGISTER on resume', async () => {
    const t = await setup({ otherTab: true });
    await waitUntil(() => t.state() === 'Available', 'ready');
    const registers = t.registers();
    t.page.set('hidden');
    t.page.fire('freeze');
    // page-state notifications are batched per microtask: let the freeze be seen
    await t.el.updateComplete;
    t.clock.advance(31_000);
    t.page.fire('resume');
    t.page.set('visible');
    await waitUntil(
      () => t.el.readiness?.status === 'ready' && t.el.readiness.generation === 2,
      'ready again',
    ).catch((e: Error) => {
      throw new Error(`${e.message} at ${JSON.stringify(t.el.readiness)}`);
    });
    expect(t.registers(), 'a fresh REGISTER from the owning tab').to.equal(registers + 1);
    expect(t.state()).to.equal('Available');
  });

  it('does not resync after a short absence', async () => {
    const t = await setup();
    await waitUntil(() => t.el.readiness?.status === 'ready', 'ready');
    const reads = t.spy.count('getLastSeq');
    t.page.set('hidden');
    await t.el.updateComplete;
    t.clock.advance(10_000);
    t.page.set('visible');
    await t.el.updateComplete;
    expect(t.spy.count('getLastSeq')).to.equal(reads);
    expect(t.el.readiness?.status).to.equal('ready');
  });

  it('a phone that does not register in time: the reason and Retry; Retry from the keyboard reaches ready', async () => {
    const t = await setup({ phone: true, registerTimeoutMs: 5_000 });
    await waitUntil(() => t.state() === 'Available', 'ready');
    t.net.dropConnections();
    t.page.fire('online');
    await waitUntil(
      () => t.el.readiness?.status === 'syncing' && t.el.readiness.step === 'registering',
      'waiting for the phone',
    );
    t.clock.advance(5_000);
    await waitUntil(() => t.inner('retry'), 'Retry shows');
    expect(t.state()).to.equal('Not connected');
    const error = t.inner('sync-error');
    expect(error?.getAttribute('role')).to.equal('alert');
    expect(error?.textContent).to.contain('The phone did not register.');
    expect(error?.textContent).to.contain('cannot be reached');
    expect(picker(t)?.disabled).to.equal(true);
    expect(t.el.shadowRoot?.querySelector('form, input[type=password]')).to.equal(null);
    await expectAccessible(t.el);

    t.net.restore();
    (t.inner('retry') as HTMLButtonElement).focus();
    const asked = oneEvent(t.el, 'sb-request-resync');
    await sendKeys({ press: 'Enter' });
    expect(((await asked) as CustomEvent).detail).to.include({
      agentId: 'alice',
      step: 'registering',
    });
    await waitUntil(() => t.state() === 'Available', 'ready after Retry');
    expect(t.el.readiness).to.include({ status: 'ready', cause: 'retry' });
    await t.status().updateComplete;
    expect(t.status().shadowRoot?.activeElement, 'focus moves on to the picker').to.equal(
      picker(t),
    );
  });

  it('does not retry when sb-request-resync is cancelled', async () => {
    const t = await setup({ phone: true, registerTimeoutMs: 5_000 });
    await waitUntil(() => t.el.readiness?.status === 'ready', 'ready');
    t.net.dropConnections();
    t.page.fire('online');
    await waitUntil(() => t.el.readiness?.status === 'syncing', 'syncing');
    t.clock.advance(5_000);
    await waitUntil(() => t.inner('retry'), 'Retry shows');
    t.net.restore();
    const asked = t.spy.count('getLastSeq');
    t.el.addEventListener('sb-request-resync', (e) => e.preventDefault(), { once: true });
    t.inner('retry')?.click();
    await t.el.updateComplete;
    await Promise.resolve();
    expect(t.el.readiness?.status).to.equal('error');
    expect(t.spy.count('getLastSeq'), 'the center was not asked').to.equal(asked);
  });

  it('takes the phone from the sb-phone context and starts it', async () => {
    const t = await setup({ phone: true, context: true });
    await waitUntil(() => t.phone?.getSnapshot().status === 'registered', 'registered');
    await waitUntil(() => t.el.readiness?.status === 'ready', 'ready');
  });

  it('has no axe violations while syncing, in Chinese too', async () => {
    const t = await setup({ hold: true });
    await waitUntil(() => picker(t), 'the agent is loaded (still syncing)');
    await expectAccessible(t.el);
    setLocale('zh-CN');
    await waitUntil(() => t.state() === '正在同步…', 'in Chinese');
    await expectAccessible(t.el);
    t.spy.release();
    await waitUntil(() => t.state() === '空闲', 'available, in Chinese');
  });
});
