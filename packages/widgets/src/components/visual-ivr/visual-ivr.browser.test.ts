import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  createLocalContactCenter,
  type LocalContactCenter,
} from '@switchboard/core/contact-center';
import type { FlowDefinition } from '@switchboard/core/ivr';
import { VirtualClock } from '@switchboard/core/shared';
import '../../define.js';
import { setLocale } from '../../i18n/locale.js';
import {
  XSS_PAYLOADS,
  expectAccessible,
  expectNoInjection,
  part,
  parts,
} from '../../fixtures/widget-fixtures.js';
import type { IvrEndDetail, SbVisualIvr } from './visual-ivr.component.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;
declare const afterEach: (body: () => void) => void;

const START = Date.UTC(2026, 11, 4, 10, 0, 0);
let centers: LocalContactCenter[] = [];

function flow(billingLabel = 'Billing', welcome = 'Welcome to Acme.'): FlowDefinition {
  return {
    schema: 'switchboard.ivr.flow/1',
    id: 'main',
    version: 1,
    name: 'Acme support',
    languages: ['en', 'zh-CN'],
    timezone: 'Europe/London',
    start: 'hi',
    variables: { account: '', balance: null },
    nodes: [
      {
        id: 'hi',
        kind: 'play',
        prompt: { en: welcome, 'zh-CN': '欢迎致电 Acme。' },
        exits: { next: 'menu' },
      },
      {
        id: 'menu',
        kind: 'menu',
        prompt: {
          en: 'Press 1 for billing, 2 for your balance.',
          'zh-CN': '账单请按1，余额请按2。',
        },
        choices: [
          { dtmf: '1', speech: { en: [billingLabel], 'zh-CN': ['账单'] }, next: 'queue' },
          { dtmf: '2', speech: { en: ['Balance'], 'zh-CN': ['余额'] }, next: 'account' },
        ],
        exits: { noInput: 'bye', noMatch: 'bye' },
      },
      {
        id: 'account',
        kind: 'collect',
        prompt: { en: 'Enter your account number.', 'zh-CN': '请输入账号。' },
        variable: 'account',
        maxLength: 8,
        exits: { next: 'lookup', noInput: 'bye', invalid: 'bye' },
      },
      {
        id: 'lookup',
        kind: 'hook',
        name: 'balance',
        input: { account: 'account' },
        resultVariable: 'balance',
        exits: { ok: 'say', error: 'bye' },
      },
      {
        id: 'say',
        kind: 'play',
        prompt: { en: 'Your balance is {{balance}}.', 'zh-CN': '您的余额为 {{balance}}。' },
        exits: { next: 'bye' },
      },
      { id: 'queue', kind: 'enqueue', queue: 'billing', attributes: { topic: "'billing'" } },
      { id: 'bye', kind: 'hangup' },
    ],
  } as FlowDefinition;
}

async function setup(definition = flow()) {
  const clock = new VirtualClock(START);
  const center = createLocalContactCenter({ clock });
  centers.push(center);
  await center.addQueue({ id: 'billing', requirements: [] });
  await center.saveFlow(definition);
  await center.publishFlow('main', 1);
  const el = await fixture<SbVisualIvr>(
    html`<sb-visual-ivr .center=${center} .clock=${clock} flow-id="main"></sb-visual-ivr>`,
  );
  await waitUntil(() => parts(el, 'choice').length === 2, 'the menu renders');
  return { clock, center, el };
}

const entries = (el: SbVisualIvr) => parts(el, 'entry').map((e) => e.textContent?.trim());
const choices = (el: SbVisualIvr) =>
  parts(el, 'choice').map((c) => c.textContent?.replace(/\s+/g, ' ').trim());

