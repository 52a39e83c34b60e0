// sb-visual-ivr against a remote ContactCenter (the client over msw: REST and the event socket).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { FlowDefinition } from '@switchboard/core/ivr';
import { VirtualClock } from '@switchboard/core/shared';
import './visual-ivr.js';
import { part, parts } from '../../fixtures/widget-fixtures.js';
import {
  disposeRemoteCenters,
  remoteContactCenter,
  stopRemoteWorker,
} from '../../fixtures/remote-center.js';
import type { IvrEndDetail, SbVisualIvr } from './visual-ivr.component.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;
declare const afterEach: (body: () => void) => void;
declare const after: (body: () => Promise<void>) => void;

const START = Date.UTC(2026, 11, 4, 10, 0, 0);

const FLOW = {
  schema: 'switchboard.ivr.flow/1',
  id: 'main',
  version: 1,
  name: 'Acme support',
  languages: ['en'],
  timezone: 'Europe/London',
  start: 'hi',
  nodes: [
    { id: 'hi', kind: 'play', prompt: { en: 'Welcome to Acme.' }, exits: { next: 'menu' } },
    {
      id: 'menu',
      kind: 'menu',
      prompt: { en: 'Press 1 for billing, 2 to hang up.' },
      choices: [
        { dtmf: '1', speech: { en: ['Billing'] }, next: 'queue' },
        { dtmf: '2', speech: { en: ['Goodbye'] }, next: 'bye' },
      ],
      exits: { noInput: 'bye', noMatch: 'bye' },
    },
    { id: 'queue', kind: 'enqueue', queue: 'billing', attributes: { topic: "'billing'" } },
    { id: 'bye', kind: 'hangup' },
  ],
} as FlowDefinition;

async function setup() {
  const clock = new VirtualClock(START);
  const remote = await remoteContactCenter({ clock });
  await remote.server.addQueue({ id: 'billing', requirements: [] });
  await remote.server.saveFlow(FLOW);
  await remote.server.publishFlow('main', 1);
  const el = await fixture<SbVisualIvr>(
    html`<sb-visual-ivr .center=${remote.center} .clock=${clock} flow-id="main"></sb-visual-ivr>`,
  );
  await waitUntil(() => parts(el, 'choice').length === 2, 'the menu renders');
  return { clock, ...remote, el };
}

const entries = (el: SbVisualIvr) => parts(el, 'entry').map((e) => e.textContent?.trim());

describe('sb-visual-ivr over a remote ContactCenter (msw)', () => {
  afterEach(() => disposeRemoteCenters());
  after(() => stopRemoteWorker());

  it('renders the flow the server published', async () => {
    const { el, errors } = await setup();
    expect(part(el, 'title')?.textContent?.trim()).to.equal('Acme support');
    expect(entries(el)).to.deep.equal(['Welcome to Acme.', 'Press 1 for billing, 2 to hang up.']);
    expect(errors).to.deep.equal([]);
  });

  it('queues the user on the server after sb-request-enqueue', async () => {
    const { el, server } = await setup();
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
    const ix = await server.getInteraction(end.interactionId as string);
    expect([ix.channel, ix.queueId, ix.attributes['topic']]).to.deep.equal([
      'chat',
      'billing',
      'billing',
    ]);
    expect((await server.getQueue('billing')).waiting).to.deep.equal([ix.id]);
  });

  it('says so with sb-error when the server has no such flow', async () => {
    const { center } = await remoteContactCenter();
    const el = document.createElement('sb-visual-ivr');
    el.center = center;
    el.flowId = 'missing';
    const failed = oneEvent(el, 'sb-error');
    document.body.append(el);
    try {
      const detail = ((await failed) as CustomEvent<{ action: string; error: { code: string } }>)
        .detail;
      expect(detail.action).to.equal('ivr-load');
      expect(detail.error.code).to.equal('NOT_FOUND');
    } finally {
      el.remove();
    }
  });
});
