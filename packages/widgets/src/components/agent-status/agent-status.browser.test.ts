import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  createLocalContactCenter,
  type LocalContactCenter,
} from '@switchboard/core/contact-center';
import { VirtualClock } from '@switchboard/core/shared';
import '../../define.js';
import { setLocale } from '../../i18n/locale.js';
import {
  XSS_PAYLOADS,
  countingCenter,
  expectAccessible,
  expectNoInjection,
  part,
} from '../../fixtures/widget-fixtures.js';
import type { SbAgentStatus } from './agent-status.component.js';
import type { SbContactCenterProvider } from '../contact-center-provider/contact-center-provider.component.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;
declare const afterEach: (body: () => void) => void;

const START = Date.UTC(2026, 11, 4, 9, 0, 0);
let centers: LocalContactCenter[] = [];

async function setup(options: { leaseTtlMs?: number; wrapUpMs?: number; name?: string } = {}) {
  const clock = new VirtualClock(START);
  const center = createLocalContactCenter({
    clock,
    routingOptions: options.leaseTtlMs ? { leaseTtlMs: options.leaseTtlMs } : {},
  });
  centers.push(center);
  await center.addQueue({ id: 'support', requirements: [] });
  await center.addAgent({
    id: 'alice',
    skills: {},
    name: options.name ?? 'Alice',
    ...(options.wrapUpMs ? { wrapUpMs: options.wrapUpMs } : {}),
  });
  await center.login('alice');
  const provider = await fixture<SbContactCenterProvider>(html`
    <sb-contact-center .center=${center}>
      <sb-agent-status agent-id="alice" .clock=${clock}></sb-agent-status>
    </sb-contact-center>
  `);
  const el = provider.querySelector('sb-agent-status') as SbAgentStatus;
  await waitUntil(() => part(el, 'state'), 'the status renders');
  return { clock, center, provider, el };
}

async function stateIs(el: SbAgentStatus, text: string) {
  await waitUntil(() => part(el, 'state')?.textContent?.trim() === text, `state "${text}"`);
}

