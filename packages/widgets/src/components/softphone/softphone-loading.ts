// The softphone's views beyond its idle dialer (softphone-views.ts), loaded once per page: every
// softphone on the page shares them.

/** The views beyond the idle dialer, with the target checks. @internal */
export type Views = typeof import('./softphone-views.js');

let views: Views | undefined;
let viewsLoading: Promise<Views> | undefined;

/** The views, once loaded. @internal */
export function loadedViews(): Views | undefined {
  return views;
}

/**
 * Loads the views, once per page. A failed load is forgotten, so that the next need tries again.
 *
 * @internal
 */
export function loadViews(): Promise<Views> {
  viewsLoading ??= import('./softphone-views.js').then(
    (loaded) => (views = loaded),
    (error: unknown) => {
      viewsLoading = undefined;
      throw error;
    },
  );
  return viewsLoading;
}
