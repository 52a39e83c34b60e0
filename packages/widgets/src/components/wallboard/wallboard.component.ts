import { LitElement, html, nothing, svg, type PropertyValues } from 'lit';
import type { KpiValues } from '@switchboard/core/analytics';
import type { ContactCenter, LiveView, LiveViewSnapshot } from '@switchboard/core/contact-center';
import { systemClock, type Clock, type TimerHandle } from '@switchboard/core/shared';
import { ContactCenterController } from '../../controllers/contact-center-controller.js';
import { LocaleBinding } from '../../i18n/locale-state.js';
import { wallboardMessages as messages, type WallboardMessages } from './wallboard.messages.js';
import { formatCount, formatDuration, formatPercent, formatTime } from '../../i18n/format.js';
import { emit } from '../../internal/events.js';
import { wallboardStyles } from './wallboard.styles.js';
import {
  ALL_METRICS,
  chartGeometry,
  higherIsBetter,
  metricKind,
  watchWallboard,
  type WallboardData,
  type WallboardMetric,
} from './wallboard-view.js';

type Messages = WallboardMessages;

/** Targets per metric: shares 0-1, durations in seconds; minimums or maximums by metric. */
export type WallboardTargets = Partial<Readonly<Record<WallboardMetric, number>>>;

/** `detail` of `sb-kpi-alert`: a metric just started missing its target. */
export interface KpiAlertDetail {
  readonly metric: WallboardMetric;
  readonly value: number;
  readonly target: number;
}

/** `detail` of `sb-kpi-data-toggle`: the user showed or hid a chart's data table. */
export interface KpiDataToggleDetail {
  readonly metric: WallboardMetric;
  readonly open: boolean;
}

const W = 300;
const H = 80;

const metricsConverter = {
  fromAttribute: (value: string | null): readonly WallboardMetric[] =>
    (value ?? '')
      .split(/\s+/)
      .filter((m): m is WallboardMetric => (ALL_METRICS as readonly string[]).includes(m)),
  toAttribute: (value: readonly WallboardMetric[]): string => value.join(' '),
};

/**
 * `<sb-wallboard>`: a supervisor wallboard of live KPI tiles (answer rate, service level, ASA,
 * AHT, abandonment, CSAT over the center's sliding window, with today's value) and one small SVG
 * time-series chart per KPI over recent intervals. Tiles are plain text; each chart is an image
 * whose accessible name summarises the series, with a data table a button reveals. The data comes
 * from the center's KPI queries (`getKpis`, `getKpiReport`), read after routing events at most once
 * a second and every `refresh-seconds`.
 *
 * The center comes from the `center` property or the enclosing `<sb-contact-center>`.
 *
 * **Keyboard**: Tab reaches each chart's "Show data" button (Enter/Space show or hide the table
 * after it, `aria-expanded` says which); nothing else takes focus.
 *
 * **Events**: `sb-kpi-alert` (a metric started missing its target; also announced in a polite
 * live region), `sb-kpi-data-toggle`.
 *
 * @slot title - replaces the heading (default: the queue's name or "Contact center").
 * @slot actions - controls placed at the end of the header.
 *
 * @csspart base - the whole board.
 * @csspart header - the heading row.
 * @csspart title - the default heading.
 * @csspart window - "Last 15 min".
 * @csspart tiles - the list of tiles.
 * @csspart tile - one KPI tile (`data-metric`, `data-state` `met`, `missed` or `none`).
 * @csspart tile-label - a tile's KPI name.
 * @csspart tile-value - a tile's value over the window.
 * @csspart tile-today - a tile's value today.
 * @csspart tile-target - a tile's target.
 * @csspart charts - the chart grid.
 * @csspart chart - one chart figure (`data-metric`).
 * @csspart chart-title - a chart's caption.
 * @csspart chart-svg - the SVG image.
 * @csspart line - the series line.
 * @csspart target-line - the dashed target line.
 * @csspart data-toggle - the "Show data" button.
 * @csspart data-table - the chart's data table.
 * @csspart message - loading and error messages.
 *
 * @cssprop --sb-color-chart-line - The series line (default the accent colour).
 * @cssprop --sb-color-chart-grid - The chart's axis lines (default the border colour).
 * @cssprop --sb-color-chart-target - The target line (default the warning colour).
 * @cssprop --sb-color-danger - Tiles that miss their target (plus every token in the README).
 *
 * @example
 * ```html
 * <sb-wallboard queue-id="billing" bucket-minutes="15" buckets="12"></sb-wallboard>
 * <script type="module">
 *   document.querySelector('sb-wallboard').targets = { serviceLevel: 0.8, asaSeconds: 30 };
 * </script>
 * ```
 */
export class SbWallboard extends LitElement {
  /** @internal The element's shadow styles (themed through the documented tokens). */
  static override styles = wallboardStyles;

  /** @internal Lit's reactive property declarations. */
  static override properties = {
    center: { attribute: false },
    queueId: { attribute: 'queue-id', reflect: true },
    metrics: { converter: metricsConverter },
    targets: { attribute: false },
    bucketMinutes: { attribute: 'bucket-minutes', type: Number },
    buckets: { type: Number },
    refreshSeconds: { attribute: 'refresh-seconds', type: Number },
    locale: { reflect: true },
    theme: { reflect: true },
    clock: { attribute: false },
    open: { state: true },
  };

