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
  part,
  parts,
} from '../../fixtures/widget-fixtures.js';
import type { KpiAlertDetail, SbWallboard } from './wallboard.component.js';

declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;
declare const afterEach: (body: () => void) => void;

// 09:00 UTC, the start of a 15-minute interval.
const START = Date.UTC(2026, 11, 4, 9, 0, 0);
let centers: LocalContactCenter[] = [];

/** One answered call (10 s wait, 2 min talk), one abandoned after 30 s, two surveys (5 and 2). */
async function setup(queueName = 'Billing') {
  const clock = new VirtualClock(START);
  const center = createLocalContactCenter({ clock });
  centers.push(center);
  await center.addQueue({ id: 'billing', name: queueName, requirements: [] });
  await center.addAgent({ id: 'alice', skills: {} });
  await center.login('alice');
  const answered = await center.createInteraction({ channel: 'voice', queueId: 'billing' });
  clock.advance(10_000);
  await center.acceptOffer(answered.id);
  const abandoned = await center.createInteraction({ channel: 'voice', queueId: 'billing' });
  clock.advance(30_000);
  await center.abandon(abandoned.id);
  clock.advance(90_000);
  await center.end(answered.id);
  center.kpis.record({
    type: 'survey-answered',
    at: clock.now(),
    interactionId: answered.id,
    score: 5,
  });
  center.kpis.record({
    type: 'survey-answered',
    at: clock.now(),
    interactionId: answered.id,
    score: 2,
  });
  return { clock, center };
}

async function board(center: unknown, clock: VirtualClock) {
  const el = await fixture<SbWallboard>(
    html`<sb-wallboard .center=${center} .clock=${clock} queue-id="billing"></sb-wallboard>`,
  );
  await waitUntil(() => parts(el, 'tile').length === 6, 'tiles render');
  return el;
}

const tile = (el: SbWallboard, metric: string, name = 'tile-value') =>
  el.shadowRoot
    ?.querySelector(`[part~="tile"][data-metric="${metric}"] [part~="${name}"]`)
    ?.textContent?.trim();
const chart = (el: SbWallboard, metric: string) =>
  el.shadowRoot?.querySelector(`[part~="chart"][data-metric="${metric}"]`) as HTMLElement;

