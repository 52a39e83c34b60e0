import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { en, type Messages } from './messages-en.js';
import { zhCN } from './messages-zh-cn.js';

/** The locales the widgets ship, as BCP 47 tags. */
export const Locale = { en: 'en', zhCN: 'zh-CN' } as const;
/** One of {@link Locale}. */
export type Locale = (typeof Locale)[keyof typeof Locale];

const catalogs: Readonly<Record<Locale, Messages>> = { en, 'zh-CN': zhCN };

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

/** The catalog of `locale`. */
export function messagesFor(locale: Locale): Messages {
  return catalogs[locale];
}

/** A label from a catalog table (presence reasons, channels), or `fallback` for keys it lacks. */
export function lookup(table: object, key: string, fallback: string): string {
  if (!Object.prototype.hasOwnProperty.call(table, key)) return fallback;
  const value: unknown = (table as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : fallback;
}

/**
 * Gives an element its strings: the element's own `locale` (when it has one) or the page-wide one,
 * re-rendering the host when {@link setLocale} switches it.
 *
 * @example
 * ```ts
 * class Hello extends LitElement {
 *   @property() accessor locale: string | undefined;
 *   private i18n = new LocaleController(this, () => this.locale);
 *   render() {
 *     return html`${this.i18n.messages.loading}`;
 *   }
 * }
 * ```
 */
export class LocaleController implements ReactiveController {
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

  /** The host's catalog. */
  get messages(): Messages {
    return catalogs[this.locale];
  }

  hostConnected(): void {
    listeners.add(this.onChange);
  }

  hostDisconnected(): void {
    listeners.delete(this.onChange);
  }
}