describe('sb-visual-ivr', () => {
  afterEach(() => {
    setLocale('en');
    for (const c of centers) c.dispose();
    centers = [];
  });

  it("renders the center's published flow: prompts as text, the menu as buttons", async () => {
    const { el } = await setup();
    expect(part(el, 'title')?.textContent?.trim()).to.equal('Acme support');
    expect(entries(el)).to.deep.equal([
      'Welcome to Acme.',
      'Press 1 for billing, 2 for your balance.',
    ]);
    expect(choices(el)).to.deep.equal(['1 Billing (Option 1)', '2 Balance (Option 2)']);
  });

  it('queues the user through a cancelable request, then the center', async () => {
    const { el, center } = await setup();
    const asked = oneEvent(el, 'sb-request-enqueue');
    const ended = oneEvent(el, 'sb-ivr-end');
    (parts(el, 'choice')[0] as HTMLButtonElement).click();
    expect(((await asked) as CustomEvent).detail).to.deep.equal({
      queueId: 'billing',
      priority: 0,
      language: 'en',
      attributes: { topic: 'billing' },
    });
    const end = ((await ended) as CustomEvent<IvrEndDetail>).detail;
    expect(end.outcome).to.equal('enqueued');
    const ix = await center.getInteraction(end.interactionId as string);
    expect([ix.channel, ix.queueId, ix.attributes['topic']]).to.deep.equal([
      'chat',
      'billing',
      'billing',
    ]);
    await el.updateComplete;
    expect(part(el, 'outcome')?.textContent?.trim()).to.equal('Connecting you to an agent…');
    expect(entries(el).at(-1)).to.equal('You: Billing');
  });

  it('a cancelled enqueue creates nothing', async () => {
    const { el, center } = await setup();
    el.addEventListener('sb-request-enqueue', (e) => e.preventDefault());
    const ended = oneEvent(el, 'sb-ivr-end');
    (parts(el, 'choice')[0] as HTMLButtonElement).click();
    expect(((await ended) as CustomEvent<IvrEndDetail>).detail.interactionId).to.equal(undefined);
    expect((await center.getQueue('billing')).waiting.length).to.equal(0);
  });

  it('is keyboard driven: focus on the menu, arrows, digit keys, Enter in the input', async () => {
    const { el } = await setup();
    expect(el.shadowRoot?.activeElement?.getAttribute('data-key')).to.equal('1');
    await sendKeys({ press: 'ArrowDown' });
    expect(el.shadowRoot?.activeElement?.getAttribute('data-key')).to.equal('2');
    await sendKeys({ press: 'ArrowDown' });
    expect(el.shadowRoot?.activeElement?.getAttribute('data-key')).to.equal('1');
    const chose = oneEvent(el, 'sb-ivr-choice');
    await sendKeys({ press: '2' });
    expect(((await chose) as CustomEvent).detail).to.deep.equal({ nodeId: 'menu', input: '2' });
    await waitUntil(() => part(el, 'input'), 'the account field shows');
    el.hooks = async (command) => {
      expect(command.input).to.deep.equal({ account: '1234' });
      return '42.50';
    };
    expect(el.shadowRoot?.activeElement?.getAttribute('part')).to.equal('input');
    await sendKeys({ type: '1234' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => part(el, 'outcome'), 'the flow ends');
    expect(entries(el).slice(-2)).to.deep.equal(['You: 1234', 'Your balance is 42.50.']);
    expect(part(el, 'outcome')?.textContent?.trim()).to.equal('Thank you. Goodbye.');
    (part(el, 'restart') as HTMLElement).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => parts(el, 'choice').length === 2, 'the menu is back');
  });

  it('without a hook handler the flow takes the error exit', async () => {
    const { el } = await setup();
    await sendKeys({ press: '2' });
    await waitUntil(() => part(el, 'input'), 'the account field shows');
    await sendKeys({ type: '99' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => part(el, 'outcome'), 'the flow ends');
    expect(entries(el)).not.to.include('Your balance is 42.50.');
  });

  it('runs a flow given as a property, in the language asked, and in Chinese strings', async () => {
    setLocale('zh-CN');
    const el = await fixture<SbVisualIvr>(
      html`<sb-visual-ivr .flow=${flow()} language="zh-CN"></sb-visual-ivr>`,
    );
    await waitUntil(() => parts(el, 'choice').length === 2, 'the menu renders');
    expect(entries(el)).to.deep.equal(['欢迎致电 Acme。', '账单请按1，余额请按2。']);
    expect(choices(el)).to.deep.equal(['1 账单 (选项 1)', '2 余额 (选项 2)']);
    expect(part(el, 'menu')?.getAttribute('aria-label')).to.equal('请选择一个选项');
  });

  it('says so when the flow is invalid', async () => {
    const el = await fixture<SbVisualIvr>(
      html`<sb-visual-ivr .flow=${{ ...flow(), start: 'nowhere' }}></sb-visual-ivr>`,
    );
    await waitUntil(() => part(el, 'message'), 'a message shows');
    expect(part(el, 'message')?.textContent?.trim()).to.equal('This menu could not be loaded.');
  });

  it('has no axe violations, light and dark', async () => {
    const { el } = await setup();
    await expectAccessible(el);
    el.theme = 'dark';
    await el.updateComplete;
    await expectAccessible(el);
  });

  it('renders hostile prompts and option labels as text', async () => {
    for (const payload of XSS_PAYLOADS) {
      if (payload.includes('{{') || payload.includes('${')) continue; // templates are expressions
      const el = await fixture<SbVisualIvr>(
        html`<sb-visual-ivr .flow=${flow(payload, payload)}></sb-visual-ivr>`,
      );
      await waitUntil(() => parts(el, 'choice').length === 2, 'the menu renders');
      expect(entries(el)[0]).to.equal(payload.trim());
      expect(parts(el, 'choice')[0]?.textContent).to.contain(payload);
      expectNoInjection(el);
      el.remove();
    }
  });
});
