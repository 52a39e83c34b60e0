import type { Locale } from './locale.js';

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(
  locale: Locale,
  options: Intl.NumberFormatOptions,
  key: string,
): Intl.NumberFormat {
  const id = `${locale}|${key}`;
  let format = numberFormats.get(id);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(id, format);
  }
  return format;
}

/** A count in the locale's digits and grouping (`10,000`). */
export function formatCount(locale: Locale, value: number): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }, 'count').format(value);
}

/** A share 0-1 as a percentage (`87%`). */
export function formatPercent(locale: Locale, share: number): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }, 'pct').format(share);
}

/**
 * A duration as a clock reading, `m:ss` or `h:mm:ss` (what contact-center timers show), with the
 * locale's digits. Negative durations read as zero.
 */
export function formatDuration(locale: Locale, ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = numberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false }, 'two');
  const one = numberFormat(locale, { useGrouping: false }, 'one');
  return hours > 0
    ? `${one.format(hours)}:${two.format(minutes)}:${two.format(seconds)}`
    : `${one.format(minutes)}:${two.format(seconds)}`;
}

/** A wall-clock time (`14:05`), for tooltips and titles. */
export function formatTime(locale: Locale, epochMs: number): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(epochMs);
}
