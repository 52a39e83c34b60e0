/** The rows a virtual list renders. @internal */
export interface VirtualWindow {
  /** First rendered row index (inclusive). */
  readonly start: number;
  /** Last rendered row index (exclusive). */
  readonly end: number;
}

/**
 * The rows to render for a viewport of `viewportPx` scrolled to `scrollTop`, with fixed
 * `rowPx` rows, plus `overscan` rows each side; always within `[0, count]`.
 *
 * @internal
 */
export function virtualWindow(
  count: number,
  scrollTop: number,
  viewportPx: number,
  rowPx: number,
  overscan = 5,
): VirtualWindow {
  if (count <= 0 || rowPx <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowPx);
  const visible = Math.ceil(Math.max(rowPx, viewportPx) / rowPx) + 1;
  const start = Math.max(0, Math.min(count - 1, first - overscan));
  const end = Math.min(count, first + visible + overscan);
  return { start, end: Math.max(start + 1, end) };
}
