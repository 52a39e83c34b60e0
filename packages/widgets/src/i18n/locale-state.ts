// The page's locale and the controller elements bind to it with. It imports no catalog: each
// element picks its own strings (`pick(catalog)`), so an element's bundle holds only its strings.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The locales the widgets ship, as BCP 47 tags. */
export const Locale = { en: 'en', zhCN: 'zh-CN' } as const;
/** One of {@link Locale}. */
export type Locale = (typeof Locale)[keyof typeof Locale];

let current: Locale = Locale.en;
const listeners = new Set<() => void>();

/**
 * The shipped locale that best serves a BCP 47 tag: `zh`, `zh-CN`, `zh-Hans`, `zh-SG` give
 * `zh-CN`; anything else gives `en`.
 *
 * @example
 * ```ts
 * matchLocale(navigator.language); // 'zh-CN' in a Chinese browser
 * ```
 */
export function matchLocale(tag: string | null | undefined): Locale {
  const lower = (tag ?? '').toLowerCase();
  if (
    lower === 'zh' ||
    lower.startsWith('zh-cn') ||
    lower.startsWith('zh-hans') ||
    lower.startsWith('zh-sg')
  ) {
    return Locale.zhCN;
  }
  return Locale.en;
}

/**
 * Switches every widget on the page to `locale` at runtime (elements with their own `locale`
 * property keep it). Accepts any BCP 47 tag (see {@link matchLocale}).
 *
 * @example
 * ```ts
 * import { setLocale } from '@switchboard/widgets';
 * setLocale('zh-CN');
 * ```
 */
export function setLocale(locale: string): void {
  const next = matchLocale(locale);
  if (next === current) return;
  current = next;
  for (const listener of [...listeners]) listener();
}

/** The page-wide locale set by {@link setLocale} (default `en`). */
export function getLocale(): Locale {
  return current;
}

/** A label from a catalog table (presence reasons, channels), or `fallback` for keys it lacks. */
export function lookup(table: object, key: string, fallback: string): string {
  if (!Object.prototype.hasOwnProperty.call(table, key)) return fallback;
  const value: unknown = (table as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : fallback;
}

/** An element's strings in every shipped locale; the `en` entry's type makes the others complete. */
export type Catalog<M> = Readonly<Record<Locale, M>>;

/** One catalog with the strings of both (an element's own and the shared words), built once. */
export function mergeCatalogs<A extends object, B extends object>(
  a: Catalog<A>,
  b: Catalog<B>,
): Catalog<A & B> {
  return { en: { ...a.en, ...b.en }, 'zh-CN': { ...a['zh-CN'], ...b['zh-CN'] } };
}

/**
 * Binds an element to the locale: the element's own `locale` (when it has one) or the page-wide
 * one, re-rendering the host when {@link setLocale} switches it; `pick` returns the element's
 * strings from its own {@link Catalog}.
 *
 * @example
 * ```ts
 * const helloCatalog = { en: { hello: 'Hello' }, 'zh-CN': { hello: '你好' } };
 * class Hello extends LitElement {
 *   @property() accessor locale: string | undefined;
 *   private i18n = new LocaleBinding(this, () => this.locale);
 *   render() {
 *     return html`${this.i18n.pick(helloCatalog).hello}`;
 *   }
 * }
 * ```
 */
export class LocaleBinding implements ReactiveController {
  private readonly onChange = (): void => this.host.requestUpdate();

  /**
   * @param host - the element.
   * @param own - reads the element's own locale, if any.
   */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly own: () => string | null | undefined = () => undefined,
  ) {
    host.addController(this);
  }

  /** The locale in effect for the host. */
  get locale(): Locale {
    const own = this.own();
    return own ? matchLocale(own) : current;
  }

  /** The host's strings from `catalog`, in the locale in effect. */
  pick<M>(catalog: Catalog<M>): M {
    return catalog[this.locale];
  }

  hostConnected(): void {
    listeners.add(this.onChange);
  }

  hostDisconnected(): void {
    listeners.delete(this.onChange);
  }
}
