// sb-wallboard against a remote ContactCenter (the client over msw: REST and the event socket).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { VirtualClock } from '@switchboard/core/shared';
import './wallboard.js';
import { part, parts } from '../../fixtures/widget-fixtures.js';
import {
  disposeRemoteCenters,
  remoteContactCenter,
  stopRemoteWorker,
} from '../../fixtures/remote-center.js';
import type { KpiAlertDetail, SbWallboard } from './wallboard.component.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;
declare const afterEach: (body: () => void) => void;
declare const after: (body: () => Promise<void>) => void;

// 09:00 UTC, the start of a 15-minute interval.
const START = Date.UTC(2026, 11, 4, 9, 0, 0);

/** On the server: one answered call (10 s wait, 2 min talk), one abandoned after 30 s, two surveys. */
async function setup() {
  const clock = new VirtualClock(START);
  const remote = await remoteContactCenter({ clock });
  const { server } = remote;
  await server.addQueue({ id: 'billing', name: 'Billing', requirements: [] });
  await server.addAgent({ id: 'alice', skills: {} });
  await server.login('alice');
  const answered = await server.createInteraction({ channel: 'voice', queueId: 'billing' });
  clock.advance(10_000);
  await server.acceptOffer(answered.id);
  const abandoned = await server.createInteraction({ channel: 'voice', queueId: 'billing' });
  clock.advance(30_000);
  await server.abandon(abandoned.id);
  clock.advance(90_000);
  await server.end(answered.id);
  for (const score of [5, 2]) {
    server.kpis.record({
      type: 'survey-answered',
      at: clock.now(),
      interactionId: answered.id,
      score,
    });
  }
  return { clock, ...remote };
}

const tile = (el: SbWallboard, metric: string, name = 'tile-value') =>
  el.shadowRoot
    ?.querySelector(`[part~="tile"][data-metric="${metric}"] [part~="${name}"]`)
    ?.textContent?.trim();

describe('sb-wallboard over a remote ContactCenter (msw)', () => {
  afterEach(() => disposeRemoteCenters());
  after(() => stopRemoteWorker());

  it('renders the KPI tiles and series from the server reports', async () => {
    const { clock, center, errors } = await setup();
    const el = await fixture<SbWallboard>(
      html`<sb-wallboard .center=${center} .clock=${clock} queue-id="billing"></sb-wallboard>`,
    );
    await waitUntil(() => tile(el, 'answerRate') === '50%', 'tiles render');
    expect(part(el, 'title')?.textContent?.trim()).to.equal('Billing');
    expect(tile(el, 'asaSeconds')).to.equal('0:10');
    expect(tile(el, 'ahtSeconds')).to.equal('2:00');
    expect(tile(el, 'csat')).to.equal('50%');
    expect(tile(el, 'answerRate', 'tile-today')).to.equal('Today: 50%');
    const answer = el.shadowRoot?.querySelector('[part~="chart"][data-metric="answerRate"]');
    expect(answer?.querySelectorAll('[part~="data-table"] tbody tr').length).to.equal(12);
    expect(answer?.querySelector('[part~="line"]')?.getAttribute('d')).to.equal('M300 40');
    expect(errors).to.deep.equal([]);
  });

  it('follows the server: a burst of events shows on the next second of its clock', async () => {
    const { clock, center, server } = await setup();
    const el = await fixture<SbWallboard>(
      html`<sb-wallboard .center=${center} .clock=${clock} queue-id="billing"></sb-wallboard>`,
    );
    await waitUntil(() => parts(el, 'tile').length === 6 && tile(el, 'answerRate') === '50%');
    for (let i = 0; i < 18; i++)
      await server.createInteraction({ channel: 'chat', queueId: 'billing' });
    // 18 more offered (alice is in wrap-up or busy): 1 answered of 20.
    clock.advance(1000);
    await waitUntil(() => tile(el, 'answerRate') === '5%', 'the burst is in the tiles');
  });

  it('raises sb-kpi-alert for a target the server figures miss', async () => {
    const { clock, center } = await setup();
    const el = document.createElement('sb-wallboard');
    el.center = center;
    el.clock = clock;
    el.queueId = 'billing';
    el.targets = { serviceLevel: 0.8 };
    const alerted = oneEvent(el, 'sb-kpi-alert');
    document.body.append(el);
    try {
      const detail = ((await alerted) as CustomEvent<KpiAlertDetail>).detail;
      expect(detail).to.deep.equal({ metric: 'serviceLevel', value: 0.5, target: 0.8 });
      await el.updateComplete;
      expect(tile(el, 'serviceLevel', 'tile-target')).to.equal('Target ≥ 80%, missed');
    } finally {
      el.remove();
    }
  });
});
