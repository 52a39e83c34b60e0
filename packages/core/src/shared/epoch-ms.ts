/** The earliest time journals may carry: 0001-01-01T00:00:00Z, in epoch ms. */
export const MIN_EPOCH_MS = -62_135_596_800_000;
/** The latest time journals may carry: 9999-12-31T23:59:59.999Z, in epoch ms. */
export const MAX_EPOCH_MS = 253_402_300_799_999;

/**
 * Whether `value` is a time in epoch ms with a four-digit year (0001-9999). A `Date` holds far more
 * (±8.64e15 ms), but calendars add business hours, SLAs and timeouts to journal times: this range
 * leaves those sums inside what a `Date` holds, so a replayed time is refused at the event that
 * carries it instead of failing later inside date arithmetic.
 *
 * @internal
 */
export function isEpochMs(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= MIN_EPOCH_MS &&
    value <= MAX_EPOCH_MS
  );
}
