import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  createLocalContactCenter,
  type LocalContactCenter,
} from '@switchboard/core/contact-center';
import { VirtualClock } from '@switchboard/core/shared';
import '../../define.js';
import { setLocale } from '../../i18n/locale.js';
import { XSS_PAYLOADS, expectAccessible, part, parts } from '../../fixtures/widget-fixtures.js';
import type { SbAgentDesktop } from './agent-desktop.component.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;
declare const afterEach: (body: () => void) => void;

const START = Date.UTC(2026, 11, 4, 10, 0, 0);
let centers: LocalContactCenter[] = [];

async function setup(options: { offer?: boolean; name?: string; subject?: string } = {}) {
  const clock = new VirtualClock(START);
  const center = createLocalContactCenter({ clock });
  centers.push(center);
  await center.addQueue({ id: 'support', requirements: [] });
  await center.addAgent({ id: 'alice', skills: {} });
  await center.login('alice');
  await center.addCustomer({ id: 'cust-1', name: options.name ?? 'Ada Lovelace' });
  await center.createTicket({
    subject: options.subject ?? 'Invoice wrong',
    requesterId: 'cust-1',
    agentId: 'alice',
  });
  if (options.offer !== false) {
    await center.createInteraction({ channel: 'voice', queueId: 'support', customerId: 'cust-1' });
  }
  return { clock, center };
}