describe('sb-agent-status', () => {
  afterEach(() => {
    setLocale('en');
    for (const c of centers) c.dispose();
    centers = [];
  });

  it('takes the center from <sb-contact-center> and shows presence and time in state', async () => {
    const { el, clock } = await setup();
    await stateIs(el, 'Available');
    expect(part(el, 'indicator')?.dataset['presence']).to.equal('available');
    expect(part(el, 'timer')?.textContent?.trim()).to.equal('for 0:00');
    clock.advance(65_000);
    await el.updateComplete;
    expect(part(el, 'timer')?.textContent?.trim()).to.equal('for 1:05');
  });

  it('an explicit center wins over the context one', async () => {
    const { provider, el } = await setup();
    const other = createLocalContactCenter();
    centers.push(other);
    await other.addAgent({ id: 'alice', skills: {} });
    el.center = other; // alice is logged out there
    await stateIs(el, 'Offline');
    expect(provider.center).to.not.equal(other);
  });

  it('asks with a cancelable, composed sb-request-presence, then sets it on the center', async () => {
    const { el, center, provider } = await setup();
    await stateIs(el, 'Available');
    const select = part(el, 'select') as HTMLSelectElement;
    select.value = 'not-ready:lunch';
    const heard = oneEvent(provider, 'sb-request-presence');
    select.dispatchEvent(new Event('change'));
    const event = (await heard) as CustomEvent;
    expect(event.bubbles && event.composed && event.cancelable).to.equal(true);
    expect(event.detail).to.deep.equal({
      agentId: 'alice',
      choice: { presence: 'not-ready', reason: 'lunch' },
    });
    await stateIs(el, 'Not ready: Lunch');
    expect((await center.getAgent('alice')).notReadyReason).to.equal('lunch');
  });

  it('does nothing on the center when the request is cancelled', async () => {
    const { el, center } = await setup();
    await stateIs(el, 'Available');
    el.addEventListener('sb-request-presence', (e) => e.preventDefault());
    const select = part(el, 'select') as HTMLSelectElement;
    select.value = 'offline';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(select.value).to.equal('available');
    expect((await center.getAgent('alice')).presence).to.equal('available');
  });

  it('reports a refused command as sb-error', async () => {
    const { el, center } = await setup();
    await stateIs(el, 'Available');
    const ix = await center.createInteraction({ channel: 'chat', queueId: 'support' });
    await center.acceptOffer(ix.id);
    await stateIs(el, 'Busy');
    const select = part(el, 'select') as HTMLSelectElement;
    select.value = 'offline'; // logout is refused with work in hand
    const failed = oneEvent(el, 'sb-error');
    select.dispatchEvent(new Event('change'));
    const event = (await failed) as CustomEvent<{ action: string; error: { code: string } }>;
    expect(event.detail.action).to.equal('presence');
    expect(event.detail.error.code).to.be.a('string');
  });

  it('is operated from the keyboard: the picker is a tab stop and arrows choose', async () => {
    const { el, center } = await setup();
    await stateIs(el, 'Available');
    const before = document.createElement('button');
    before.textContent = 'before';
    el.parentElement?.insertBefore(before, el);
    before.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot?.activeElement).to.equal(part(el, 'select'));
    await sendKeys({ press: 'ArrowDown' });
    await stateIs(el, 'Not ready: Break');
    expect((await center.getAgent('alice')).presence).to.equal('not-ready');
    before.remove();
  });

  it('counts down wrap-up', async () => {
    const { el, center, clock } = await setup({ wrapUpMs: 30_000 });
    const ix = await center.createInteraction({ channel: 'voice', queueId: 'support' });
    await center.acceptOffer(ix.id);
    await center.end(ix.id);
    await stateIs(el, 'Wrap-up');
    await waitUntil(() => part(el, 'wrap-up'), 'the countdown shows');
    expect(part(el, 'wrap-up')?.textContent?.trim()).to.equal('Wrap-up ends in 0:30');
    clock.advance(10_000);
    await el.updateComplete;
    expect(part(el, 'wrap-up')?.textContent?.trim()).to.equal('Wrap-up ends in 0:20');
  });

  it('warns before the liveness lease lapses, and alerts when it did', async () => {
    const { el, clock } = await setup({ leaseTtlMs: 30_000 });
    await stateIs(el, 'Available');
    expect(part(el, 'warning')).to.equal(null);
    clock.advance(21_000);
    await el.updateComplete;
    const warning = part(el, 'warning');
    expect(warning?.getAttribute('role')).to.equal('alert');
    expect(warning?.textContent).to.contain('0:09');
    clock.advance(10_000);
    await stateIs(el, 'Not ready: Connection lost');
    expect(part(el, 'warning')?.textContent).to.contain('Connection lost');
  });

  it('switches language at runtime, and keeps an element-level locale', async () => {
    const { el, provider } = await setup();
    await stateIs(el, 'Available');
    setLocale('zh-CN');
    await stateIs(el, '空闲');
    expect(part(el, 'timer')?.textContent).to.contain('已持续');
    expect((part(el, 'select') as HTMLSelectElement).getAttribute('aria-label')).to.equal('状态');
    const english = document.createElement('sb-agent-status');
    english.locale = 'en';
    english.agentId = 'alice';
    provider.append(english);
    await stateIs(english, 'Available');
  });

  it('has no axe violations, light and dark, en and zh-CN', async () => {
    const { el } = await setup();
    await stateIs(el, 'Available');
    await expectAccessible(el);
    el.theme = 'dark';
    setLocale('zh-CN');
    await stateIs(el, '空闲');
    await expectAccessible(el);
  });

  it('renders hostile agent data as text (reasons and names)', async () => {
    const { el, center } = await setup({ name: XSS_PAYLOADS[0] as string });
    for (const payload of XSS_PAYLOADS) {
      await center.setPresence('alice', { presence: 'not-ready', reason: payload });
      await stateIs(el, `Not ready: ${payload}`);
      expect(
        [...(part(el, 'select') as HTMLSelectElement).options].some((o) =>
          o.textContent?.includes(payload),
        ),
      ).to.equal(true);
      expectNoInjection(el);
    }
  });

  it('unsubscribes from the center when disconnected, and resubscribes when back', async () => {
    const { center: local } = await setup();
    const { center, liveEventListeners } = countingCenter(local);
    const el = await fixture<SbAgentStatus>(
      html`<sb-agent-status agent-id="alice" .center=${center}></sb-agent-status>`,
    );
    await stateIs(el, 'Available');
    expect(liveEventListeners()).to.be.greaterThan(0);
    const parent = el.parentElement as HTMLElement;
    el.remove();
    expect(liveEventListeners()).to.equal(0);
    parent.append(el);
    await stateIs(el, 'Available');
    expect(liveEventListeners()).to.be.greaterThan(0);
  });
});