  /** The center; without one the element uses the `sb-contact-center` context. */
  declare center: ContactCenter | undefined;
  /** Only this queue's KPIs (attribute `queue-id`); default the whole center. */
  declare queueId: string | undefined;
  /** Which KPIs, in order (attribute: space-separated keys); default all six. */
  declare metrics: readonly WallboardMetric[];
  /** Targets per KPI; a tile that misses its target turns `data-state="missed"`. */
  declare targets: WallboardTargets;
  /** Length of one chart interval in minutes, 1-1440 (default 15). */
  declare bucketMinutes: number;
  /** Number of chart intervals, 2-96 (default 12; the last one is the current, open one). */
  declare buckets: number;
  /** Reads again at least this often, seconds (default 10): windows slide without events. */
  declare refreshSeconds: number;
  /** This element's locale (`en`, `zh-CN`); default the page-wide one (`setLocale`). */
  declare locale: string | undefined;
  /** `light` or `dark`; default follows the user's colour scheme. */
  declare theme: 'light' | 'dark' | undefined;
  /** The time source of reads and intervals (default the system clock). */
  declare clock: Clock;
  declare private open: ReadonlySet<WallboardMetric>;

  private readonly i18n = new LocaleBinding(this, () => this.locale);
  private view: LiveView<WallboardData> | undefined;
  private readonly board = new ContactCenterController(this, {
    center: () => this.center,
    key: () =>
      JSON.stringify([
        this.queueId ?? null,
        clampInt(this.bucketMinutes, 1, 1440, 15),
        clampInt(this.buckets, 2, 96, 12),
      ]),
    open: (center) => {
      this.view = watchWallboard(center, {
        queueId: this.queueId,
        bucketMs: clampInt(this.bucketMinutes, 1, 1440, 15) * 60_000,
        buckets: clampInt(this.buckets, 2, 96, 12),
        clock: this.clock,
        minIntervalMs: 1000,
      });
      return this.view;
    },
    select: (s: LiveViewSnapshot<WallboardData>) => s,
  });
  private refreshTimer: { clock: Clock; handle: TimerHandle } | undefined;
  private states = new Map<WallboardMetric, 'met' | 'missed' | 'none'>();
  private announcement = '';
  private seen: WallboardData | undefined;

  constructor() {
    super();
    this.metrics = ALL_METRICS;
    this.targets = {};
    this.bucketMinutes = 15;
    this.buckets = 12;
    this.refreshSeconds = 10;
    this.clock = systemClock;
    this.open = new Set();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopRefresh();
  }

  protected override willUpdate(_changed: PropertyValues): void {
    const data = this.board.value?.data;
    if (data && data !== this.seen) {
      this.seen = data;
      this.checkTargets(data);
    }
  }

  override updated(): void {
    this.stopRefresh();
    const view = this.view;
    if (!this.isConnected || !view || !this.board.value) return;
    const clock = this.clock;
    const every = clampInt(this.refreshSeconds, 1, 3600, 10) * 1000;
    this.refreshTimer = {
      clock,
      handle: clock.setTimeout(() => {
        this.refreshTimer = undefined;
        if (view.getSnapshot().status !== 'disposed') view.refresh();
      }, every),
    };
  }

  override render() {
    const m = this.i18n.pick(messages);
    const s = this.board.value;
    if (!this.board.center) return this.message(m.noCenter);
    if (!s || s.status === 'loading') return this.message(m.loading);
    if (!s.data) return this.message(m.loadFailed);
    const d = s.data;
    const w = m.wallboard;
    const locale = this.i18n.locale;
    return html`<section part="base" aria-label=${w.label}>
      <header part="header">
        <slot name="title"><h2 part="title">${d.queueName ?? w.title}</h2></slot>
        <span part="window">${w.windowLabel(formatCount(locale, d.windowMs / 60_000))}</span>
        <slot name="actions"></slot>
      </header>
      <ul part="tiles">
        ${this.metrics.map((metric) => this.renderTile(m, d, metric))}
      </ul>
      <div part="charts">${this.metrics.map((metric) => this.renderChart(m, d, metric))}</div>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </section>`;
  }

  private message(text: string) {
    return html`<div part="base message" role="status">${text}</div>`;
  }

  private format(metric: WallboardMetric, value: number | null): string {
    const locale = this.i18n.locale;
    if (value === null || !Number.isFinite(value)) return this.i18n.pick(messages).notAvailable;
    return metricKind(metric) === 'share'
      ? formatPercent(locale, value)
      : formatDuration(locale, value * 1000);
  }

  private target(metric: WallboardMetric): number | undefined {
    const t = Object.prototype.hasOwnProperty.call(this.targets, metric)
      ? this.targets[metric]
      : undefined;
    return typeof t === 'number' && Number.isFinite(t) ? t : undefined;
  }