describe('sb-wallboard', () => {
  afterEach(() => {
    setLocale('en');
    for (const c of centers) c.dispose();
    centers = [];
  });

  it('shows each KPI over the window and today as text tiles', async () => {
    const { clock, center } = await setup();
    const el = await board(center, clock);
    expect(part(el, 'title')?.textContent?.trim()).to.equal('Billing');
    expect(part(el, 'window')?.textContent?.trim()).to.equal('Last 15 min');
    expect(tile(el, 'answerRate')).to.equal('50%');
    expect(tile(el, 'serviceLevel')).to.equal('50%');
    expect(tile(el, 'asaSeconds')).to.equal('0:10');
    expect(tile(el, 'ahtSeconds')).to.equal('2:00');
    expect(tile(el, 'abandonRate')).to.equal('50%');
    expect(tile(el, 'csat')).to.equal('50%');
    expect(tile(el, 'answerRate', 'tile-today')).to.equal('Today: 50%');
  });

  it('draws an SVG series per KPI with a text alternative and a data table', async () => {
    const { clock, center } = await setup();
    const el = await board(center, clock);
    const answer = chart(el, 'answerRate');
    const svgEl = answer.querySelector('svg') as SVGSVGElement;
    expect(svgEl.getAttribute('role')).to.equal('img');
    expect(svgEl.getAttribute('aria-label')).to.match(
      /^Answer rate from 06:15 AM to 09:02 AM: latest 50%, low 50%, high 50%$/,
    );
    // One bucket holds data: a single point at the right end, half way up.
    expect(answer.querySelector('[part~="line"]')?.getAttribute('d')).to.equal('M300 40');
    const rows = answer.querySelectorAll('[part~="data-table"] tbody tr');
    expect(rows.length).to.equal(12);
    expect(rows[11]?.textContent?.replace(/\s+/g, ' ').trim()).to.equal('09:00 AM–09:02 AM 50%');
    expect(rows[0]?.querySelector('td')?.textContent?.trim()).to.equal('—');
  });

  it('moves the series on when an interval closes', async () => {
    const { clock, center } = await setup();
    const el = await board(center, clock);
    el.refreshSeconds = 900;
    await el.updateComplete; // re-arms the refresh timer 15 minutes ahead
    clock.advance(15 * 60_000);
    await waitUntil(
      () =>
        / from 06:30 AM to 09:17 AM/.test(
          chart(el, 'answerRate').querySelector('svg')?.getAttribute('aria-label') ?? '',
        ),
      'the refresh timer reads the next interval',
    );
    const rows = chart(el, 'answerRate').querySelectorAll('[part~="data-table"] tbody tr');
    expect(rows[10]?.textContent?.replace(/\s+/g, ' ').trim()).to.equal('09:00 AM–09:15 AM 50%');
    expect(rows[11]?.querySelector('td')?.textContent?.trim()).to.equal('—');
    expect(chart(el, 'answerRate').querySelector('[part~="line"]')?.getAttribute('d')).to.equal(
      'M272.73 40',
    );
  });

  it('reads at most once a second of its clock, however many events arrive', async () => {
    const { clock, center: local } = await setup();
    const { center, calls } = countingCenter(local);
    const el = await board(center, clock);
    expect(calls.get('getKpis')).to.equal(1);
    for (let i = 0; i < 20; i++)
      await local.createInteraction({ channel: 'chat', queueId: 'billing' });
    // The read after the burst waits for the clock; events meanwhile join it.
    expect(calls.get('getKpis')).to.equal(1);
    clock.advance(1000);
    await waitUntil(() => calls.get('getKpis') === 2, 'one more read');
    await waitUntil(() => tile(el, 'answerRate') === '5%', 'the burst is in the tiles');
    expect(calls.get('getKpis')).to.equal(2);
  });

  it('raises sb-kpi-alert and announces a missed target', async () => {
    const { clock, center } = await setup();
    const el = document.createElement('sb-wallboard');
    el.center = center;
    el.clock = clock;
    el.queueId = 'billing';
    el.targets = { serviceLevel: 0.8, asaSeconds: 30 };
    const alerted = oneEvent(el, 'sb-kpi-alert');
    document.body.append(el);
    try {
      const detail = ((await alerted) as CustomEvent<KpiAlertDetail>).detail;
      expect(detail).to.deep.equal({ metric: 'serviceLevel', value: 0.5, target: 0.8 });
      await el.updateComplete;
      const sl = el.shadowRoot?.querySelector('[part~="tile"][data-metric="serviceLevel"]');
      expect(sl?.getAttribute('data-state')).to.equal('missed');
      expect(tile(el, 'serviceLevel', 'tile-target')).to.equal('Target ≥ 80%, missed');
      expect(tile(el, 'asaSeconds', 'tile-target')).to.equal('Target ≤ 0:30');
      expect(el.shadowRoot?.querySelector('[role="status"]')?.textContent?.trim()).to.equal(
        'Service level is 50%, missing its target of 80%',
      );
      expect(
        chart(el, 'serviceLevel').querySelector('[part~="target-line"]')?.getAttribute('y1'),
      ).to.equal('16');
    } finally {
      el.remove();
    }
  });

  it('shows and hides a data table from the keyboard', async () => {
    const { clock, center } = await setup();
    const el = await board(center, clock);
    const toggle = chart(el, 'ahtSeconds').querySelector('[part~="data-toggle"]') as HTMLElement;
    const table = chart(el, 'ahtSeconds').querySelector('[part~="data-table"]') as HTMLElement;
    expect(table.hidden).to.equal(true);
    toggle.focus();
    const heard = oneEvent(el, 'sb-kpi-data-toggle');
    await sendKeys({ press: 'Enter' });
    expect(((await heard) as CustomEvent).detail).to.deep.equal({
      metric: 'ahtSeconds',
      open: true,
    });
    await el.updateComplete;
    expect(table.hidden).to.equal(false);
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(table.hidden).to.equal(true);
  });

  it('switches language at runtime', async () => {
    const { clock, center } = await setup();
    const el = await board(center, clock);
    setLocale('zh-CN');
    await waitUntil(() => tile(el, 'answerRate', 'tile-label') === '接通率', 'labels in Chinese');
    expect(part(el, 'window')?.textContent?.trim()).to.equal('最近 15 分钟');
    expect(tile(el, 'csat', 'tile-today')).to.equal('今日：50%');
    expect(
      chart(el, 'answerRate').querySelector('[part~="data-toggle"]')?.textContent?.trim(),
    ).to.match(/^显示数据/);
  });

  it('has no axe violations, light and dark, with tables open', async () => {
    const { clock, center } = await setup();
    const el = await board(center, clock);
    await expectAccessible(el);
    for (const t of parts(el, 'data-toggle')) t.click();
    el.theme = 'dark';
    await el.updateComplete;
    await expectAccessible(el);
  });

  it('renders a hostile queue name as text', async () => {
    for (const payload of XSS_PAYLOADS) {
      const { clock, center } = await setup(payload);
      const el = await board(center, clock);
      expect(part(el, 'title')?.textContent?.trim()).to.equal(payload.trim());
      // The charts are SVG by design: only they may be.
      const svgs = el.shadowRoot?.querySelectorAll('svg') ?? [];
      expect([...svgs].every((s) => s.getAttribute('part') === 'chart-svg')).to.equal(true);
      expect(el.shadowRoot?.querySelectorAll('img, script, iframe, a[href]').length).to.equal(0);
      expect((window as { __sbXss?: number }).__sbXss).to.equal(undefined);
      el.remove();
    }
  });

  it('unsubscribes when disconnected', async () => {
    const { clock, center: local } = await setup();
    const { center, liveEventListeners } = countingCenter(local);
    const el = await board(center, clock);
    expect(liveEventListeners()).to.equal(1);
    el.remove();
    expect(liveEventListeners()).to.equal(0);
  });
});