async function desktop(
  center: LocalContactCenter,
  clock: VirtualClock,
  width: number,
  dir = 'ltr',
) {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div dir=${dir}>
      <sb-agent-desktop .center=${center} .clock=${clock} agent-id="alice"></sb-agent-desktop>
    </div>`,
  );
  wrapper.style.width = `${width}px`;
  const el = wrapper.querySelector('sb-agent-desktop') as SbAgentDesktop;
  await waitUntil(() => inner(el, 'sb-ticket-list', 'ticket'), 'the ticket list renders');
  await waitUntil(() => el.readiness?.status === 'ready', 'the desktop is ready');
  await el.updateComplete;
  await el.shadowRoot?.querySelector('sb-agent-status')?.updateComplete;
  return el;
}

/** A part inside one of the desktop's composed elements. */
function inner(el: SbAgentDesktop, tag: string, name: string): HTMLElement | null {
  const child = el.shadowRoot?.querySelector(tag);
  return child ? part(child, name) : null;
}

/** Every element in the desktop's shadow tree, through nested shadow roots. */
function tree(root: ShadowRoot | Element): Element[] {
  const out: Element[] = [];
  for (const node of root.querySelectorAll('*')) {
    out.push(node);
    if (node.shadowRoot) out.push(...tree(node.shadowRoot));
  }
  return out;
}

/** Elements that stick out of the desktop horizontally (ignoring what scroll containers clip). */
function overflowing(el: SbAgentDesktop): string[] {
  const box = el.getBoundingClientRect();
  const up = (e: Element): Element | null => {
    const root = e.getRootNode();
    return e.parentElement ?? (root instanceof ShadowRoot ? root.host : null);
  };
  const clipped = (e: Element): boolean => {
    for (let p = up(e); p && p !== el; p = up(p)) {
      if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true;
    }
    return false;
  };
  return tree(el.shadowRoot as ShadowRoot)
    .filter((e) => {
      const r = e.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) return false;
      return (r.left < box.left - 0.5 || r.right > box.right + 0.5) && !clipped(e);
    })
    .map((e) => `${e.tagName.toLowerCase()}[part=${e.getAttribute('part') ?? ''}]`);
}

const visibleSections = (el: SbAgentDesktop) =>
  parts(el, 'section')
    .filter((s) => getComputedStyle(s).display !== 'none')
    .map((s) => s.dataset['section']);

describe('sb-agent-desktop', () => {
  afterEach(() => {
    setLocale('en');
    for (const c of centers) c.dispose();
    centers = [];
  });

  it('composes status, interaction, customer and tickets for one agent', async () => {
    const { center, clock } = await setup();
    const el = await desktop(center, clock, 1200);
    expect(visibleSections(el)).to.deep.equal(['interaction', 'customer', 'tickets']);
    expect(getComputedStyle(part(el, 'nav') as HTMLElement).display).to.equal('none');
    await waitUntil(() => inner(el, 'sb-customer-card', 'name'), 'the customer shows');
    expect(inner(el, 'sb-customer-card', 'name')?.textContent?.trim()).to.equal('Ada Lovelace');
    expect(inner(el, 'sb-agent-status', 'state')?.textContent?.trim()).to.equal('Reserved');
    await waitUntil(
      () => inner(el, 'sb-interaction-panel', 'action')?.dataset['action'] === 'accept',
      'the offer shows',
    );
    // A ticket opens in the detail view; "Back to tickets" returns to the list.
    inner(el, 'sb-ticket-list', 'subject')?.click();
    await waitUntil(() => inner(el, 'sb-ticket-detail', 'subject'), 'the detail shows');
    expect(el.getAttribute('ticket-id')).to.equal('ticket-1');
    (part(el, 'back') as HTMLElement).click();
    await waitUntil(() => inner(el, 'sb-ticket-list', 'ticket'), 'the list is back');
  });

  it('fits 360 px: one section at a time, nothing overflows horizontally', async () => {
    const { center, clock } = await setup();
    const el = await desktop(center, clock, 360);
    expect(el.getBoundingClientRect().width).to.equal(360);
    expect(getComputedStyle(part(el, 'nav') as HTMLElement).display).to.equal('flex');
    for (const section of ['interaction', 'customer', 'tickets'] as const) {
      (el.shadowRoot?.querySelector(`#tab-${section}`) as HTMLElement).click();
      await el.updateComplete;
      expect(visibleSections(el)).to.deep.equal([section]);
      expect(overflowing(el), `overflow in ${section}`).to.deep.equal([]);
    }
    inner(el, 'sb-ticket-list', 'subject')?.click();
    await waitUntil(() => inner(el, 'sb-ticket-detail', 'comment-form'), 'the detail shows');
    expect(overflowing(el), 'overflow in the ticket detail').to.deep.equal([]);
  });

  it('mirrors in right-to-left and still fits 360 px', async () => {
    const { center, clock } = await setup();
    const wide = await desktop(center, clock, 1200, 'rtl');
    const [first, second] = parts(wide, 'section').map((s) => s.getBoundingClientRect());
    expect(
      first && second && first.left > second.left,
      'the first column is on the right',
    ).to.equal(true);
    const status = part(wide, 'status')?.getBoundingClientRect();
    const base = part(wide, 'base')?.getBoundingClientRect();
    expect(
      status && base && status.left - base.left < base.width / 2,
      'status at the end',
    ).to.equal(true);
    const narrow = await desktop(center, clock, 360, 'rtl');
    for (const section of ['interaction', 'customer', 'tickets'] as const) {
      (narrow.shadowRoot?.querySelector(`#tab-${section}`) as HTMLElement).click();
      await narrow.updateComplete;
      expect(overflowing(narrow), `overflow in ${section}`).to.deep.equal([]);
    }
    // In RTL, ArrowLeft moves to the next tab.
    (narrow.shadowRoot?.querySelector('#tab-interaction') as HTMLElement).click();
    (narrow.shadowRoot?.querySelector('#tab-interaction') as HTMLElement).focus();
    await sendKeys({ press: 'ArrowLeft' });
    await narrow.updateComplete;
    expect(narrow.section).to.equal('customer');
  });

  it('has a tablist keyboard model on narrow screens', async () => {
    const { center, clock } = await setup();
    const el = await desktop(center, clock, 360);
    (el.shadowRoot?.querySelector('#tab-interaction') as HTMLElement).focus();
    const heard = oneEvent(el, 'sb-desktop-section');
    await sendKeys({ press: 'ArrowRight' });
    expect(((await heard) as CustomEvent).detail).to.deep.equal({
      section: 'customer',
      cause: 'user',
    });
    await el.updateComplete;
    expect(el.shadowRoot?.activeElement?.id).to.equal('tab-customer');
    expect(el.shadowRoot?.querySelector('#tab-customer')?.getAttribute('aria-selected')).to.equal(
      'true',
    );
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(el.section).to.equal('tickets');
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(el.section).to.equal('interaction');
  });

  it('brings the interaction forward when an offer arrives', async () => {
    const { center, clock } = await setup({ offer: false });
    const el = await desktop(center, clock, 360);
    (el.shadowRoot?.querySelector('#tab-tickets') as HTMLElement).click();
    await el.updateComplete;
    const heard = oneEvent(el, 'sb-desktop-section');
    await center.createInteraction({ channel: 'chat', queueId: 'support', customerId: 'cust-1' });
    expect(((await heard) as CustomEvent).detail).to.deep.equal({
      section: 'interaction',
      cause: 'offer',
    });
    await el.updateComplete;
    expect(visibleSections(el)).to.deep.equal(['interaction']);
  });

  it('switches language at runtime, down to every part', async () => {
    const { center, clock } = await setup();
    const el = await desktop(center, clock, 360);
    setLocale('zh-CN');
    await waitUntil(
      () => el.shadowRoot?.querySelector('#tab-tickets')?.textContent?.trim() === '工单',
      'tabs in Chinese',
    );
    expect(inner(el, 'sb-agent-status', 'state')?.textContent?.trim()).to.equal('已预留');
  });

  it('has no axe violations, narrow and wide, light and dark', async () => {
    const { center, clock } = await setup();
    const narrow = await desktop(center, clock, 360);
    await expectAccessible(narrow);
    const wide = await desktop(center, clock, 1200);
    await waitUntil(() => inner(wide, 'sb-customer-card', 'name'), 'the customer shows');
    wide.theme = 'dark';
    await wide.updateComplete;
    await expectAccessible(wide);
  });

  it('renders hostile customer names and ticket subjects as text', async () => {
    for (const payload of XSS_PAYLOADS) {
      const { center, clock } = await setup({ name: payload, subject: payload });
      const el = await desktop(center, clock, 1200);
      await waitUntil(() => inner(el, 'sb-customer-card', 'name'), 'the customer shows');
      expect(inner(el, 'sb-customer-card', 'name')?.textContent?.trim()).to.equal(payload.trim());
      expect(inner(el, 'sb-ticket-list', 'subject')?.textContent?.trim()).to.equal(payload.trim());
      const injected = tree(el.shadowRoot as ShadowRoot).filter(
        (e) =>
          ['IMG', 'SCRIPT', 'IFRAME'].includes(e.tagName) ||
          (e.tagName === 'A' && !/^https?:/.test(e.getAttribute('href') ?? '')) ||
          e.tagName.toLowerCase() === 'svg',
      );
      expect(injected.length).to.equal(0);
      expect((window as { __sbXss?: number }).__sbXss).to.equal(undefined);
    }
  });
});
