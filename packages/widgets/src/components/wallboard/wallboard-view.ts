import type { KpiReport, KpiValues } from '@switchboard/core/analytics';
import { LiveView, type ContactCenter } from '@switchboard/core/contact-center';
import type { Clock } from '@switchboard/core/shared';

/** The KPIs `<sb-wallboard>` shows, as `as const` keys of core's `KpiValues`. */
export const WallboardMetric = {
  answerRate: 'answerRate',
  serviceLevel: 'serviceLevel',
  asa: 'asaSeconds',
  aht: 'ahtSeconds',
  abandonRate: 'abandonRate',
  csat: 'csat',
} as const;
/** One of {@link WallboardMetric}. */
export type WallboardMetric = (typeof WallboardMetric)[keyof typeof WallboardMetric];

/** Every metric, in the board's default order. @internal */
export const ALL_METRICS: readonly WallboardMetric[] = Object.values(WallboardMetric);

/** Whether a metric is a share (0-1) or a duration in seconds. @internal */
export function metricKind(metric: WallboardMetric): 'share' | 'seconds' {
  return metric === 'asaSeconds' || metric === 'ahtSeconds' ? 'seconds' : 'share';
}

/** Whether a higher value is better (targets are minimums) or worse (targets are maximums). @internal */
export function higherIsBetter(metric: WallboardMetric): boolean {
  return metric !== 'asaSeconds' && metric !== 'ahtSeconds' && metric !== 'abandonRate';
}

/** One interval of a time series: `[from, to)` and the values in it (null: no group data). */
export interface WallboardBucket {
  readonly from: number;
  readonly to: number;
  readonly values: KpiValues | null;
}

/** What `<sb-wallboard>` renders: the live window, today, and the recent buckets, oldest first. */
export interface WallboardData {
  /** When the data was read (the element's clock). */
  readonly at: number;
  /** The sliding window's values (null when the queue has no data in it). */
  readonly window: KpiValues | null;
  /** The sliding window's length, ms. */
  readonly windowMs: number;
  /** Today's values. */
  readonly today: KpiValues | null;
  /** The time series, oldest bucket first; the last one is still open. */
  readonly buckets: readonly WallboardBucket[];
  /** The queue's display name when the board shows one queue. */
  readonly queueName: string | null;
}

/** How {@link watchWallboard} reads. @internal */
export interface WallboardViewOptions {
  readonly queueId: string | undefined;
  readonly bucketMs: number;
  readonly buckets: number;
  readonly clock: Clock;
  /** Fewest milliseconds between two reads (events meanwhile join the next read). */
  readonly minIntervalMs: number;
}

function pick(report: KpiReport, queueId: string | undefined): KpiValues | null {
  if (queueId === undefined) return report.total;
  return Object.prototype.hasOwnProperty.call(report.groups, queueId)
    ? (report.groups[queueId] ?? null)
    : null;
}

/**
 * The bucket boundaries ending with the open bucket that holds `now`: `count` intervals of
 * `bucketMs`, aligned to multiples of `bucketMs` since the epoch, oldest first.
 *
 * @internal
 */
export function bucketBounds(
  now: number,
  bucketMs: number,
  count: number,
): readonly { from: number; to: number }[] {
  const open = Math.floor(now / bucketMs) * bucketMs;
  const bounds: { from: number; to: number }[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const from = open - i * bucketMs;
    bounds.push({ from, to: i === 0 ? Math.max(from, now) : from + bucketMs });
  }
  return bounds;
}

/**
 * A core `LiveView` of the KPIs: the live snapshot (window and today) and one report per bucket,
 * read after routing events, at most once per `minIntervalMs` of the element's clock (events
 * meanwhile join the next read). The element also calls `refresh()` on a timer, since windows
 * slide without events.
 *
 * @internal
 */
export function watchWallboard(
  center: ContactCenter,
  options: WallboardViewOptions,
): LiveView<WallboardData> {
  const { queueId, bucketMs, buckets, clock, minIntervalMs } = options;
  const groupBy = queueId === undefined ? {} : ({ groupBy: 'queue' } as const);
  let lastRead = Number.NEGATIVE_INFINITY;
  return new LiveView<WallboardData>(center, {
    // Routing events only: not tickets, lease renewals or chat messages.
    relevant: (event) =>
      !event.type.startsWith('ticket-') &&
      event.type !== 'agent-lease-renewed' &&
      event.type !== 'transcript-message-added',
    load: async (c) => {
      const wait = lastRead + minIntervalMs - clock.now();
      if (wait > 0) await new Promise<void>((resolve) => clock.setTimeout(resolve, wait));
      const at = clock.now();
      lastRead = at;
      const bounds = bucketBounds(at, bucketMs, buckets);
      const [snapshot, reports, queue] = await Promise.all([
        c.getKpis(),
        Promise.all(bounds.map((b) => c.getKpiReport({ ...b, ...groupBy }))),
        queueId === undefined ? undefined : c.getQueue(queueId).catch(() => undefined),
      ]);
      return {
        at,
        window: pick(snapshot.window, queueId),
        windowMs: snapshot.window.to - snapshot.window.from,
        today: pick(snapshot.today, queueId),
        buckets: reports.map((r, i) => ({
          from: bounds[i]?.from ?? r.from,
          to: bounds[i]?.to ?? r.to,
          values: pick(r, queueId),
        })),
        queueName: queueId === undefined ? null : (queue?.config.name ?? queueId),
      };
    },
  });
}

/** A chart's geometry: the SVG path (`M`/`L` runs, broken at gaps) and the points. @internal */
export interface ChartGeometry {
  readonly path: string;
  readonly points: readonly { readonly x: number; readonly y: number }[];
  /** The top of the value axis. */
  readonly max: number;
}

/**
 * Lays a series out in a `width` x `height` box: x spreads the buckets evenly, y runs from 0
 * (bottom) to `max` (top: 1 for shares, else the largest value rounded up). Null values break the
 * line; non-finite or negative values count as null.
 *
 * @internal
 */
export function chartGeometry(
  values: readonly (number | null)[],
  kind: 'share' | 'seconds',
  width: number,
  height: number,
): ChartGeometry {
  const clean = values.map((v) => (v !== null && Number.isFinite(v) && v >= 0 ? v : null));
  const largest = clean.reduce<number>((m, v) => (v !== null && v > m ? v : m), 0);
  const max = kind === 'share' ? Math.max(1, largest) : niceCeiling(largest);
  const step = clean.length > 1 ? width / (clean.length - 1) : 0;
  const points: { x: number; y: number }[] = [];
  let path = '';
  let pen = false;
  clean.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    const x = round(clean.length > 1 ? i * step : width / 2);
    const y = round(height - (v / max) * height);
    points.push({ x, y });
    path += `${pen ? 'L' : 'M'}${x} ${y}`;
    pen = true;
  });
  return { path, points, max };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The smallest of 1, 2, 5 x 10^k at or above `n` (at least 1). @internal */
export function niceCeiling(n: number): number {
  if (!(n > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 5, 10]) {
    const c = m * power;
    if (c >= n) return Number.isFinite(c) ? c : n;
  }
  return n;
}
