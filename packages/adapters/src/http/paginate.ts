import { AdapterHttpError } from './adapter-http-error.js';

/** Options of {@link paginate}. */
export interface PaginateOptions<P, I> {
  /** Reads one page; `cursor` is `undefined` for the first. */
  readonly fetchPage: (cursor: string | undefined) => Promise<P>;
  /** The items of a page. */
  readonly items: (page: P) => readonly I[];
  /** The cursor of the next page, or `undefined` on the last one. */
  readonly next: (page: P) => string | undefined;
  /** Most pages read (default 100): a system that never ends its list cannot hold us. */
  readonly maxPages?: number;
}

/**
 * Walks a cursor-paginated list, item by item, reading pages as they are needed. Stops with
 * `ADAPTER_PAGINATION_LIMIT` past `maxPages` or when a page repeats a cursor already seen.
 *
 * @example
 * ```ts
 * for await (const contact of paginate({
 *   fetchPage: (after) =>
 *     http.request<{ results: { id: string }[]; paging?: { next?: { after: string } } }>(
 *       'GET', '/crm/v3/objects/contacts', { searchParams: after ? { after } : {} }),
 *   items: (page) => page.results,
 *   next: (page) => page.paging?.next?.after,
 * })) console.log(contact.id);
 * ```
 */
export async function* paginate<P, I>(options: PaginateOptions<P, I>): AsyncGenerator<I, void> {
  const maxPages = options.maxPages ?? 100;
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let pages = 1; ; pages++) {
    const page = await options.fetchPage(cursor);
    yield* options.items(page);
    cursor = options.next(page);
    if (cursor === undefined) return;
    if (seen.has(cursor) || pages >= maxPages)
      throw new AdapterHttpError(
        'ADAPTER_PAGINATION_LIMIT',
        seen.has(cursor)
          ? `pagination repeated cursor after ${pages} pages`
          : `pagination stopped at maxPages (${maxPages})`,
      );
    seen.add(cursor);
  }
}