  private stateOf(metric: WallboardMetric, value: number | null): 'met' | 'missed' | 'none' {
    const target = this.target(metric);
    if (target === undefined || value === null) return 'none';
    const met = higherIsBetter(metric) ? value >= target : value <= target;
    return met ? 'met' : 'missed';
  }

  private renderTile(m: Messages, d: WallboardData, metric: WallboardMetric) {
    const w = m.wallboard;
    const value = read(d.window, metric);
    const target = this.target(metric);
    const state = this.stateOf(metric, value);
    return html`<li part="tile" data-metric=${metric} data-state=${state}>
      <span part="tile-label">${w.metric[metric]}</span>
      <span part="tile-value">${this.format(metric, value)}</span>
      <span part="tile-today">${w.today(this.format(metric, read(d.today, metric)))}</span>
      ${
        target === undefined
          ? nothing
          : html`<span part="tile-target"
              >${(higherIsBetter(metric) ? w.targetAtLeast : w.targetAtMost)(
                this.format(metric, target),
              )}${state === 'missed' ? html`, ${w.missed}` : nothing}</span
            >`
      }
    </li>`;
  }

  private renderChart(m: Messages, d: WallboardData, metric: WallboardMetric) {
    const w = m.wallboard;
    const locale = this.i18n.locale;
    const values = d.buckets.map((b) => read(b.values, metric));
    const kind = metricKind(metric);
    const geometry = chartGeometry(values, kind, W, H);
    const known = values.filter((v): v is number => v !== null);
    const label = w.metric[metric];
    const first = d.buckets[0];
    const last = d.buckets[d.buckets.length - 1];
    const summary =
      known.length === 0 || !first || !last
        ? w.chartNoData(label)
        : w.chartSummary(
            label,
            formatTime(locale, first.from),
            formatTime(locale, last.to),
            this.format(metric, known[known.length - 1] ?? null),
            this.format(metric, Math.min(...known)),
            this.format(metric, Math.max(...known)),
          );
    const target = this.target(metric);
    const targetY =
      target !== undefined && target >= 0 && target <= geometry.max
        ? Math.round((H - (target / geometry.max) * H) * 100) / 100
        : undefined;
    const open = this.open.has(metric);
    const tableId = `data-${metric}`;
    return html`<figure part="chart" data-metric=${metric}>
      <figcaption part="chart-title">${label}</figcaption>
      <svg
        part="chart-svg"
        role="img"
        aria-label=${summary}
        viewBox="0 0 ${W} ${H}"
        preserveAspectRatio="none"
      >
        ${svg`<line class="axis" x1="0" y1=${H} x2=${W} y2=${H}></line>
        ${
          targetY === undefined
            ? nothing
            : svg`<line part="target-line" x1="0" y1=${targetY} x2=${W} y2=${targetY}></line>`
        }
        <path part="line" d=${geometry.path || 'M0 0'} data-empty=${geometry.path ? 'false' : 'true'}></path>`}
      </svg>
      <button
        part="data-toggle"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls=${tableId}
        @click=${() => this.toggle(metric)}
      >
        ${open ? w.hideData : w.showData}<span class="visually-hidden">: ${label}</span>
      </button>
      <table part="data-table" id=${tableId} ?hidden=${!open}>
        <caption class="visually-hidden">
          ${label}
        </caption>
        <thead>
          <tr>
            <th scope="col">${w.colInterval}</th>
            <th scope="col">${w.colValue}</th>
          </tr>
        </thead>
        <tbody>
          ${d.buckets.map(
            (b, i) =>
              html`<tr>
                <th scope="row">
                  ${w.interval(formatTime(locale, b.from), formatTime(locale, b.to))}
                </th>
                <td>${this.format(metric, values[i] ?? null)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </figure>`;
  }

  private toggle(metric: WallboardMetric): void {
    const next = new Set(this.open);
    const open = !next.has(metric);
    if (open) next.add(metric);
    else next.delete(metric);
    this.open = next;
    const detail: KpiDataToggleDetail = { metric, open };
    emit(this, 'sb-kpi-data-toggle', detail);
  }

  private checkTargets(d: WallboardData): void {
    const w = this.i18n.pick(messages).wallboard;
    const alerts: string[] = [];
    for (const metric of this.metrics) {
      const value = read(d.window, metric);
      const state = this.stateOf(metric, value);
      const before = this.states.get(metric);
      this.states.set(metric, state);
      const target = this.target(metric);
      if (state !== 'missed' || before === 'missed' || value === null || target === undefined) {
        continue;
      }
      const detail: KpiAlertDetail = { metric, value, target };
      emit(this, 'sb-kpi-alert', detail);
      alerts.push(
        w.alert(w.metric[metric], this.format(metric, value), this.format(metric, target)),
      );
    }
    if (alerts.length > 0) this.announcement = alerts.join(' ');
  }

  private stopRefresh(): void {
    if (this.refreshTimer) this.refreshTimer.clock.clearTimeout(this.refreshTimer.handle);
    this.refreshTimer = undefined;
  }
}

function read(values: KpiValues | null, metric: WallboardMetric): number | null {
  return values ? values[metric] : null;
}

function clampInt(value: number, min: number, max: number, fallback: number): number {
  if (!Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.round(value)));
}
